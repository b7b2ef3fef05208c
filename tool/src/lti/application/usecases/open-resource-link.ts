import type { AssessmentView, ProfileView } from '../../../shared/api-contract/evaluation.ts';
import { getProfileView } from '../../../evaluation/application/usecases/get-profile-view.ts';
import { startCompetenceEvaluation } from '../../../evaluation/application/usecases/start-competence-evaluation.ts';
import { readActivityTarget, targetKey, type ActivityTarget } from '../../domain/activity-target.ts';
import type { ResourceLinkLaunch } from '../../domain/launch-message.ts';
import { LtiError } from '../../domain/lti-errors.ts';
import { isStaff } from '../../domain/map-roles.ts';
import { courseClassKey } from '../../domain/course-class.ts';
import type { Platform } from '../../infrastructure/platform-repository.ts';
import type { ResourceLink } from '../../infrastructure/resource-link-repository.ts';
import type { LtiActor, LtiDeps } from '../lti-deps.ts';
import type { ProvisionedAccount, ProvisionedLaunch } from './provision-launch.ts';

export type PupilBootData = { screen: 'assessment'; assessment: AssessmentView } | { screen: 'profile'; profile: ProfileView };

export type FirstScreen =
  | { kind: 'pupil'; token: string; data: PupilBootData; link: ResourceLink }
  | { kind: 'campaign'; token: string; code: string; actor: LtiActor; link: ResourceLink }
  | { kind: 'teacher'; token: string; link: ResourceLink; target: ActivityTarget };

/** What a resource link launch does as soon as the account is known, beside the role and class writes. */
export interface BegunResourceLink {
  link: ResourceLink;
  target: ActivityTarget;
  /** The learner's competence evaluation, started or resumed (a first launch skips the read: nothing to resume). */
  assessment: AssessmentView | null;
}

/**
 * The activity is recorded (target, endpoints, who launched it) and a learner on a competence link gets her
 * evaluation, side by side. Bad targets are refused before anything is written about the link.
 */
export async function beginResourceLink(input: { deps: LtiDeps; platform: Platform; message: ResourceLinkLaunch; provisioned: ProvisionedAccount }): Promise<BegunResourceLink> {
  const { deps, platform, message, provisioned } = input;
  const target = readActivityTarget(message.custom);
  if (target.kind === 'invalid') throw new LtiError('LTI_TARGET_UNKNOWN', target.value);
  if (target.kind === 'competence' && !deps.evaluation.referential().competences.has(target.competenceIndex)) {
    throw new LtiError('LTI_TARGET_UNKNOWN', target.competenceIndex);
  }
  const actor = { userId: provisioned.account.id, organizationId: provisioned.organizationId, locale: provisioned.locale };
  const learnerOnCompetence = !isStaff(provisioned.toolRole) && target.kind === 'competence';
  const [link, assessment] = await Promise.all([
    deps.links.upsertAndRecordLaunch(
      {
        platformId: platform.id,
        deploymentId: message.deploymentId,
        resourceLinkId: message.resourceLink.id,
        organizationId: provisioned.organizationId,
        courseClass: message.context ? courseClassKey(message.issuer, message.context.id) : null,
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
      deps.clock.now(),
    ),
    learnerOnCompetence ? startCompetenceEvaluation(deps.evaluation, actor, { competenceIndex: target.competenceIndex }, { newAccount: provisioned.created }) : null,
  ]);
  return { link, target, assessment };
}

/**
 * A resource link launch once provisioned and begun: a learner lands in the linked competence evaluation, the
 * linked campaign, or her profile, and a teacher in the teacher view of the link.
 */
export async function openResourceLink(input: { deps: LtiDeps; provisioned: ProvisionedLaunch; begun: BegunResourceLink }): Promise<FirstScreen> {
  const { deps, provisioned } = input;
  const { target, assessment } = input.begun;
  // A course's first launch creates its class beside the link, which could not see it yet: attached now.
  const attach = input.begun.link.classId === null && provisioned.classId !== null ? deps.links.attachClass(input.begun.link.id, provisioned.classId) : null;
  const [token] = await Promise.all([
    deps.tokens.issue({ userId: provisioned.account.id, organizationId: provisioned.organizationId, role: provisioned.role, locale: provisioned.locale, via: 'lti' }),
    attach,
  ]);
  const link = attach ? { ...input.begun.link, classId: provisioned.classId } : input.begun.link;
  const actor = { userId: provisioned.account.id, organizationId: provisioned.organizationId, locale: provisioned.locale };
  if (isStaff(provisioned.toolRole)) return { kind: 'teacher', token, link, target };
  if (assessment) return { kind: 'pupil', token, link, data: { screen: 'assessment', assessment } };
  if (target.kind === 'campaign') {
    if (!deps.campaigns) throw new LtiError('LTI_CAMPAIGN_UNAVAILABLE', target.code);
    return { kind: 'campaign', token, link, code: target.code, actor: { ...actor, role: provisioned.role } };
  }
  const profile = await getProfileView(deps.evaluation, actor, provisioned.account.firstName);
  return { kind: 'pupil', token, link, data: { screen: 'profile', profile } };
}
