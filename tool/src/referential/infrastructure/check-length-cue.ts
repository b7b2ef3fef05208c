import type { Challenge, Referential } from '../domain/referential.ts';
import type { ReferentialError } from './referential-error.ts';

/**
 * Above this share of a competence's QCU whose right proposal is the longest (or the shortest), picking by length
 * passes: the bank had 68 % "longest" before its distractors were rewritten. Chance is about 1 in 4 (ties count).
 */
export const LENGTH_CUE_MAX_SHARE = 0.4;

/** Fewer QCU than this in a competence and a share says nothing. */
const MIN_QCU = 8;

/** The text a pupil reads: tags dropped, character references counted as one character. */
function shownLength(html: string): number {
  return html.replace(/<[^>]*>/g, '').replace(/&(#\d+|#x[0-9a-f]+|[a-z]+);/gi, '_').trim().length;
}

/** Whether the right proposal of a QCU is the longest and whether it is the shortest (ties count for both). */
export function keyLengthRank(challenge: Challenge): { longest: boolean; shortest: boolean } | null {
  if (challenge.type !== 'QCU' || challenge.proposals.kind !== 'choices' || challenge.solution.type !== 'QCU') return null;
  const lengths = challenge.proposals.choicesHtml.map(shownLength);
  const key = lengths[challenge.solution.value - 1];
  if (key === undefined) return null;
  return { longest: key === Math.max(...lengths), shortest: key === Math.min(...lengths) };
}

/**
 * `cue.keyLength`: in each competence, the right proposal of the played QCU must not be the longest, nor the
 * shortest, too often (referential/README.md). Proposals are shown in an order of each assessment's, so position
 * gives nothing away; length would.
 */
export function checkLengthCue(referential: Referential): ReferentialError[] {
  const errors: ReferentialError[] = [];
  for (const competence of referential.competences.values()) {
    const ranks = (referential.challengesByCompetence.get(competence.index) ?? [])
      .filter((challenge) => challenge.status === 'validé')
      .map(keyLengthRank)
      .filter((rank) => rank !== null);
    if (ranks.length < MIN_QCU) continue;
    for (const side of ['longest', 'shortest'] as const) {
      const share = ranks.filter((rank) => rank[side]).length / ranks.length;
      if (share <= LENGTH_CUE_MAX_SHARE) continue;
      errors.push({
        file: `competences/${competence.index}/`,
        id: competence.index,
        field: 'proposals',
        rule: 'cue.keyLength',
        message: `la bonne proposition est la plus ${side === 'longest' ? 'longue' : 'courte'} dans ${Math.round(share * 100)} % des QCU (${ranks.length}) ; au-delà de ${LENGTH_CUE_MAX_SHARE * 100} %, choisir la plus ${side === 'longest' ? 'longue' : 'courte'} suffit : réécrire des distracteurs`,
      });
    }
  }
  return errors;
}
