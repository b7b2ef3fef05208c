import { describe, expect, it } from 'vitest';
import { parisCalendarDaysBetween } from '../../../tool/src/evaluation/domain/paris-calendar.ts';
import { buildScorecard, type CompetenceEvaluationSummary } from '../../../tool/src/evaluation/domain/scorecard/scorecard.ts';
import { knowledgeElement } from '../support/builders.ts';

const completed: CompetenceEvaluationSummary = { status: 'started', assessmentState: 'completed' };
const started: CompetenceEvaluationSummary = { status: 'started', assessmentState: 'started' };

function scorecardAt(now: string, kes: Array<{ at: string; pix?: number }>, evaluation: CompetenceEvaluationSummary | null = completed) {
  return buildScorecard({
    competenceIndex: '1.1',
    knowledgeElements: kes.map(({ at, pix = 4 }, i) => knowledgeElement({ skillId: `@s${i}`, earnedPix: pix, createdAt: new Date(at) })),
    competenceEvaluation: evaluation,
    now: new Date(now),
  });
}

describe('Paris calendar days', () => {
  it('counts days between Paris dates, not 24-hour periods nor UTC dates', () => {
    // 23:30 UTC on the 10th is already the 11th in Paris.
    expect(parisCalendarDaysBetween(new Date('2026-03-10T23:30:00Z'), new Date('2026-03-11T22:00:00Z'))).toBe(0);
    expect(parisCalendarDaysBetween(new Date('2026-03-11T22:59:00Z'), new Date('2026-03-11T23:01:00Z'))).toBe(1);
  });

  it('is not fooled by the spring daylight-saving change (29 March 2026)', () => {
    // 26 March 00:30 CET → 2 April 00:30 CEST: 7 calendar days, only 6 days and 23 hours.
    expect(parisCalendarDaysBetween(new Date('2026-03-25T23:30:00Z'), new Date('2026-04-01T22:30:00Z'))).toBe(7);
  });

  it('nor by the autumn one (25 October 2026)', () => {
    // 22 October 23:30 CEST → 29 October 23:30 CET: 7 calendar days and one hour more.
    expect(parisCalendarDaysBetween(new Date('2026-10-22T21:30:00Z'), new Date('2026-10-29T22:30:00Z'))).toBe(7);
  });
});

describe('scorecard', () => {
  it('gives level, pix and progress towards the next level', () => {
    const scorecard = scorecardAt('2026-03-02T10:00:00Z', [{ at: '2026-03-02T09:00:00Z' }, { at: '2026-03-02T09:00:00Z' }, { at: '2026-03-02T09:00:00Z', pix: 5 }]);
    expect(scorecard).toMatchObject({
      status: 'COMPLETED',
      level: 1,
      pixScore: 13,
      pixAheadOfNextLevel: 5,
      remainingPixToNextLevel: 3,
      percentageAheadOfNextLevel: 62.5,
      isMaxLevel: false,
      remainingDaysBeforeReset: 7,
      remainingDaysBeforeImproving: 4,
      isResettable: false,
      isImprovable: false,
    });
  });

  it('status: not started, started, completed', () => {
    expect(scorecardAt('2026-03-02T10:00:00Z', [], null).status).toBe('NOT_STARTED');
    expect(scorecardAt('2026-03-02T10:00:00Z', [{ at: '2026-03-02T09:00:00Z' }], null).status).toBe('STARTED');
    expect(scorecardAt('2026-03-02T10:00:00Z', [], started).status).toBe('STARTED');
    expect(scorecardAt('2026-03-02T10:00:00Z', [], { status: 'reset', assessmentState: 'completed' }).status).toBe('NOT_STARTED');
    expect(scorecardAt('2026-03-02T10:00:00Z', [{ at: '2026-03-02T09:00:00Z' }]).status).toBe('COMPLETED');
  });

  it('has no delays before any knowledge element', () => {
    expect(scorecardAt('2026-03-02T10:00:00Z', [], started)).toMatchObject({ remainingDaysBeforeReset: null, remainingDaysBeforeImproving: null, isResettable: false });
  });

  it('measures delays from the last knowledge element of the competence, in Paris calendar days', () => {
    const kes = [{ at: '2026-03-01T08:00:00Z' }, { at: '2026-03-10T23:30:00Z' }]; // the last is 11 March in Paris
    expect(scorecardAt('2026-03-14T22:00:00Z', kes)).toMatchObject({ remainingDaysBeforeReset: 4, remainingDaysBeforeImproving: 1, isImprovable: false });
    expect(scorecardAt('2026-03-14T23:00:00Z', kes)).toMatchObject({ remainingDaysBeforeReset: 3, remainingDaysBeforeImproving: 0, isImprovable: true });
  });

  it('becomes resettable after 7 Paris days across the daylight-saving change', () => {
    const kes = [{ at: '2026-03-25T23:30:00Z' }];
    expect(scorecardAt('2026-04-01T21:59:00Z', kes)).toMatchObject({ remainingDaysBeforeReset: 1, isResettable: false });
    expect(scorecardAt('2026-04-01T22:30:00Z', kes)).toMatchObject({ remainingDaysBeforeReset: 0, isResettable: true });
  });

  it('is not improvable at the maximum reachable level, nor before completion', () => {
    const maxed = Array.from({ length: 12 }, () => ({ at: '2026-03-01T08:00:00Z' })); // 48 pix
    expect(scorecardAt('2026-03-20T08:00:00Z', maxed)).toMatchObject({ level: 6, isMaxLevel: true, isImprovable: false, isResettable: true });
    expect(scorecardAt('2026-03-20T08:00:00Z', [{ at: '2026-03-01T08:00:00Z' }], started).isImprovable).toBe(false);
  });

  it('honours a configured maximum level', () => {
    const kes = Array.from({ length: 12 }, () => ({ at: '2026-03-01T08:00:00Z' }));
    const scorecard = buildScorecard({
      competenceIndex: '1.1',
      knowledgeElements: kes.map(({ at }, i) => knowledgeElement({ skillId: `@s${i}`, earnedPix: 4, createdAt: new Date(at) })),
      competenceEvaluation: completed,
      now: new Date('2026-03-02T08:00:00Z'),
      maxReachableLevel: 5,
    });
    expect(scorecard).toMatchObject({ level: 5, pixScore: 40, isMaxLevel: true });
  });
});
