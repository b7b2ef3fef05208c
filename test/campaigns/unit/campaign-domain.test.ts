import { describe, expect, it } from 'vitest';
import { CAMPAIGN_CODE, generateCampaignCode, normalizeCampaignCode } from '../../../tool/src/campaigns/domain/campaign-code.ts';
import { reachedStage, stagesProblem } from '../../../tool/src/campaigns/domain/stages.ts';
import { retryState, shareRefusal } from '../../../tool/src/campaigns/domain/participation-rules.ts';
import { csvField, formatDecimal, formatParisDate } from '../../../tool/src/campaigns/domain/csv-export.ts';

describe('campaign codes', () => {
  it('are 6 letters and 3 digits without look-alikes', () => {
    let seed = 1;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    for (let i = 0; i < 500; i++) {
      const code = generateCampaignCode(random);
      expect(code).toMatch(CAMPAIGN_CODE);
      expect(code).not.toMatch(/[IOL01]/);
    }
    expect(normalizeCampaignCode(' abc-def 234 ')).toBe('ABCDEF234');
  });
});

describe('stages', () => {
  const stages = [
    { threshold: 0, title: 'zéro', message: '' },
    { threshold: 50, title: 'moitié', message: '' },
    { threshold: 80, title: 'expert', message: '' },
  ];
  it('reaches the highest stage whose threshold is met, the zero stage without any validated skill', () => {
    expect(reachedStage(stages, 0.6, 3)).toMatchObject({ reached: 2, total: 3 });
    expect(reachedStage(stages, 0.8, 4)).toMatchObject({ reached: 3 });
    expect(reachedStage(stages, 0.9, 0)).toMatchObject({ reached: 1 });
    expect(reachedStage([], 0.5, 1)).toBeNull();
  });
  it('requires a zero first stage and increasing thresholds', () => {
    expect(stagesProblem(stages)).toBeNull();
    expect(stagesProblem([{ threshold: 10, title: 'a', message: '' }])).not.toBeNull();
    expect(stagesProblem([stages[0]!, stages[0]!])).not.toBeNull();
  });
});

describe('participation rules', () => {
  const campaign = { type: 'ASSESSMENT' as const, multipleSendings: true, archivedAt: null };
  const sharedAt = new Date('2026-03-02T10:00:00Z');
  const shared = { status: 'SHARED' as const, sharedAt, masteryRate: 0.5, deletedAt: null };
  it('shares once, and only a finished assessment', () => {
    expect(shareRefusal({ ...shared, status: 'STARTED', sharedAt: null }, campaign)).toBe('NOT_FINISHED');
    expect(shareRefusal({ ...shared, status: 'TO_SHARE', sharedAt: null }, campaign)).toBeNull();
    expect(shareRefusal(shared, campaign)).toBe('ALREADY_SHARED');
    expect(shareRefusal({ ...shared, status: 'TO_SHARE', sharedAt: null }, { ...campaign, archivedAt: new Date() })).toBe('ARCHIVED');
  });
  it('allows a retry 4 Paris calendar days after sharing, with multiple sendings and mastery below 100 %', () => {
    expect(retryState(shared, campaign, new Date('2026-03-04T10:00:00Z'))).toEqual({ canRetry: false, eligible: true, remainingDays: 2 });
    expect(retryState(shared, campaign, new Date('2026-03-06T00:30:00Z')).canRetry).toBe(true);
    expect(retryState({ ...shared, masteryRate: 1 }, campaign, new Date('2026-04-01')).canRetry).toBe(false);
    expect(retryState(shared, { ...campaign, multipleSendings: false }, new Date('2026-04-01')).canRetry).toBe(false);
  });
});

describe('CSV cells', () => {
  it('writes French dates, decimal commas, and neutralises formulas', () => {
    expect(formatParisDate(new Date('2026-01-31T23:30:00Z'))).toBe('01/02/2026');
    expect(formatDecimal(0.666)).toBe('0,67');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('a;b')).toBe('"a;b"');
  });
});
