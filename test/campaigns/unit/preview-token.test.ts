import { describe, expect, it } from 'vitest';
import { openPreview, PREVIEW_TTL_MS, sealPreview } from '../../../tool/src/campaigns/application/preview-token.ts';
import type { PreviewState } from '../../../tool/src/campaigns/domain/campaign-preview.ts';

const key = new Uint8Array(32).fill(7);
const start = new Date('2026-03-02T08:00:00Z');
const state: PreviewState = { campaignId: 'c1', userId: 'u1', seed: 's', startedAt: start.getTime(), answers: [{ challengeId: 'ch1', result: 'ko', at: start.getTime(), value: 2 }], current: 'ch2', checkpointsSeen: 0, completed: false };
const codeOf = (fn: () => unknown) => {
  try {
    fn();
    return null;
  } catch (error) {
    return (error as { code?: string }).code;
  }
};

describe('pupil-preview token', () => {
  it('gives back the sealed state to the same teacher on the same campaign', () => {
    expect(openPreview(key, sealPreview(key, state), { userId: 'u1', campaignId: 'c1', now: start })).toEqual(state);
  });

  it('refuses another key, another teacher or campaign, an expired preview and garbage', () => {
    const token = sealPreview(key, state);
    expect(codeOf(() => openPreview(new Uint8Array(32), token, { userId: 'u1', campaignId: 'c1', now: start }))).toBe('CAMPAIGN_PREVIEW_INVALID');
    expect(codeOf(() => openPreview(key, token, { userId: 'u2', campaignId: 'c1', now: start }))).toBe('CAMPAIGN_PREVIEW_INVALID');
    expect(codeOf(() => openPreview(key, token, { userId: 'u1', campaignId: 'c2', now: start }))).toBe('CAMPAIGN_PREVIEW_INVALID');
    expect(codeOf(() => openPreview(key, token, { userId: 'u1', campaignId: 'c1', now: new Date(start.getTime() + PREVIEW_TTL_MS + 1) }))).toBe('CAMPAIGN_PREVIEW_INVALID');
    for (const bad of [42, '', 'abc', `${token}.x`, token.replace(/^./, 'A')]) {
      expect(codeOf(() => openPreview(key, bad, { userId: 'u1', campaignId: 'c1', now: start }))).toBe('CAMPAIGN_PREVIEW_INVALID');
    }
  });
});
