import { findNearDuplicates } from '../domain/instruction-similarity.ts';
import type { BuiltTube } from './build-tube.ts';
import { compareCodeUnits } from './read-referential-files.ts';
import type { ReferentialError } from './referential-error.ts';

/** Above this similarity two instructions are one épreuve written twice (referential/README.md). */
export const NEAR_DUPLICATE_THRESHOLD = 0.8;

/**
 * Reports every épreuve whose instruction is more than 80 % similar to an earlier one (by id). Quadratic:
 * run by `referential check`, never at start-up. Archived épreuves are left out: a corrected version
 * naturally resembles the one it replaces.
 */
export function checkSimilarity(tubes: BuiltTube[]): ReferentialError[] {
  const fileOf = new Map<string, string>();
  const items: Array<{ id: string; text: string }> = [];
  for (const built of tubes) {
    for (const challenge of built.challenges) {
      if (challenge.status === 'archivé') continue;
      fileOf.set(challenge.id, built.file);
      items.push({ id: challenge.id, text: challenge.instruction });
    }
  }
  items.sort((a, b) => compareCodeUnits(a.id, b.id));
  return findNearDuplicates(items, NEAR_DUPLICATE_THRESHOLD).map((pair) => ({
    file: fileOf.get(pair.second) ?? '',
    id: pair.second,
    field: 'instruction',
    rule: 'instruction.nearDuplicate',
    message: `consigne semblable à ${(pair.similarity * 100).toFixed(1).replace('.', ',')} % à celle de ${pair.first} (${fileOf.get(pair.first) ?? '?'}) ; au-delà de 80 %, c’est la même épreuve`,
  }));
}
