import type { GarAttributeNames } from '../gar-config.ts';
import { garError } from './gar-errors.ts';

/** What a GAR login says about a person, read from the SAML attributes (names configurable, GAR's by default). */
export type GarRole = 'PUPIL' | 'TEACHER' | 'ADMIN';

export interface GarClassRef {
  code: string;
  label: string;
}

export interface GarIdentity {
  /** The account key: the GAR's pseudonymous id, never the NameID. */
  ido: string;
  uais: string[];
  firstName: string;
  lastName: string;
  role: GarRole;
  divisions: GarClassRef[];
  groups: Array<GarClassRef & { division: string | null }>;
  subjects: string[];
  email: string | null;
}

export type SamlAttributes = ReadonlyMap<string, readonly string[]>;

const UAI = /^[0-9]{7}[A-Z]$/;

/** `National_elv` → pupil; `National_ens`, `National_doc` → teacher; `National_dir` → school administrator. */
export function roleFromProfiles(profiles: readonly string[]): GarRole | null {
  const normalized = new Set(profiles.map((p) => p.trim().toLowerCase()));
  if (normalized.has('national_dir')) return 'ADMIN';
  if (normalized.has('national_ens') || normalized.has('national_doc')) return 'TEACHER';
  if (normalized.has('national_elv')) return 'PUPIL';
  return null;
}

/** `code##label` (label optional); `GRO` adds `##division`. */
export function parseClassRef(value: string): (GarClassRef & { division: string | null }) | null {
  const [code, label, division] = value.split('##').map((part) => part.trim());
  if (!code) return null;
  return { code, label: label || code, division: division || null };
}

function values(attributes: SamlAttributes, name: string): string[] {
  return (attributes.get(name) ?? []).map((v) => v.trim()).filter(Boolean);
}

function single(attributes: SamlAttributes, name: string): string {
  return values(attributes, name)[0] ?? '';
}

function uniqueBy<T>(items: T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => !seen.has(key(item)) && seen.add(key(item)));
}

export function mapGarAttributes(attributes: SamlAttributes, names: GarAttributeNames): GarIdentity {
  const ido = single(attributes, names.ido);
  if (!ido) throw garError('SAML_ATTRIBUTE_MISSING', `attribute ${names.ido} missing`);
  const uais = uniqueBy(
    values(attributes, names.uai)
      .map((u) => u.toUpperCase())
      .filter((u) => UAI.test(u)),
    (u) => u,
  );
  if (uais.length === 0) throw garError('SAML_ATTRIBUTE_MISSING', `attribute ${names.uai} missing or invalid`);
  const profiles = values(attributes, names.profile);
  if (profiles.length === 0) throw garError('SAML_ATTRIBUTE_MISSING', `attribute ${names.profile} missing`);
  const role = roleFromProfiles(profiles);
  if (!role) throw garError('GAR_PROFILE_UNSUPPORTED', `profile ${profiles.join(',').slice(0, 60)}`);
  const refs = (name: string) => values(attributes, name).flatMap((v) => parseClassRef(v) ?? []);
  return {
    ido,
    uais,
    firstName: single(attributes, names.firstName),
    lastName: single(attributes, names.lastName),
    role,
    divisions: uniqueBy(refs(names.divisions), (d) => d.code).map(({ code, label }) => ({ code, label })),
    groups: uniqueBy(refs(names.groups), (g) => g.code),
    subjects: uniqueBy(values(attributes, names.subjects), (s) => s),
    email: single(attributes, names.email) || null,
  };
}
