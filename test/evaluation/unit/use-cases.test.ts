import { describe, expect, it } from 'vitest';
import { AssessmentNotStartedError, ChallengeAlreadyAnsweredError, ChallengeNotAskedError } from '../../../tool/src/evaluation/domain/errors.ts';
import type { KnowledgeElement } from '../../../tool/src/evaluation/domain/models/knowledge-element.ts';
import { getNextChallenge } from '../../../tool/src/evaluation/domain/usecases/get-next-challenge.ts';
import { getProfile } from '../../../tool/src/evaluation/domain/usecases/get-profile.ts';
import { recordAnswer } from '../../../tool/src/evaluation/domain/usecases/record-answer.ts';
import { answer, assessment, knowledgeElement, playAssessment, T0 } from '../support/builders.ts';
import { buildSyntheticReferential, realisticCompetence } from '../support/synthetic-referential.ts';

const referential = buildSyntheticReferential([
  { index: '1.1', tubes: [{ name: 'a', levels: [1, 2, 3] }, { name: 'b', levels: [1, 2, 3] }] },
  { index: '1.2', tubes: [{ name: 'c', levels: [1, 2] }] },
]);
const challenge = (id: string) => referential.challenges.get(id)!;

describe('recording an answer', () => {
  const asked = assessment({ lastChallengeId: 'a2-a' });

  it('returns the KEs of the answer and the level-up it brings', () => {
    // @b1 + @b2 validated earlier: 4 + 4 pix; @a2 and its inferred @a1 add 8 → level 2.
    const earlier: KnowledgeElement[] = [
      knowledgeElement({ skillId: '@b1', earnedPix: 4 }),
      knowledgeElement({ skillId: '@b2', earnedPix: 4 }),
    ];
    const result = recordAnswer({ assessment: asked, answer: answer(challenge('a2-a'), 'ok'), previousAnswers: [], referential, knowledgeElements: earlier, now: T0 });
    expect(result.knowledgeElements.map((ke) => `${ke.skillId} ${ke.status}`)).toEqual(['@a2 validated', '@a1 validated']);
    expect(result.levelUp).toEqual({ competenceIndex: '1.1', level: 2 });
  });

  it('reports no level-up when the level stays', () => {
    const result = recordAnswer({ assessment: asked, answer: answer(challenge('a2-a'), 'ko'), previousAnswers: [], referential, knowledgeElements: [], now: T0 });
    expect(result.levelUp).toBeNull();
    expect(result.knowledgeElements.map((ke) => `${ke.skillId} ${ke.status}`)).toEqual(['@a2 invalidated', '@a3 invalidated']);
  });

  it('refuses an answer to an assessment that is over, to another épreuve, or twice', () => {
    const input = { answer: answer(challenge('a2-a'), 'ok'), previousAnswers: [], referential, knowledgeElements: [], now: T0 };
    expect(() => recordAnswer({ ...input, assessment: { ...asked, state: 'completed' } })).toThrow(AssessmentNotStartedError);
    expect(() => recordAnswer({ ...input, assessment: { ...asked, lastChallengeId: 'b2-a' } })).toThrow(ChallengeNotAskedError);
    expect(() => recordAnswer({ ...input, assessment: asked, previousAnswers: [answer(challenge('a2-a'), 'ko')] })).toThrow(ChallengeAlreadyAnsweredError);
  });
});

describe('next épreuve of an assessment', () => {
  it('gives back the épreuve still unanswered (a reload does not skip it)', () => {
    const pending = assessment({ lastChallengeId: 'b3-a' });
    const next = getNextChallenge({ assessment: pending, referential, knowledgeElements: [], answers: [], now: T0 });
    expect(next.challenge?.id).toBe('b3-a');
    expect(next.assessment).toBe(pending);
  });

  it('records the épreuve asked, then completes the assessment with the settled KEs', () => {
    const bank = buildSyntheticReferential([realisticCompetence('1.1', 'r')]);
    const played = playAssessment({ referential: bank, method: 'adaptive', respond: (c) => (c.level <= 2 ? 'ok' : 'ko') });
    expect(played.assessment.state).toBe('completed');
    expect(played.assessment.lastChallengeId).toBe(played.challenges.at(-1)!.id);
    const settled = played.knowledgeElements.filter((ke) => ke.answerId === null);
    expect(settled.length).toBeGreaterThan(0);
    expect(() => getNextChallenge({ assessment: played.assessment, referential: bank, knowledgeElements: [], answers: played.answers, now: T0 })).toThrow(AssessmentNotStartedError);
  });
});

describe('profile', () => {
  it('has a scorecard per competence and the total of capped pix', () => {
    const kes = [knowledgeElement({ skillId: '@a1', earnedPix: 4 }), knowledgeElement({ skillId: '@c1', competenceIndex: '1.2', earnedPix: 4 })];
    const profile = getProfile({ referential, knowledgeElements: kes, competenceEvaluations: new Map(), now: T0 });
    expect(profile.scorecards.map((s) => [s.competenceIndex, s.pixScore, s.status])).toEqual([
      ['1.1', 4, 'STARTED'],
      ['1.2', 4, 'STARTED'],
    ]);
    expect(profile.totalPixScore).toBe(8);
    expect(profile.maxReachableLevel).toBe(6);
  });
});
