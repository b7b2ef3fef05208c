import type { Challenge } from '../../referential/domain/referential.ts';
import { readChoice } from '../../referential/domain/answer-validation/validate-qcu.ts';
import { createRandom, randomIndex } from './random/seeded-random.ts';

/**
 * The order in which a QCU or QCM shows its proposals to one assessment. Authors tend to write the right proposal
 * first (two QCU in three of our bank did): shown as written, "always the first one" would pass. So each assessment
 * sees its own order, the same on every reload, and the widget sends back shown positions (1-based), never the
 * written ones, so the page reveals nothing of how the proposals were written either.
 *
 * Returns, for each shown position, the written position (1-based); null when the order is kept: not a choice
 * épreuve, or one whose author set `shuffled: false` because the order carries meaning.
 */
export function proposalOrder(challenge: Challenge, assessmentSeed: string): number[] | null {
  if (challenge.proposals.kind !== 'choices' || challenge.shuffled === false) return null;
  const order = challenge.proposals.choicesHtml.map((_html, i) => i + 1);
  const random = createRandom(`${assessmentSeed}:proposals:${challenge.id}`);
  // Fisher–Yates, from the end.
  for (let i = order.length - 1; i > 0; i -= 1) {
    const j = randomIndex(random, i + 1);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

/**
 * A QCU or QCM answer in shown positions, turned into written positions for correction and storage. It takes the
 * shapes the correction accepts (QCU: 2 or "2"; QCM: [1, 3] or "1, 3") and leaves anything else as it is, for the
 * correction to reject with its own error; a position outside the proposals stays as it is, and is wrong.
 */
export function toWrittenPositions(type: Challenge['type'], value: unknown, order: readonly number[] | null): unknown {
  if (order === null) return value;
  const written = (shown: unknown): unknown => {
    const position = readProposalNumber(shown);
    return position === null ? shown : (order[position - 1] ?? shown);
  };
  if (type === 'QCM' && Array.isArray(value)) return value.map(written);
  if (type === 'QCM' && typeof value === 'string') return value.split(',').map(written);
  return type === 'QCU' ? written(value) : value;
}

/** The correction's own reading of a proposal number; null for anything it would not read as one. */
function readProposalNumber(shown: unknown): number | null {
  try {
    return readChoice(shown);
  } catch {
    return null; // not a number nor a string, or too long: the correction refuses it with its own error
  }
}
