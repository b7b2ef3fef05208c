import { describe, expect, it } from 'vitest';
import { proposalOrder, toWrittenPositions } from '../../../tool/src/evaluation/domain/proposal-order.ts';
import type { Challenge } from '../../../tool/src/referential/domain/referential.ts';
import { loadReferential } from '../../../tool/src/referential/infrastructure/load-referential.ts';
import { DEFAULT_REFERENTIAL_DIR } from '../../../tool/src/referential/infrastructure/referential-dir.ts';

const { referential } = await loadReferential(DEFAULT_REFERENTIAL_DIR);
const bank = [...referential.challenges.values()].filter((challenge) => challenge.status === 'validé');
const qcu = bank.filter((challenge) => challenge.type === 'QCU');
const seeds = Array.from({ length: 200 }, (_, i) => `seed-${i}`);

function withProposals(count: number, extra: Partial<Challenge> = {}): Challenge {
  const proposals = Array.from({ length: count }, (_, i) => `p${i + 1}`);
  return { ...qcu[0]!, id: 'test-a', proposals: { kind: 'choices', choicesHtml: proposals }, ...extra };
}

describe('the order an assessment shows the proposals in', () => {
  it('is a permutation of the written positions, the same for one assessment and épreuve', () => {
    const challenge = withProposals(5);
    const order = proposalOrder(challenge, 'seed-a')!;
    expect([...order].sort()).toEqual([1, 2, 3, 4, 5]);
    expect(proposalOrder(challenge, 'seed-a')).toEqual(order);
    const orders = new Set(seeds.map((seed) => proposalOrder(challenge, seed)!.join()));
    expect(orders.size).toBeGreaterThan(60);
  });

  it('keeps the written order when the author says so, and has none for typed answers', () => {
    expect(proposalOrder(withProposals(4, { shuffled: false }), 'seed-a')).toBeNull();
    const qroc = bank.find((challenge) => challenge.type === 'QROC')!;
    expect(proposalOrder(qroc, 'seed-a')).toBeNull();
  });

  it('no longer lets "always the first proposal" pass: the bank writes the right one first more often than not', () => {
    const firstIsRight = (challenge: Challenge, shownFirst: number) => challenge.solution.type === 'QCU' && challenge.solution.value === shownFirst;
    const written = qcu.filter((challenge) => firstIsRight(challenge, 1)).length / qcu.length;
    // Left as written, picking the first proposal would be right this often: the bias this order removes.
    expect(written).toBeGreaterThan(0.5);
    let right = 0;
    let chance = 0;
    for (const seed of seeds) {
      for (const challenge of qcu) {
        if (firstIsRight(challenge, proposalOrder(challenge, seed)![0]!)) right += 1;
        chance += 1 / (challenge.proposals.kind === 'choices' ? challenge.proposals.choicesHtml.length : 1);
      }
    }
    const shownRate = right / (seeds.length * qcu.length);
    const chanceRate = chance / (seeds.length * qcu.length);
    expect(Math.abs(shownRate - chanceRate)).toBeLessThan(0.03);
  });
});

describe('an answer in shown positions, back in written positions', () => {
  const order = [3, 1, 4, 2];

  it('maps a QCU choice, as a number or as digits', () => {
    expect(toWrittenPositions('QCU', 1, order)).toBe(3);
    expect(toWrittenPositions('QCU', ' 4 ', order)).toBe(2);
  });

  it('maps every choice of a QCM, as a list or as the upstream "1, 3"', () => {
    expect(toWrittenPositions('QCM', [1, 2], order)).toEqual([3, 1]);
    expect(toWrittenPositions('QCM', '2, 3', order)).toEqual([1, 4]);
  });

  it('leaves what is not a shown position for the correction to judge', () => {
    expect(toWrittenPositions('QCU', 9, order)).toBe(9);
    expect(toWrittenPositions('QCU', 'abc', order)).toBe('abc');
    expect(toWrittenPositions('QCU', { x: 1 }, order)).toEqual({ x: 1 });
    expect(toWrittenPositions('QCM', [1, 'x', 2.5], order)).toEqual([3, 'x', 2.5]);
    expect(toWrittenPositions('QCU', 2, null)).toBe(2);
    expect(toWrittenPositions('QROC', 'texte, avec virgule', order)).toBe('texte, avec virgule');
  });
});
