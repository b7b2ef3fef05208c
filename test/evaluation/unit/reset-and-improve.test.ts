import { describe, expect, it } from 'vitest';
import { selectNextChallenge } from '../../../tool/src/evaluation/domain/algorithms/select-next-challenge.ts';
import { CompetenceResetNotAllowedError } from '../../../tool/src/evaluation/domain/errors.ts';
import { forgetOldFailures } from '../../../tool/src/evaluation/domain/knowledge-elements/forget-old-failures.ts';
import { buildScorecard } from '../../../tool/src/evaluation/domain/scorecard/scorecard.ts';
import { resetCompetence } from '../../../tool/src/evaluation/domain/usecases/reset-competence.ts';
import { assessment, knowledgeElement } from '../support/builders.ts';
import { buildSyntheticReferential } from '../support/synthetic-referential.ts';

const monday = new Date('2026-03-02T09:00:00Z');
const kes = [
  knowledgeElement({ skillId: '@a1', status: 'validated', earnedPix: 4, createdAt: monday }),
  knowledgeElement({ skillId: '@a2', status: 'invalidated', createdAt: monday }),
  knowledgeElement({ skillId: '@z1', competenceIndex: '2.1', status: 'validated', earnedPix: 4, createdAt: monday }),
];
const evaluation = { status: 'started', assessmentState: 'completed' } as const;

describe('reset of a competence', () => {
  it('is refused before 7 Paris days since the last knowledge element', () => {
    expect(() => resetCompetence({ competenceIndex: '1.1', knowledgeElements: kes, competenceEvaluation: evaluation, now: new Date('2026-03-08T22:00:00Z') })).toThrow(
      CompetenceResetNotAllowedError,
    );
  });

  it('writes a reset KE (0 pix) over every current KE of the competence, and only of it', () => {
    const now = new Date('2026-03-09T08:00:00Z');
    const result = resetCompetence({ competenceIndex: '1.1', knowledgeElements: kes, competenceEvaluation: evaluation, now });
    expect(result.resetSkillIds).toEqual(['@a1', '@a2']);
    expect(result.knowledgeElements.every((ke) => ke.status === 'reset' && ke.earnedPix === 0 && ke.createdAt === now)).toBe(true);

    const after = buildScorecard({
      competenceIndex: '1.1',
      knowledgeElements: [...kes, ...result.knowledgeElements],
      competenceEvaluation: { status: 'reset', assessmentState: 'completed' },
      now,
    });
    expect(after).toMatchObject({ status: 'NOT_STARTED', level: 0, pixScore: 0, remainingDaysBeforeReset: null });
  });
});

describe('improving: old failures are forgotten', () => {
  it('keeps validated KEs and failures younger than 4 Paris days, forgets older failures', () => {
    const failures = [
      knowledgeElement({ skillId: '@old', status: 'invalidated', createdAt: new Date('2026-03-01T22:30:00Z') }), // 1 March 23:30 Paris
      knowledgeElement({ skillId: '@recent', status: 'invalidated', createdAt: new Date('2026-03-01T23:30:00Z') }), // 2 March in Paris
      knowledgeElement({ skillId: '@validated', status: 'validated', createdAt: new Date('2026-01-01T08:00:00Z') }),
    ];
    const kept = forgetOldFailures({ knowledgeElements: failures, referenceDate: new Date('2026-03-05T10:00:00Z') });
    expect(kept.map((ke) => ke.skillId)).toEqual(['@recent', '@validated']);
  });

  it('lets an improving assessment ask again an acquis failed long ago, but never one validated', () => {
    const referential = buildSyntheticReferential([{ index: '1.1', tubes: [{ name: 'a', levels: [2] }, { name: 'b', levels: [2] }] }]);
    const previous = [
      knowledgeElement({ skillId: '@a2', status: 'invalidated', assessmentId: 'old', createdAt: new Date('2026-02-01T08:00:00Z') }),
      knowledgeElement({ skillId: '@b2', status: 'validated', assessmentId: 'old', createdAt: new Date('2026-02-01T08:00:00Z') }),
    ];
    const ask = (isImproving: boolean) =>
      selectNextChallenge({
        assessment: assessment({ id: 'improving', isImproving, createdAt: new Date('2026-03-02T08:00:00Z') }),
        referential,
        knowledgeElements: previous,
        answers: [],
        now: new Date('2026-03-02T08:00:00Z'),
      });
    expect(ask(false).ended).toBe(true);
    const next = ask(true);
    expect(next.ended === false && next.challenge.skillId).toBe('@a2');
  });
});
