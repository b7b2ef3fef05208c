import type { AssessmentView, ProfileView } from '../../../shared/api-contract/evaluation.ts';
import { getProfileView } from '../../../evaluation/application/usecases/get-profile-view.ts';
import { startCompetenceEvaluation } from '../../../evaluation/application/usecases/start-competence-evaluation.ts';
import { readActivityTarget, targetKey, type ActivityTarget } from '../../domain/activity-target.ts';
import type { ResourceLinkLaunch } from '../../domain/launch-message.ts';
import { LtiError } from '../../domain/lti-errors.ts';
import { isStaff } from '../../domain/map-roles.ts';
import type { Platform } from '../../infrastructure/platform-repository.ts';
import type { ResourceLink } from '../../infrastructure/resource-link-repository.ts';
import type { LtiActor, LtiDeps } from '../lti-deps.ts';
import type { ProvisionedAccount, ProvisionedLaunch } from './provision-launch.ts';

export type PupilBootData = { screen: 'assessment'; assessment: AssessmentView } | { screen: 'profile'; profile: ProfileView };

export type FirstScreen =
  | { kind: 'pupil'; token: string; data: PupilBootData; link: ResourceLink }
  | { kind: 'campaign'; token: string; code: string; actor: LtiActor; link: ResourceLink }
  | { kind: 'teacher'; token: string; link: ResourceLink; target: ActivityTarget };

/**
 * A learner launching a competence link: her evaluation is started (or resumed) as soon as her account is known,
 * while her role and class are written. A first launch skips the read (a new account has nothing to resume).
 * Null when the launch is anything else; `openResourceLink` checks and refuses bad targets.
 */
export function startLinkedEvaluation(deps: LtiDeps, message: ResourceLinkLaunch, provisioned: ProvisionedAccount): Promise<AssessmentView> | null {
  const target = readActivityTarget(message.custom);
  if (target.kind !== 'competence' || isStaff(provisioned.toolRole) || !deps.evaluation.referential().competences.has(target.competenceIndex)) return null;
  const actor = { userId: provisioned.account.id, organizationId: provisioned.organizationId, locale: provisioned.locale };
  return startCompetenceEvaluation(deps.evaluation, actor, { competenceIndex: target.competenceIndex }, { newAccount: provisioned.created });
}

/**
 * A resource link launch after provisioning: the activity is recorded (target, endpoints, who launched it), then
 * a learner lands in the linked competence evaluation (started or resumed), the linked campaign, or her profile,
 * and a teacher in the teacher view of the link.
 */
export async function openResourceLink(input: {
  deps: LtiDeps;
  platform: Platform;
  message: ResourceLinkLaunch;
  provisioned: ProvisionedLaunch;
  /** The learner's evaluation when `startLinkedEvaluation` already started it. */
  started?: AssessmentView | null;
}): Promise<FirstScreen> {
  const { deps, platform, message, provisioned } = input;
  const target = readActivityTarget(message.custom);
  if (target.kind === 'invalid') throw new LtiError('LTI_TARGET_UNKNOWN', target.value);
  if (target.kind === 'competence' && !deps.evaluation.referential().competences.has(target.competenceIndex)) {
    throw new LtiError('LTI_TARGET_UNKNOWN', target.competenceIndex);
  }

  const now = deps.clock.now();
  const actor = { userId: provisioned.account.id, organizationId: provisioned.organizationId, locale: provisioned.locale };
  const learnerOnCompetence = !isStaff(provisioned.toolRole) && target.kind === 'competence';
  // The link, the session token and the learner's evaluation do not depend on each other: done side by side, so a
  // launch costs as few sequential round trips as possible (measured by `bench launch`).
  const [link, token, assessment] = await Promise.all([
    deps.links.upsertAndRecordLaunch(
      {
        platformId: platform.id,
        deploymentId: message.deploymentId,
        resourceLinkId: message.resourceLink.id,
        organizationId: provisioned.organizationId,
        classId: provisioned.classId,
        contextId: message.context?.id ?? null,
        title: message.resourceLink.title,
        target: targetKey(target),
        custom: message.custom,
        agsLineItemsUrl: message.ags?.lineItemsUrl ?? null,
        agsLineItemUrl: message.ags?.lineItemUrl ?? null,
        agsScopes: message.ags?.scopes ?? [],
        nrpsUrl: message.nrpsUrl ?? message.custom.context_memberships_url ?? null,
      },
      { userId: provisioned.account.id, subject: message.subject, role: provisioned.toolRole.membership },
      now,
    ),
    deps.tokens.issue({
      userId: provisioned.account.id,
      organizationId: provisioned.organizationId,
      role: provisioned.role,
      locale: provisioned.locale,
      via: 'lti',
    }),
    learnerOnCompetence ? (input.started ?? startCompetenceEvaluation(deps.evaluation, actor, { competenceIndex: target.competenceIndex })) : null,
  ]);
  if (isStaff(provisioned.toolRole)) return { kind: 'teacher', token, link, target };
  if (assessment) return { kind: 'pupil', token, link, data: { screen: 'assessment', assessment } };
  if (target.kind === 'campaign') {
    if (!deps.campaigns) throw new LtiError('LTI_CAMPAIGN_UNAVAILABLE', target.code);
    return { kind: 'campaign', token, link, code: target.code, actor: { ...actor, role: provisioned.role } };
  }
  const profile = await getProfileView(deps.evaluation, actor, provisioned.account.firstName);
  return { kind: 'pupil', token, link, data: { screen: 'profile', profile } };
}
