import type { Challenge } from '../../../../referential/domain/referential.ts';
import { hashString } from '../../random/seeded-random.ts';
import type { SkillCandidate } from './skill-candidates.ts';

/**
 * Upstream `pickChallenge`: acquis index = hash(seed) mod #acquis, épreuve index = hash(seed + 1) mod #épreuves,
 * épreuves of the preferred (first) locale first. The seed is constant for an assessment, so the pick only varies
 * with the candidate list — faithful to upstream, where the seed is the assessment id.
 */
export function pickChallenge({
  candidates,
  seed,
  locales,
}: {
  candidates: readonly SkillCandidate[];
  seed: string;
  locales: readonly string[];
}): Challenge | null {
  if (candidates.length === 0) return null;
  const skill = candidates[hashString(seed) % candidates.length]!;
  const preferred = locales[0];
  const inPreferredLocale = preferred ? skill.challenges.filter((c) => c.locales.includes(preferred)) : [];
  const pool = inPreferredLocale.length > 0 ? inPreferredLocale : skill.challenges;
  return pool[hashString(`${seed}+1`) % pool.length] ?? null;
}
