import { describe, expect, it } from 'vitest';
import type { Challenge } from '../../../tool/src/referential/domain/referential.ts';
import { DEFAULT_ADAPTIVE_CONFIG, type AdaptiveConfig } from '../../../tool/src/evaluation/domain/algorithms/adaptive/adaptive-config.ts';
import {
  computePosterior,
  posteriorMean,
  posteriorSd,
  probabilityAtLeast,
  probabilityCorrect,
} from '../../../tool/src/evaluation/domain/algorithms/adaptive/posterior.ts';
import { shouldStop } from '../../../tool/src/evaluation/domain/algorithms/adaptive/stopping-rule.ts';
import { selectNextChallenge } from '../../../tool/src/evaluation/domain/algorithms/select-next-challenge.ts';
import type { AnswerRecord, AnswerResult } from '../../../tool/src/evaluation/domain/models/answer-record.ts';
import type { KnowledgeElement } from '../../../tool/src/evaluation/domain/models/knowledge-element.ts';
import { createRandom } from '../../../tool/src/evaluation/domain/random/seeded-random.ts';
import { scoreCompetence } from '../../../tool/src/evaluation/domain/scoring/competence-score.ts';
import { recordAnswer } from '../../../tool/src/evaluation/domain/usecases/record-answer.ts';
import { answer, assessment, playAssessment, T0 } from '../support/builders.ts';
import { buildSyntheticReferential, realisticCompetence } from '../support/synthetic-referential.ts';

const bank = buildSyntheticReferential([realisticCompetence('1.1', 'r'), realisticCompetence('1.2', 's')]);
const config = DEFAULT_ADAPTIVE_CONFIG;
const item = (difficulty: number) => ({ difficulty, discrimination: 1.5, lapse: config.lapseRate });
const masters = (level: number) => (c: Challenge): AnswerResult => (c.level <= level ? 'ok' : 'ko');

/** Plays an adaptive competence evaluation with selectNextChallenge, recording the estimate before each pick. */
function play(respond: (c: Challenge, i: number) => AnswerResult, seed: string, overrides: Partial<AdaptiveConfig> = {}, referential = bank) {
  let current = assessment({ id: seed, method: 'adaptive' });
  const kes: KnowledgeElement[] = [];
  const answers: AnswerRecord[] = [];
  const steps: Array<{ challenge: Challenge; estimate: number }> = [];
  for (let i = 0; i < 50; i += 1) {
    const next = selectNextChallenge({ assessment: current, referential, knowledgeElements: kes, answers, now: T0, adaptiveConfig: overrides });
    if (next.ended) {
      kes.push(...next.inferredKnowledgeElements);
      return { steps, kes, settled: next.inferredKnowledgeElements, level: scoreCompetence({ knowledgeElements: kes, competenceIndex: '1.1' }).level };
    }
    steps.push({ challenge: next.challenge, estimate: next.estimatedLevel });
    current = { ...current, lastChallengeId: next.challenge.id };
    const given = answer(next.challenge, respond(next.challenge, i), { id: `${seed}-${i}`, assessmentId: seed });
    kes.push(...recordAnswer({ assessment: current, answer: given, previousAnswers: answers, referential, knowledgeElements: kes, now: T0 }).knowledgeElements);
    answers.push(given);
  }
  throw new Error('the adaptive engine never ended');
}

describe('adaptive engine: posterior', () => {
  it('is the normalised prior × likelihood on the grid (EAP)', () => {
    const observations = [
      { item: item(3), correct: true },
      { item: item(5), correct: false },
    ];
    const posterior = computePosterior(observations, config);
    const { grid: { thetas }, weights } = posterior;
    expect(weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    const unnormalised = (theta: number) =>
      Math.exp(-(((theta - config.priorMean) / config.priorSd) ** 2) / 2) * probabilityCorrect(theta, item(3)) * (1 - probabilityCorrect(theta, item(5)));
    const [i, j] = [30, 70];
    expect(weights[i]! / weights[j]!).toBeCloseTo(unnormalised(thetas[i]!) / unnormalised(thetas[j]!), 10);
    let mean = 0;
    for (let k = 0; k < thetas.length; k += 1) mean += thetas[k]! * weights[k]!;
    expect(posteriorMean(posterior)).toBeCloseTo(mean, 12);
  });

  it('moves up after a success, down after a failure, and narrows', () => {
    const prior = computePosterior([], config);
    const up = computePosterior([{ item: item(3), correct: true }], config);
    const down = computePosterior([{ item: item(3), correct: false }], config);
    expect(posteriorMean(prior)).toBeCloseTo(3, 1);
    expect(posteriorMean(up)).toBeGreaterThan(posteriorMean(prior));
    expect(posteriorMean(down)).toBeLessThan(posteriorMean(prior));
    expect(posteriorSd(up)).toBeLessThan(posteriorSd(prior));
    expect(probabilityAtLeast(up, 3)).toBeGreaterThan(probabilityAtLeast(prior, 3));
  });

  it('a lapse keeps one careless failure far below from dragging a strong estimate down', () => {
    const strong = [5, 5, 6, 6].map((d) => ({ item: item(d), correct: true }));
    const slip = { item: item(1), correct: false };
    const withLapse = posteriorMean(computePosterior([...strong, slip], config));
    const without = posteriorMean(computePosterior([...strong, { ...slip, item: { ...slip.item, lapse: 0 } }], config));
    expect(withLapse).toBeGreaterThan(without + 0.5);
  });
});

describe('adaptive engine: stopping rule', () => {
  const rule = { minLength: 4, maxLength: 12, stopSd: 0.75 };
  it('never stops before the minimum length while épreuves remain, always at the maximum', () => {
    expect(shouldStop({ answeredCount: 3, sd: 0.1, allSettled: true, hasEligibleChallenge: true, config: rule })).toBe(false);
    expect(shouldStop({ answeredCount: 4, sd: 0.7, allSettled: false, hasEligibleChallenge: true, config: rule })).toBe(true);
    expect(shouldStop({ answeredCount: 4, sd: 0.9, allSettled: true, hasEligibleChallenge: true, config: rule })).toBe(true);
    expect(shouldStop({ answeredCount: 11, sd: 0.9, allSettled: false, hasEligibleChallenge: true, config: rule })).toBe(false);
    expect(shouldStop({ answeredCount: 12, sd: 0.9, allSettled: false, hasEligibleChallenge: true, config: rule })).toBe(true);
    expect(shouldStop({ answeredCount: 1, sd: 2, allSettled: false, hasEligibleChallenge: false, config: rule })).toBe(true);
  });

  it('plays between the minimum and maximum lengths', () => {
    for (const seed of ['a', 'b', 'c', 'd']) {
      expect(play(masters(3), seed, { stopSd: 0, stopSettledConfidence: 2, maxLength: 7 }).steps).toHaveLength(7);
      expect(play(masters(3), seed, { stopSd: 10 }).steps).toHaveLength(DEFAULT_ADAPTIVE_CONFIG.minLength);
      const { steps } = play(masters(4), seed);
      expect(steps.length).toBeGreaterThanOrEqual(DEFAULT_ADAPTIVE_CONFIG.minLength);
      expect(steps.length).toBeLessThanOrEqual(DEFAULT_ADAPTIVE_CONFIG.maxLength);
    }
  });
});

describe('adaptive engine: constraints', () => {
  it('starts with a non-timed épreuve of level 2', () => {
    const referential = buildSyntheticReferential([
      { index: '1.1', tubes: [{ name: 'chrono', levels: [1, 2, 3], timedLevels: [2] }, { name: 'calme', levels: [1, 2, 3, 4] }] },
    ]);
    for (let i = 0; i < 20; i += 1) {
      const { steps } = play(() => 'ok', `first-${i}`, {}, referential);
      expect(steps[0]!.challenge.level).toBe(2);
      expect(steps[0]!.challenge.timer).toBeUndefined();
    }
  });

  it('starts with a timed épreuve only when the competence has nothing else', () => {
    const referential = buildSyntheticReferential([{ index: '1.1', tubes: [{ name: 'chrono', levels: [1, 2, 3], timedLevels: [1, 2, 3] }] }]);
    const { steps } = play(() => 'ok', 'only-timed', {}, referential);
    expect(steps[0]!.challenge.level).toBe(2);
    expect(steps.slice(1).map((s) => s.challenge.timer)).toEqual([]);
  });

  it('settles nothing in a competence where nothing could be asked', () => {
    const next = selectNextChallenge({
      assessment: assessment({ method: 'adaptive' }),
      referential: bank,
      knowledgeElements: [],
      answers: [],
      now: T0,
      locales: ['nl'],
    });
    expect(next).toEqual({ ended: true, inferredKnowledgeElements: [] });
  });

  it('never asks an acquis more than 2 levels above the estimate', () => {
    for (let i = 0; i < 20; i += 1) {
      const { steps } = play(masters(i % 7), `ceiling-${i}`);
      for (const { challenge, estimate } of steps.slice(1)) expect(challenge.level).toBeLessThanOrEqual(estimate + 2);
    }
  });

  it('never asks two timed épreuves in a row', () => {
    const referential = buildSyntheticReferential([
      {
        index: '1.1',
        tubes: [
          { name: 'a', levels: [1, 2, 3, 4, 5], timedLevels: [2, 3, 4, 5] },
          { name: 'b', levels: [1, 2, 3, 4, 5], timedLevels: [1, 3, 4, 5] },
          { name: 'c', levels: [2, 3, 4, 5, 6], timedLevels: [3, 4, 5, 6] },
          { name: 'd', levels: [2, 3, 4, 5, 6] },
        ],
      },
    ]);
    let timedSeen = 0;
    for (let i = 0; i < 30; i += 1) {
      const random = createRandom(`answers-${i}`);
      const { steps } = play(() => (random() < 0.6 ? 'ok' : 'ko'), `timed-${i}`, { stopSd: 0, stopSettledConfidence: 2 }, referential);
      steps.forEach(({ challenge }, k) => {
        if (challenge.timer !== undefined) timedSeen += 1;
        if (k > 0 && steps[k - 1]!.challenge.timer !== undefined) expect(challenge.timer).toBeUndefined();
      });
    }
    expect(timedSeen).toBeGreaterThan(20);
  });

  it('only asks untested acquis, once each', () => {
    const { steps, kes } = play(masters(4), 'untested', { stopSd: 0, stopSettledConfidence: 2 });
    const skills = steps.map((s) => s.challenge.skillId);
    expect(new Set(skills).size).toBe(skills.length);
    const direct = kes.filter((ke) => ke.source === 'direct').map((ke) => ke.skillId);
    expect(direct).toEqual(skills);
  });
});

describe('adaptive engine: determinism and exposure', () => {
  it('replays the same épreuves for the same seed and answers', () => {
    const ids = (seed: string) => play(masters(3), seed).steps.map((s) => s.challenge.id);
    expect(ids('same')).toEqual(ids('same'));
    const sequences = new Set(['s1', 's2', 's3', 's4', 's5', 's6'].map((seed) => ids(seed).join()));
    expect(sequences.size).toBeGreaterThan(3);
  });

  it('spreads each position of the test over several épreuves (randomesque)', () => {
    const counts = [new Map<string, number>(), new Map<string, number>(), new Map<string, number>()];
    const runs = 300;
    for (let i = 0; i < runs; i += 1) {
      play(masters(4), `exposure-${i}`).steps.slice(0, 3).forEach(({ challenge }, position) => {
        counts[position]!.set(challenge.id, (counts[position]!.get(challenge.id) ?? 0) + 1);
      });
    }
    for (const count of counts) {
      expect(count.size).toBeGreaterThanOrEqual(5);
      expect(Math.max(...count.values()) / runs).toBeLessThan(0.35);
    }
  });
});

describe('adaptive engine: settled acquis and the scorecard', () => {
  it('settles every untested playable acquis as an inferred KE, monotone in level, read by the scorecard', () => {
    for (const level of [0, 2, 4, 6]) {
      const { settled, kes } = play(masters(level), `settle-${level}`);
      const tested = new Set(kes.filter((ke) => ke.answerId !== null).map((ke) => ke.skillId));
      const untested = bank.skillsByCompetence.get('1.1')!.filter((s) => !tested.has(s.id));
      expect(settled.map((ke) => ke.skillId).sort()).toEqual(untested.map((s) => s.id).sort());
      expect(settled.every((ke) => ke.source === 'inferred' && ke.answerId === null)).toBe(true);
      const lowestInvalidated = Math.min(...settled.filter((ke) => ke.status === 'invalidated').map((ke) => bank.skills.get(ke.skillId)!.level));
      const highestValidated = Math.max(...settled.filter((ke) => ke.status === 'validated').map((ke) => bank.skills.get(ke.skillId)!.level));
      expect(highestValidated).toBeLessThan(lowestInvalidated);
      expect(settled.filter((ke) => ke.status === 'validated').every((ke) => ke.earnedPix === bank.skills.get(ke.skillId)!.pixValue)).toBe(true);
    }
  });

  it('places consistent learners at their level', () => {
    for (const level of [0, 1, 2, 3, 4, 5, 6]) {
      expect(play(masters(level), `consistent-${level}`).level).toBe(level);
    }
  });

  it('treats « Je passe » and timed-out answers as failures', () => {
    const skipped = play(() => 'aband', 'skip');
    const timedOut = play(() => 'timedout', 'timeout');
    expect(skipped.level).toBe(0);
    expect(timedOut.level).toBe(0);
    expect(skipped.kes.filter((ke) => ke.source === 'direct').every((ke) => ke.status === 'invalidated')).toBe(true);
  });

  it('measures every competence of a campaign and settles each', () => {
    const targetSkillIds = [...bank.skills.keys()];
    const played = playAssessment({ referential: bank, method: 'adaptive', respond: masters(3), targetSkillIds, competenceIndex: null, seed: 'campaign' });
    const competences = played.challenges.map((c) => c.competenceIndex);
    expect(new Set(competences)).toEqual(new Set(['1.1', '1.2']));
    expect(played.assessment.state).toBe('completed');
    for (const competenceIndex of ['1.1', '1.2']) {
      expect(scoreCompetence({ knowledgeElements: played.knowledgeElements, competenceIndex }).level).toBe(3);
    }
  });
});
