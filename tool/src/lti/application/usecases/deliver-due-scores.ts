import { afterFailure } from '../../domain/score-retry-schedule.ts';
import { PlatformServiceError } from '../../infrastructure/platform-service-error.ts';
import type { OutboxEntry } from '../../infrastructure/score-outbox-repository.ts';
import type { Platform } from '../../infrastructure/platform-repository.ts';
import type { ResourceLink } from '../../infrastructure/resource-link-repository.ts';
import type { LtiDeps } from '../lti-deps.ts';

export interface DeliveryReport {
  claimed: number;
  delivered: number;
  retried: number;
  failed: number;
}

/** Longer than any platform call can take (timeouts are 8 s), so a lease never expires during a send. */
export const LEASE_MS = 60_000;

/**
 * One pass of the outbox worker: claim due scores (safe with several instances), send each to its platform
 * (finding or creating the line item when the launch did not name one), then mark it delivered or schedule
 * a retry with exponential backoff.
 */
export async function deliverDueScores(input: { deps: LtiDeps; limit?: number; random?: () => number }): Promise<DeliveryReport> {
  const { deps } = input;
  const claimed = await deps.outbox.claimDue({ now: deps.clock.now(), leaseMs: LEASE_MS, limit: input.limit ?? 20 });
  const report: DeliveryReport = { claimed: claimed.length, delivered: 0, retried: 0, failed: 0 };
  for (const entry of claimed) {
    try {
      await deliver(deps, entry);
      await deps.outbox.markDelivered(entry.id, deps.clock.now());
      report.delivered += 1;
    } catch (error) {
      const status = error instanceof PlatformServiceError ? error.status : 0;
      const message = error instanceof Error ? error.message : String(error);
      const decision = afterFailure({ attempts: entry.attempts, status, ...(input.random ? { random: input.random } : {}) });
      if (decision.kind === 'give-up') {
        await deps.outbox.markFailed(entry.id, message);
        report.failed += 1;
        deps.logger.warn({ scoreId: entry.id, attempts: entry.attempts, status }, 'LTI score given up');
      } else {
        await deps.outbox.markRetry(entry.id, new Date(deps.clock.now().getTime() + decision.delayMs), message);
        report.retried += 1;
        if (!(error instanceof PlatformServiceError)) deps.logger.error({ err: error, scoreId: entry.id }, 'LTI score delivery error');
      }
    }
  }
  return report;
}

async function deliver(deps: LtiDeps, entry: OutboxEntry): Promise<void> {
  const link = await deps.links.findById(entry.resourceLinkId);
  if (!link) throw new PlatformServiceError('resource link deleted', 410);
  const platform = await deps.platforms.findById(link.platformId);
  if (!platform || platform.status !== 'active') throw new PlatformServiceError('registration deleted or disabled', 410);
  if (entry.lineItemTag) {
    await deps.ags.postScore({ platform, lineItemUrl: await taggedLineItemUrl(deps, platform, link, entry, entry.lineItemTag), score: entry.score });
    return;
  }
  let lineItemUrl = link.agsLineItemUrl ?? (await deps.links.lineItem(link.id))?.url ?? null;
  if (!lineItemUrl) {
    const item = await deps.ags.findOrCreateLineItem({
      platform,
      link,
      wanted: { label: link.title || 'Pix', scoreMaximum: entry.score.scoreMaximum, resourceId: link.target, tag: link.target?.split(':')[0] === 'campaign' ? 'pix-campaign' : 'pix-competence' },
    });
    await deps.links.saveLineItem(link.id, item);
    lineItemUrl = item.url;
  }
  await deps.ags.postScore({ platform, lineItemUrl, score: entry.score });
}

/** An extra column under the link (per-competence grade): remembered once found by its tag or created. */
async function taggedLineItemUrl(deps: LtiDeps, platform: Platform, link: ResourceLink, entry: OutboxEntry, tag: string): Promise<string> {
  const known = await deps.links.taggedLineItemUrl(link.id, tag);
  if (known) return known;
  const item = await deps.ags.findOrCreateLineItem({
    platform,
    link,
    wanted: { label: entry.lineItemLabel || tag, scoreMaximum: entry.score.scoreMaximum, resourceId: link.target ? `${link.target}#${tag}` : null, tag },
    byTag: true,
  });
  await deps.links.saveTaggedLineItem(link.id, tag, item.url);
  return item.url;
}
