import { z } from 'zod';
import { hmac, safeEqual } from '../../shared/infrastructure/crypto/keys.ts';
import type { PreviewState } from '../domain/campaign-preview.ts';
import { campaignErrors } from '../domain/campaign-errors.ts';

/** A preview lasts at most this long: the token is its only storage. */
export const PREVIEW_TTL_MS = 4 * 3600 * 1000;

const stateSchema = z.object({
  campaignId: z.string(),
  userId: z.string(),
  seed: z.string(),
  startedAt: z.number(),
  answers: z.array(z.object({ challengeId: z.string(), result: z.enum(['ok', 'ko', 'aband', 'timedout', 'focusedOut']), at: z.number(), value: z.unknown() })),
  current: z.string().nullable(),
  checkpointsSeen: z.number().int().min(0),
  completed: z.boolean(),
});

/** `<base64url JSON>.<HMAC>`: the client carries the preview, and cannot change it. */
export function sealPreview(key: Uint8Array, state: PreviewState): string {
  const body = Buffer.from(JSON.stringify(state)).toString('base64url');
  return `${body}.${hmac(key, `campaign-preview|${body}`)}`;
}

/** The state of a token this server sealed for this teacher and campaign, still fresh; else PREVIEW_INVALID. */
export function openPreview(key: Uint8Array, token: unknown, expected: { userId: string; campaignId: string; now: Date }): PreviewState {
  if (typeof token !== 'string') throw campaignErrors.previewInvalid();
  const [body, sig, extra] = token.split('.');
  if (!body || !sig || extra !== undefined || !safeEqual(sig, hmac(key, `campaign-preview|${body}`))) throw campaignErrors.previewInvalid();
  const parsed = stateSchema.safeParse(JSON.parse(Buffer.from(body, 'base64url').toString('utf8')));
  if (!parsed.success) throw campaignErrors.previewInvalid();
  const state = parsed.data as PreviewState;
  if (state.userId !== expected.userId || state.campaignId !== expected.campaignId || expected.now.getTime() - state.startedAt > PREVIEW_TTL_MS) {
    throw campaignErrors.previewInvalid();
  }
  return state;
}
