import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import type { Referential } from '../../referential/domain/referential.ts';
import { localize } from '../../referential/infrastructure/framework-file.ts';
import { resolveSelectors, type TargetProfile } from '../domain/target-profile.ts';

const localized = z.object({ fr: z.string().min(1), en: z.string().min(1) });
const level = z.number().int().min(1).max(8);
const selector = z.union([
  z.object({ area: z.string(), level }).strict(),
  z.object({ competence: z.string(), level }).strict(),
  z.object({ tube: z.string(), level }).strict(),
]);
const catalogueFile = z
  .object({
    profiles: z.array(
      z
        .object({
          key: z.string().regex(/^[a-z0-9.-]+$/),
          category: z.enum(['BACK_TO_SCHOOL', 'COMPETENCES']),
          name: localized,
          description: localized.optional(),
          tubes: z.array(selector).min(1),
        })
        .strict(),
    ),
  })
  .strict();

export interface CatalogueProfile {
  key: string;
  category: 'BACK_TO_SCHOOL' | 'COMPETENCES';
  name: { fr: string; en: string };
  description: { fr: string; en: string };
  tubes: TargetProfile['tubes'];
}

export interface TargetProfileCatalogue {
  profiles: readonly CatalogueProfile[];
  get(key: string): CatalogueProfile | undefined;
  /** The profile as the domain sees it, in a locale. */
  toTargetProfile(profile: CatalogueProfile, locale: string): TargetProfile;
}

/**
 * The shipped target profiles (referential/target-profiles/*.yaml), resolved against the referential once at
 * start-up. A line naming an unknown area, competence or tube stops start-up, like an invalid épreuve.
 */
export function loadTargetProfileCatalogue(dir: string, referential: Referential): TargetProfileCatalogue {
  let files: string[] = [];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();
  } catch {
    files = [];
  }
  const profiles: CatalogueProfile[] = [];
  const problems: string[] = [];
  for (const file of files) {
    const parsed = catalogueFile.safeParse(parse(readFileSync(join(dir, file), 'utf8')));
    if (!parsed.success) {
      problems.push(`${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
      continue;
    }
    for (const p of parsed.data.profiles) {
      const { tubes, unknown } = resolveSelectors(p.tubes, referential);
      if (unknown.length) problems.push(`${file} ${p.key}: unknown ${unknown.join(', ')}`);
      if (profiles.some((existing) => existing.key === p.key)) problems.push(`${file}: duplicate key ${p.key}`);
      profiles.push({ key: p.key, category: p.category, name: p.name, description: p.description ?? { fr: '', en: '' }, tubes });
    }
  }
  if (problems.length) throw new Error(`Invalid target profile catalogue:\n${problems.join('\n')}`);
  const byKey = new Map(profiles.map((p) => [p.key, p]));
  return {
    profiles,
    get: (key) => byKey.get(key),
    toTargetProfile: (profile, locale) => ({
      id: `catalogue:${profile.key}`,
      name: localize(profile.name, locale),
      description: localize(profile.description, locale),
      category: profile.category,
      tubes: profile.tubes,
    }),
  };
}
