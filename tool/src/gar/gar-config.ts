/**
 * SAML / GAR settings, parsed from the environment by config.ts (the only reader of process.env).
 * Files (keys, certificates, metadata) are only named here; the composition root reads them.
 */

/** Our names for the attributes we read, and the GAR's attribute names by default. */
export interface GarAttributeNames {
  ido: string;
  uai: string;
  firstName: string;
  lastName: string;
  profile: string;
  divisions: string;
  groups: string;
  subjects: string;
  email: string;
}

export const GAR_ATTRIBUTE_DEFAULTS: GarAttributeNames = {
  ido: 'IDO',
  uai: 'UAI',
  firstName: 'PRE',
  lastName: 'NOM',
  profile: 'PRO',
  divisions: 'DIV',
  groups: 'GRO',
  subjects: 'P_MS4',
  email: 'P_MEL',
};

export interface SamlIdpSettings {
  /** Short name used in `?idp=`, as the account issuer and in logs (`gar`, `academie-x`, `demo`). */
  name: string;
  /** Metadata file path or https URL; `builtin:demo` for the /demo IdP. */
  metadata: string;
  /** More signing certificate files accepted besides the metadata's (certificate rotation). */
  extraCertificateFiles: string[];
  /** Require a signed Response envelope on top of the signed assertion. */
  responseSigned: boolean;
}

export interface SamlSettings {
  /** The first one is the default IdP of `/saml/login`. Empty: SAML is off. */
  idps: SamlIdpSettings[];
  spKeyFile: string | null;
  spCertFile: string | null;
  spEncryptionKeyFile: string | null;
  spEncryptionCertFile: string | null;
  /** A certificate published in the metadata ahead of a key rotation. */
  spNextCertFile: string | null;
  clockSkewSeconds: number;
  /** The resource URL declared to the GAR: always sent as RelayState. Null: `${PUBLIC_URL}/saml/login`. */
  resourceUrl: string | null;
  allowIdpInitiated: boolean;
  attributes: GarAttributeNames;
  createUnknownSchools: boolean;
  /** How long an AuthnRequest may wait for its answer. */
  requestTtlSeconds: number;
  /** How often metadata fetched from a URL is refreshed. */
  metadataRefreshHours: number;
  /** `validUntil` of our signed SP metadata, in days from now (never after the signing certificate's end). */
  spMetadataValidDays: number;
}

const NAME = /^[a-z][a-z0-9-]{0,31}$/;
const BOOL = new Map([
  ['true', true],
  ['1', true],
  ['yes', true],
  ['false', false],
  ['0', false],
  ['no', false],
]);

/** Parses the SAML variables; returns every problem instead of throwing, so config.ts lists them all at once. */
export function parseSamlSettings(
  env: Record<string, string | undefined>,
  context: { production: boolean; demoEnabled: boolean },
): { settings: SamlSettings; problems: string[] } {
  const problems: string[] = [];
  const bool = (name: string, fallback: boolean) => {
    const raw = env[name];
    if (raw === undefined) return fallback;
    const value = BOOL.get(raw.toLowerCase());
    if (value === undefined) {
      problems.push(`${name} : true ou false attendu (valeur : « ${raw} »)`);
      return fallback;
    }
    return value;
  };
  const int = (name: string, fallback: number, min: number, max: number) => {
    const raw = env[name];
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name} : entier entre ${min} et ${max} attendu (valeur : « ${raw} »)`);
      return fallback;
    }
    return value;
  };
  const file = (name: string) => env[name] ?? null;

  const defaultIdps = context.demoEnabled ? 'demo' : '';
  const names = (env.SAML_IDPS ?? defaultIdps)
    .split(/[\s,]+/)
    .map((n) => n.trim().toLowerCase())
    .filter(Boolean);
  const idps: SamlIdpSettings[] = [];
  for (const name of names) {
    if (!NAME.test(name)) {
      problems.push(`SAML_IDPS : nom d’IdP invalide « ${name} » (minuscules, chiffres, tirets)`);
      continue;
    }
    if (idps.some((idp) => idp.name === name)) {
      problems.push(`SAML_IDPS : « ${name} » apparaît deux fois`);
      continue;
    }
    const prefix = `SAML_IDP_${name.toUpperCase().replace(/-/g, '_')}_`;
    let metadata = env[`${prefix}METADATA`] ?? (name === 'demo' ? 'builtin:demo' : '');
    if (metadata === 'builtin:demo' && !context.demoEnabled) {
      problems.push(`${prefix}METADATA : l’IdP de démonstration n’existe que lorsque /demo est actif (jamais en production)`);
      metadata = '';
    } else if (!metadata) {
      problems.push(`${prefix}METADATA : obligatoire pour l’IdP « ${name} » (chemin d’un fichier ou URL https des métadonnées)`);
    } else if (/^[a-z]+:\/\//i.test(metadata)) {
      try {
        const url = new URL(metadata);
        if (url.protocol !== 'https:' && !(url.protocol === 'http:' && !context.production)) {
          problems.push(`${prefix}METADATA : URL https attendue (valeur : « ${metadata} »)`);
        }
      } catch {
        problems.push(`${prefix}METADATA : URL invalide (valeur : « ${metadata} »)`);
      }
    }
    idps.push({
      name,
      metadata,
      extraCertificateFiles: (env[`${prefix}CERTS`] ?? '').split(',').map((f) => f.trim()).filter(Boolean),
      responseSigned: bool(`${prefix}RESPONSE_SIGNED`, false),
    });
  }

  const attributes = { ...GAR_ATTRIBUTE_DEFAULTS };
  if (env.SAML_ATTRIBUTE_NAMES) {
    for (const pair of env.SAML_ATTRIBUTE_NAMES.split(',').map((p) => p.trim()).filter(Boolean)) {
      const [key, value] = pair.split('=').map((part) => part.trim());
      if (!key || !value || !(key in attributes)) {
        problems.push(`SAML_ATTRIBUTE_NAMES : « ${pair} » (attendu nom=ATTRIBUT, noms : ${Object.keys(attributes).join(', ')})`);
        continue;
      }
      attributes[key as keyof GarAttributeNames] = value;
    }
  }

  const settings: SamlSettings = {
    idps,
    spKeyFile: file('SAML_SP_KEY_FILE'),
    spCertFile: file('SAML_SP_CERT_FILE'),
    spEncryptionKeyFile: file('SAML_SP_ENCRYPTION_KEY_FILE'),
    spEncryptionCertFile: file('SAML_SP_ENCRYPTION_CERT_FILE'),
    spNextCertFile: file('SAML_SP_NEXT_CERT_FILE'),
    clockSkewSeconds: int('SAML_CLOCK_SKEW_SECONDS', 180, 0, 900),
    resourceUrl: env.SAML_RESOURCE_URL ?? null,
    allowIdpInitiated: bool('SAML_ALLOW_IDP_INITIATED', false),
    attributes,
    createUnknownSchools: bool('GAR_CREATE_UNKNOWN_SCHOOLS', false),
    requestTtlSeconds: int('SAML_REQUEST_TTL_SECONDS', 1800, 60, 86_400),
    metadataRefreshHours: int('SAML_METADATA_REFRESH_HOURS', 24, 1, 24 * 30),
    spMetadataValidDays: int('SAML_SP_METADATA_VALID_DAYS', 30, 1, 3650),
  };
  if (settings.resourceUrl !== null && !/^https?:\/\/[^/]+/.test(settings.resourceUrl)) {
    problems.push(`SAML_RESOURCE_URL : URL attendue (valeur : « ${settings.resourceUrl} »)`);
  }
  if ((settings.spKeyFile === null) !== (settings.spCertFile === null)) {
    problems.push('SAML_SP_KEY_FILE et SAML_SP_CERT_FILE : donnez les deux ou aucun');
  }
  if ((settings.spEncryptionKeyFile === null) !== (settings.spEncryptionCertFile === null)) {
    problems.push('SAML_SP_ENCRYPTION_KEY_FILE et SAML_SP_ENCRYPTION_CERT_FILE : donnez les deux ou aucun');
  }
  if (context.production && idps.length > 0 && settings.spKeyFile === null) {
    problems.push('SAML_SP_KEY_FILE : obligatoire en production quand SAML_IDPS est défini (clé privée PEM du fournisseur de service)');
  }
  return { settings, problems };
}
