import { SignJWT, errors, jwtVerify } from 'jose';
import { z } from 'zod';
import { localize } from '../../../referential/infrastructure/framework-file.ts';
import { COMPETENCE_INDEX } from '../../domain/activity-target.ts';
import { contentItemFor, deepLinkingResponseClaims, type PickedActivity } from '../../domain/deep-linking-response.ts';
import { LtiError } from '../../domain/lti-errors.ts';
import type { LtiDeps } from '../lti-deps.ts';
import { DEEP_LINKING_AUDIENCE } from './start-deep-linking.ts';

const contextClaims = z.object({
  sub: z.string(),
  pid: z.string(),
  dep: z.string(),
  ret: z.url(),
  dat: z.string().nullable(),
  mul: z.boolean(),
  loc: z.string(),
  org: z.string(),
});

export interface DeepLinkingAnswer {
  /** The platform's deep_link_return_url: the page auto-posts `JWT` there. */
  returnUrl: string;
  jwt: string;
}

export const DEEP_LINKING_RESPONSE_TTL_SECONDS = 300;

/**
 * The teacher's choice → an LtiDeepLinkingResponse signed with the tool key: one `ltiResourceLink` per pick,
 * with custom parameters saying what was picked and a `lineItem` so the platform creates a gradebook column.
 */
export async function respondDeepLinking(input: { deps: LtiDeps; context: unknown; choices: string[] }): Promise<DeepLinkingAnswer> {
  const { deps } = input;
  if (typeof input.context !== 'string' || input.context === '') throw new LtiError('LTI_DEEP_LINKING_EXPIRED', 'no context');
  let claims: z.infer<typeof contextClaims>;
  try {
    const { payload } = await jwtVerify(input.context, deps.deepLinkingKey, { algorithms: ['HS256'], audience: DEEP_LINKING_AUDIENCE, currentDate: deps.clock.now() });
    claims = contextClaims.parse(payload);
  } catch (error) {
    if (error instanceof errors.JOSEError || error instanceof z.ZodError) throw new LtiError('LTI_DEEP_LINKING_EXPIRED', (error as Error).message);
    throw error;
  }
  const platform = await deps.platforms.findById(claims.pid);
  if (!platform || platform.status !== 'active') throw new LtiError('LTI_PLATFORM_UNKNOWN', 'deep linking');

  const choices = [...new Set(input.choices)];
  if (choices.length === 0 || (choices.length > 1 && !claims.mul) || choices.length > 16) throw new LtiError('LTI_DEEP_LINKING_CHOICE_INVALID', `${choices.length} choices`);
  const campaigns = choices.some((choice) => choice.startsWith('campaign:')) && deps.campaigns ? await deps.campaigns.listForPicker(claims.org) : [];
  const picks = choices.map((choice) => pickFor(deps, choice, claims.loc, campaigns));
  const launchUrl = `${deps.publicUrl}/lti/launch`;
  const items = picks.map((picked) => contentItemFor(picked, { launchUrl, maxLevel: deps.maxReachableLevel }));

  const now = Math.floor(deps.clock.now().getTime() / 1000);
  const { kid, privateKey } = await deps.toolKeys.signingKey();
  const jwt = await new SignJWT(
    deepLinkingResponseClaims({ clientId: platform.clientId, platformIssuer: platform.issuer, deploymentId: claims.dep, nonce: deps.randomId(), items, data: claims.dat }),
  )
    .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
    .setIssuedAt(now)
    .setExpirationTime(now + DEEP_LINKING_RESPONSE_TTL_SECONDS)
    .sign(privateKey);
  return { returnUrl: claims.ret, jwt };
}

function pickFor(deps: LtiDeps, choice: string, locale: string, campaigns: Array<{ code: string; name: string }>): PickedActivity {
  const [kind, value = ''] = choice.split(':', 2);
  if (kind === 'competence' && COMPETENCE_INDEX.test(value)) {
    const competence = deps.framework.areas.flatMap((area) => area.competences).find((c) => c.index === value);
    if (competence) return { kind: 'competence', competenceIndex: value, title: `Pix — ${value} ${localize(competence.name, locale)}` };
  }
  // Only a campaign of the teacher's organization can be picked.
  const campaign = kind === 'campaign' ? campaigns.find((c) => c.code === value) : undefined;
  if (campaign) return { kind: 'campaign', code: campaign.code, title: `Pix — ${campaign.name}` };
  throw new LtiError('LTI_DEEP_LINKING_CHOICE_INVALID', choice);
}
