import { describe, expect, it } from 'vitest';
import { runCatBenchmark } from '../../../tool/src/evaluation/simulation/run-cat-benchmark.ts';
import { createSimulatedLearners } from '../../../tool/src/evaluation/simulation/simulated-learners.ts';
import { successProbability } from '../../../tool/src/evaluation/simulation/response-model.ts';
import { buildSyntheticReferential, realisticCompetence } from '../support/synthetic-referential.ts';

const referential = buildSyntheticReferential([realisticCompetence('1.1', 'a'), realisticCompetence('1.2', 'b')]);

describe('simulated learners', () => {
  it('follow the fixed response model', () => {
    const qcu = referential.challenges.get('aA3-a')!; // QCU, 4 proposals, level 3
    const qroc = referential.challenges.get('aB3-a')!; // QROC, level 3
    const learner = (level: number, answersAtRandom = false) => ({ id: 'l', trueLevels: new Map([['1.1', level]]), answersAtRandom });
    expect(successProbability(qcu, learner(3))).toBe(0.9);
    expect(successProbability(qcu, learner(2))).toBe(0.25);
    expect(successProbability(qroc, learner(2))).toBe(0.05);
    expect(successProbability(qroc, learner(6, true))).toBe(0.5);
  });

  it('have uniform true levels 0–6 and 10 % random responders, reproducibly', () => {
    const learners = createSimulatedLearners({ count: 2000, competenceIndexes: ['1.1'], seed: 'x' });
    const levels = learners.map((l) => l.trueLevels.get('1.1')!);
    expect(new Set(levels)).toEqual(new Set([0, 1, 2, 3, 4, 5, 6]));
    expect(learners.filter((l) => l.answersAtRandom).length / 2000).toBeCloseTo(0.1, 1);
    expect(createSimulatedLearners({ count: 5, competenceIndexes: ['1.1'], seed: 'x' })).toEqual(learners.slice(0, 5));
  });
});

describe('CAT benchmark', () => {
  it('the adaptive engine needs at most 60 % of smart random’s épreuves, at least as accurately', () => {
    const report = runCatBenchmark({ referential, learners: 300, seed: 'unit' });
    const adaptive = report.methods.adaptive!;
    const smartRandom = report.methods['smart-random']!;
    expect(adaptive.meanChallenges).toBeLessThanOrEqual(0.6 * smartRandom.meanChallenges);
    expect(adaptive.exactLevelAccuracy).toBeGreaterThanOrEqual(smartRandom.exactLevelAccuracy);
    expect(adaptive.maxExposure).toBeLessThanOrEqual(0.4);
    expect(report.learners).toBe(300);
    expect(Object.keys(adaptive.competences)).toEqual(['1.1', '1.2']);
  });

  it('is deterministic for a seed', () => {
    const run = () => runCatBenchmark({ referential, learners: 20, seed: 'again', methods: ['smart-random'] });
    expect(run()).toEqual(run());
  });
});
