import { describe, expect, it } from 'vitest';
import type { Challenge, Referential, Skill } from '../../../tool/src/referential/domain/referential.ts';
import { selectNextChallenge } from '../../../tool/src/evaluation/domain/algorithms/select-next-challenge.ts';
import { pickChallenge } from '../../../tool/src/evaluation/domain/algorithms/smart-random/pick-challenge.ts';
import { predictLevel } from '../../../tool/src/evaluation/domain/algorithms/smart-random/predicted-level.ts';
import { keepMaxRewarding, skillReward } from '../../../tool/src/evaluation/domain/algorithms/smart-random/reward.ts';
import { buildTubes, describeSkills } from '../../../tool/src/evaluation/domain/algorithms/smart-random/skill-candidates.ts';
import { currentKnowledgeElements } from '../../../tool/src/evaluation/domain/knowledge-elements/current-knowledge-elements.ts';
import type { AnswerRecord, AnswerResult } from '../../../tool/src/evaluation/domain/models/answer-record.ts';
import type { KnowledgeElement } from '../../../tool/src/evaluation/domain/models/knowledge-element.ts';
import { hashString } from '../../../tool/src/evaluation/domain/random/seeded-random.ts';
import { recordAnswer } from '../../../tool/src/evaluation/domain/usecases/record-answer.ts';
import { answer, assessment, knowledgeElement, playAssessment, T0 } from '../support/builders.ts';
import { buildSyntheticReferential, realisticCompetence, type TubeSpec } from '../support/synthetic-referential.ts';

const competence = (tubes: TubeSpec[]) => buildSyntheticReferential([{ index: '1.1', tubes }]);
const first = (referential: Referential, seed = 'seed-1') => {
  const next = selectNextChallenge({ assessment: assessment({ id: seed }), referential, knowledgeElements: [], answers: [], now: T0 });
  if (next.ended) throw new Error('ended');
  return next;
};

/**
 * pix-domain.md §3.1 written again, as plainly as possible, to replay every pick of the implementation:
 * filters in order, predicted level with the two virtual observations, reward, pick from the seed.
 */
function referenceSmartRandom(referential: Referential, kes: KnowledgeElement[], answers: AnswerRecord[], seed: string): Challenge | null {
  const skills = referential.skillsByCompetence.get('1.1')!;
  const answered = new Set(answers.map((a) => a.challengeId));
  const remaining = (s: Skill) => referential.playableChallengesBySkill.get(s.id)!.filter((c) => !answered.has(c.id));
  const tested = new Set(currentKnowledgeElements(kes).map((ke) => ke.skillId));
  const playable = skills.filter((s) => remaining(s).length > 0);
  const tubeMax = new Map<string, number>();
  for (const s of playable) tubeMax.set(s.tubeName, Math.max(tubeMax.get(s.tubeName) ?? 0, s.level));
  const isTimed = (s: Skill) => remaining(s)[0]!.timer !== undefined;

  let candidates = playable.filter((s) => !tested.has(s.id));
  const easy = candidates.filter((s) => tubeMax.get(s.tubeName)! <= 3);
  if (easy.length > 0) candidates = easy;
  const lastAnswer = answers.at(-1);
  const avoidTimed = lastAnswer === undefined || lastAnswer.timed;
  if (avoidTimed && candidates.some((s) => !isTimed(s))) candidates = candidates.filter((s) => !isTimed(s));
  if (lastAnswer === undefined) {
    const key = (level: number) => (level === 2 ? -1 : level);
    const lowest = Math.min(...candidates.map((s) => key(s.level)));
    candidates = candidates.filter((s) => key(s.level) === lowest);
  } else {
    const sigma = (x: number) => 1 / (1 + Math.exp(-x));
    const observations = currentKnowledgeElements(kes)
      .filter((ke) => ke.source === 'direct')
      .map((ke) => ({ d: referential.skills.get(ke.skillId)!.level, o: ke.status === 'validated' ? 1 : 0 }))
      .concat([{ d: 0, o: 1 }, { d: 7, o: 0 }]);
    let predicted = 0.5;
    let best = -Infinity;
    for (let level = 0.5; level < 8; level += 0.5) {
      const score = -Math.abs(observations.reduce((sum, { d, o }) => sum + o - sigma(level - d), 0));
      if (score > best) [best, predicted] = [score, level];
    }
    candidates = candidates.filter((s) => s.level - predicted <= 2);
    const reward = (s: Skill) => {
      const tube = playable.filter((t) => t.tubeName === s.tubeName && !tested.has(t.id));
      const p = sigma(predicted - s.level);
      return p * tube.filter((t) => t.level <= s.level).length + (1 - p) * tube.filter((t) => t.level >= s.level).length;
    };
    const max = Math.max(...candidates.map(reward));
    candidates = max > 0 ? candidates.filter((s) => reward(s) === max) : [];
  }
  if (candidates.length === 0) return null;
  const skill = candidates[hashString(seed) % candidates.length]!;
  return remaining(skill)[hashString(`${seed}+1`) % remaining(skill).length]!;
}

describe('smart random (pix-domain.md §3.1)', () => {
  describe('replayed pick by pick against the written rules', () => {
    const referential = buildSyntheticReferential([realisticCompetence('1.1', 'r')]);
    const patterns: Record<string, (c: Challenge, i: number) => AnswerResult> = {
      'level 3 learner': (c) => (c.level <= 3 ? 'ok' : 'ko'),
      'level 5 with a slip': (c, i) => (c.level <= 5 && i !== 2 ? 'ok' : 'ko'),
      'always wrong': () => 'ko',
      'always right': () => 'ok',
      'skips and time-outs': (c, i) => (i % 3 === 0 ? 'aband' : c.level <= 4 ? 'ok' : 'timedout'),
    };
    for (const [name, respond] of Object.entries(patterns)) {
      for (const seed of ['s1', 's2', 's3']) {
        it(`${name}, seed ${seed}`, () => {
          let current = assessment({ id: seed });
          const kes: KnowledgeElement[] = [];
          const answers: AnswerRecord[] = [];
          for (let step = 0; step < 60; step += 1) {
            const expected = referenceSmartRandom(referential, kes, answers, seed);
            const next = selectNextChallenge({ assessment: current, referential, knowledgeElements: kes, answers, now: T0 });
            if (next.ended) {
              expect(expected).toBeNull();
              expect(next.inferredKnowledgeElements).toEqual([]);
              expect(step).toBeGreaterThan(3);
              return;
            }
            expect(next.challenge.id).toBe(expected?.id);
            current = { ...current, lastChallengeId: next.challenge.id };
            const given = answer(next.challenge, respond(next.challenge, step), { id: `${seed}-${step}`, assessmentId: seed });
            kes.push(...recordAnswer({ assessment: current, answer: given, previousAnswers: answers, referential, knowledgeElements: kes, now: T0 }).knowledgeElements);
            answers.push(given);
          }
          throw new Error('smart random never ended');
        });
      }
    }
  });

  it('1–2. only playable, untested acquis', () => {
    const referential = competence([{ name: 'a', levels: [1, 2, 3], unplayableLevels: [2] }]);
    const kes = [knowledgeElement({ skillId: '@a1', assessmentId: 'other' })];
    const next = selectNextChallenge({ assessment: assessment(), referential, knowledgeElements: kes, answers: [], now: T0 });
    expect(next.ended === false && next.challenge.skillId).toBe('@a3');
  });

  it('3. easy tubes (hardest level ≤ 3) first, while they have untested acquis', () => {
    const referential = competence([
      { name: 'hard', levels: [2, 3, 4, 5] },
      { name: 'easy', levels: [1, 2, 3] },
    ]);
    const played = playAssessment({ referential, method: 'smart-random', respond: () => 'ok' });
    const tubes = played.challenges.map((c) => c.tubeName);
    expect(tubes[0]).toBe('easy');
    expect(tubes.lastIndexOf('easy')).toBeLessThan(tubes.indexOf('hard'));
  });

  it('4. no timed épreuve first, nor right after a timed one, unless only timed ones remain', () => {
    const referential = competence([
      { name: 'chrono', levels: [2, 3], timedLevels: [2, 3] },
      { name: 'calme', levels: [2, 3] },
    ]);
    for (const seed of ['a', 'b', 'c', 'd', 'e', 'f']) {
      const played = playAssessment({ referential, method: 'smart-random', respond: () => 'ok', seed });
      expect(played.challenges[0]!.timer).toBeUndefined();
      played.challenges.forEach((c, i) => {
        const previous = played.challenges[i - 1];
        const untimedLeft = played.challenges.slice(i).some((later) => later.timer === undefined);
        if (previous?.timer !== undefined && untimedLeft) expect(c.timer).toBeUndefined();
      });
    }
    const onlyTimed = competence([{ name: 'chrono', levels: [2], timedLevels: [2] }]);
    expect(first(onlyTimed).challenge.timer).toBe(60);
  });

  it('5a. the first épreuve is at level 2, level 2 counting as lower than anything', () => {
    expect(first(competence([{ name: 'a', levels: [1, 2, 3] }])).challenge.level).toBe(2);
    expect(first(competence([{ name: 'a', levels: [1, 3] }])).challenge.level).toBe(1);
    expect(first(competence([{ name: 'a', levels: [3, 4, 5] }])).challenge.level).toBe(3);
    expect(first(competence([{ name: 'a', levels: [1, 2, 3] }])).estimatedLevel).toBe(2);
  });

  it('5b. nothing more than 2 levels above the predicted level', () => {
    const referential = buildSyntheticReferential([realisticCompetence('1.1', 'r')]);
    for (const seed of ['a', 'b', 'c']) {
      let current = assessment({ id: seed });
      const kes: KnowledgeElement[] = [];
      const answers: AnswerRecord[] = [];
      for (;;) {
        const next = selectNextChallenge({ assessment: current, referential, knowledgeElements: kes, answers, now: T0 });
        if (next.ended) break;
        expect(next.challenge.level - next.estimatedLevel).toBeLessThanOrEqual(2);
        current = { ...current, lastChallengeId: next.challenge.id };
        const given = answer(next.challenge, next.challenge.level <= 2 ? 'ok' : 'ko', { id: `${answers.length}` });
        kes.push(...recordAnswer({ assessment: current, answer: given, previousAnswers: answers, referential, knowledgeElements: kes, now: T0 }).knowledgeElements);
        answers.push(given);
      }
      expect(answers.some((a) => referential.challenges.get(a.challengeId)!.level >= 5)).toBe(false);
    }
  });

  it('predicted level: best match of expected and observed successes, with a virtual success at 0 and failure at 7', () => {
    const level = (skillId: string) => Number(skillId.at(-1));
    expect(predictLevel({ knowledgeElements: [], skillLevel: level })).toBe(3.5);
    const direct = (skillId: string, status: 'validated' | 'invalidated') => knowledgeElement({ skillId, status });
    // Successes at 1–4, failures at 5–6: expected successes at L = 4.5 are σ(4.5)+…, closest to the 5 observed.
    const kes = [direct('@a1', 'validated'), direct('@a2', 'validated'), direct('@a3', 'validated'), direct('@a4', 'validated'), direct('@a5', 'invalidated'), direct('@a6', 'invalidated')];
    expect(predictLevel({ knowledgeElements: kes, skillLevel: level })).toBe(4.5);
    // Inferred KEs do not count; an unknown acquis counts as level 2.
    expect(predictLevel({ knowledgeElements: [knowledgeElement({ skillId: '@a6', source: 'inferred', status: 'invalidated' })], skillLevel: level })).toBe(3.5);
    expect(predictLevel({ knowledgeElements: [direct('@unknown', 'invalidated')], skillLevel: () => undefined })).toBe(
      predictLevel({ knowledgeElements: [direct('@x2', 'invalidated')], skillLevel: level }),
    );
  });

  it('reward: p × untested acquis up to its level + (1 − p) × from its level, itself included', () => {
    const referential = competence([{ name: 't', levels: [1, 2, 3, 4, 5] }]);
    const tubes = buildTubes(describeSkills(referential.skillsByCompetence.get('1.1')!, referential.playableChallengesBySkill));
    const skill = referential.skills.get('@t3')!;
    expect(skillReward({ skill, predictedLevel: 3, tubes, testedSkillIds: new Set() })).toBeCloseTo(0.5 * 3 + 0.5 * 3);
    expect(skillReward({ skill, predictedLevel: 3, tubes, testedSkillIds: new Set(['@t1', '@t5']) })).toBeCloseTo(0.5 * 2 + 0.5 * 2);
    const p = 1 / (1 + Math.exp(-(4.5 - 3)));
    expect(skillReward({ skill, predictedLevel: 4.5, tubes, testedSkillIds: new Set() })).toBeCloseTo(p * 3 + (1 - p) * 3);
    const candidates = describeSkills(referential.skillsByCompetence.get('1.1')!, referential.playableChallengesBySkill);
    expect(keepMaxRewarding(candidates, (s) => (s.level === 2 || s.level === 4 ? 2 : 1)).map((c) => c.skill.id)).toEqual(['@t2', '@t4']);
    expect(keepMaxRewarding(candidates, () => 0)).toEqual([]);
  });

  it('ends when no acquis is left', () => {
    const referential = competence([{ name: 'a', levels: [2] }]);
    const played = playAssessment({ referential, method: 'smart-random', respond: () => 'ok' });
    expect(played.challenges.map((c) => c.skillId)).toEqual(['@a2']);
    expect(played.assessment.state).toBe('completed');
  });

  it('picks deterministically from the seed: acquis hash(seed) mod n, épreuve hash(seed + 1) mod m', () => {
    const referential = competence([{ name: 'a', levels: [2], challengesPerSkill: 3 }, { name: 'b', levels: [2], challengesPerSkill: 3 }, { name: 'c', levels: [2], challengesPerSkill: 3 }]);
    const candidates = describeSkills(referential.skillsByCompetence.get('1.1')!, referential.playableChallengesBySkill);
    for (const seed of ['x', 'y', 'z', 'assessment-42']) {
      const skill = candidates[hashString(seed) % 3]!;
      const expected = skill.challenges[hashString(`${seed}+1`) % 3]!;
      expect(pickChallenge({ candidates, seed, locales: [] })).toBe(expected);
      expect(first(referential, seed).challenge.id).toBe(expected.id);
      expect(first(referential, seed).challenge.id).toBe(first(referential, seed).challenge.id);
    }
  });
});
