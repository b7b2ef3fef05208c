import type { Database } from '../../../shared/infrastructure/db/database.ts';
import { targetKey, type ActivityTarget } from '../../domain/activity-target.ts';
import type { ActivityResult } from '../../domain/ags-score.ts';
import { canCreateLineItems, type ExtraLineItemResult } from '../../domain/extra-line-items.ts';
import { createResourceLinkRepository } from '../../infrastructure/resource-link-repository.ts';
import { createScoreOutboxRepository } from '../../infrastructure/score-outbox-repository.ts';

/**
 * THE entry point for grades: the other contexts call this when a learner has a result for an activity
 * (a finished competence evaluation, a shared campaign). Every LTI resource link the learner launched for
 * that activity gets a score in the outbox, in the caller's transaction (`db` may be a transaction handle), so
 * the score exists if and only if the result does. `extra` results (per-competence grades of a campaign) go
 * to extra columns under each link, only where the platform lets the tool create columns (`lineitem` scope):
 * elsewhere the main grade still goes. Returns how many scores were queued.
 */
export async function reportActivityResult(input: {
  db: Database;
  userId: string;
  activity: Exclude<ActivityTarget, { kind: 'profile' }>;
  result: ActivityResult;
  extra?: readonly ExtraLineItemResult[];
  now: Date;
}): Promise<number> {
  const target = targetKey(input.activity);
  if (!target) return 0;
  const links = await createResourceLinkRepository(input.db).gradedLinksOfLearner(input.userId, target);
  const outbox = createScoreOutboxRepository(input.db);
  let queued = 0;
  for (const link of links) {
    await outbox.enqueue({ resourceLinkId: link.id, userId: input.userId, subject: link.subject, result: input.result, now: input.now });
    queued += 1;
    if (!input.extra?.length || !canCreateLineItems(link.linkScopes, link.platformScopes)) continue;
    for (const extra of input.extra) {
      await outbox.enqueue({ resourceLinkId: link.id, userId: input.userId, subject: link.subject, result: extra.result, now: input.now, lineItem: { tag: extra.tag, label: extra.label } });
      queued += 1;
    }
  }
  return queued;
}
