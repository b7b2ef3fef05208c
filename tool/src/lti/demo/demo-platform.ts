import { SignJWT, createLocalJWKSet, jwtVerify } from 'jose';
import { DEMO_PEOPLE, DEMO_UAI } from '../../seed/demo-seed.ts';
import { CLAIM, LTI_VERSION, MESSAGE_TYPE, SCOPE } from '../domain/lti-claims.ts';
import type { LtiDeps } from '../application/lti-deps.ts';
import type { KeyStore } from '../infrastructure/key-store.ts';
import { createDemoPlatformServices, demoRoles, type DemoPlatformServices } from './demo-platform-services.ts';

/** What the demo platform offers: the demo school's courses, one activity per competence, the picker. */
export const DEMO_CLIENT_ID = 'pix-embed-demo';
export const DEMO_DEPLOYMENT_ID = 'demo';

export type DemoLaunchKind = { kind: 'link'; competenceIndex: string | null } | { kind: 'deep-linking' };

export interface DemoPlatform {
  issuer: string;
  /** The URL a course page uses to start a launch (OIDC login initiation on the tool). */
  loginUrl(personKey: string, launch: DemoLaunchKind): string;
  /** The platform's authorization endpoint: checks the request and signs the id_token for the person. */
  authorize(query: Record<string, unknown>): Promise<{ redirectUri: string; idToken: string; state: string }>;
  /** Verifies a deep-linking response with the tool's published keys, as a platform would. */
  readDeepLinkingResponse(jwt: string): Promise<Array<{ title: string; custom: Record<string, string> }>>;
  /** Token endpoint and class lists (NRPS). */
  services: DemoPlatformServices;
  keys: KeyStore;
}

/**
 * The demo platform built into the tool (/demo, never in production): a real LTI 1.3 platform with its own
 * RS256 key, registered like any other, so its launches go through /lti/login and /lti/launch with every
 * production check. Only the JWKS is read in-process.
 */
export async function createDemoPlatform(input: { deps: LtiDeps; keys: KeyStore; jwksUrl: string }): Promise<DemoPlatform> {
  const { deps, keys } = input;
  const issuer = `${deps.publicUrl}/demo/platform`;
  const school = await deps.organizations.findByUai(DEMO_UAI);
  await deps.platforms.save(
    {
      issuer,
      clientId: DEMO_CLIENT_ID,
      name: 'Plateforme de démonstration',
      registration: 'demo',
      authUrl: `${issuer}/auth`,
      tokenUrl: `${issuer}/token`,
      authorizationServer: null,
      jwksUrl: input.jwksUrl,
      scopes: [SCOPE.membershipReadonly],
      deploymentIds: [DEMO_DEPLOYMENT_ID],
      organizationIds: school ? [school.id] : [],
    },
    deps.clock.now(),
  );

  return {
    issuer,
    keys,
    services: createDemoPlatformServices({ clientId: DEMO_CLIENT_ID, tokenUrl: `${issuer}/token`, toolKeys: deps.toolKeys, clock: deps.clock }),
    loginUrl(personKey, launch) {
      const url = new URL(`${deps.publicUrl}/lti/login`);
      url.searchParams.set('iss', issuer);
      url.searchParams.set('client_id', DEMO_CLIENT_ID);
      url.searchParams.set('lti_deployment_id', DEMO_DEPLOYMENT_ID);
      url.searchParams.set('login_hint', personKey);
      url.searchParams.set('target_link_uri', `${deps.publicUrl}/lti/launch`);
      url.searchParams.set('lti_message_hint', launch.kind === 'deep-linking' ? 'deep-linking' : `link:${launch.competenceIndex ?? 'profile'}`);
      return url.toString();
    },
    async authorize(query) {
      const text = (name: string) => (typeof query[name] === 'string' ? (query[name] as string) : '');
      const redirectUri = `${deps.publicUrl}/lti/launch`;
      if (
        text('client_id') !== DEMO_CLIENT_ID ||
        text('redirect_uri') !== redirectUri ||
        text('response_type') !== 'id_token' ||
        text('scope') !== 'openid' ||
        text('response_mode') !== 'form_post' ||
        !text('nonce') ||
        !text('state')
      ) {
        throw new Error('invalid authorization request');
      }
      const person = DEMO_PEOPLE.find((p) => p.key === text('login_hint'));
      if (!person) throw new Error('unknown demo person');
      const hint = text('lti_message_hint');
      const classCode = person.classes[0] ?? '5A';
      const common = {
        sub: `demo-${person.key}`,
        given_name: person.firstName,
        family_name: person.lastName,
        name: `${person.firstName} ${person.lastName}`,
        nonce: text('nonce'),
        [CLAIM.version]: LTI_VERSION,
        [CLAIM.deploymentId]: DEMO_DEPLOYMENT_ID,
        [CLAIM.targetLinkUri]: redirectUri,
        [CLAIM.roles]: demoRoles(person),
        [CLAIM.context]: { id: `demo-${classCode}`, label: classCode, title: `${classCode === '5B' ? '5e B' : '5e A'} — SNT` },
        [CLAIM.toolPlatform]: { guid: 'pix-embed-demo', name: 'Plateforme de démonstration', product_family_code: 'pix-embed-demo' },
        [CLAIM.launchPresentation]: { document_target: 'iframe', locale: 'fr-FR', return_url: `${deps.publicUrl}/demo/lti` },
      };
      const claims =
        hint === 'deep-linking'
          ? {
              ...common,
              [CLAIM.messageType]: MESSAGE_TYPE.deepLinking,
              [CLAIM.deepLinkingSettings]: {
                deep_link_return_url: `${issuer}/deep-linking-return`,
                accept_types: ['ltiResourceLink'],
                accept_presentation_document_targets: ['iframe', 'window'],
                accept_multiple: false,
                auto_create: true,
                data: 'demo-course-5A',
              },
            }
          : {
              ...common,
              [CLAIM.messageType]: MESSAGE_TYPE.resourceLink,
              [CLAIM.resourceLink]: { id: `demo-link-${hint.slice(5) || 'profile'}`, title: hint === 'link:profile' ? 'Mon profil Pix' : `Évaluation Pix ${hint.slice(5)}` },
              [CLAIM.custom]: hint.startsWith('link:') && hint !== 'link:profile' ? { competence: hint.slice(5) } : {},
              [CLAIM.nrps]: { context_memberships_url: `${issuer}/memberships/${classCode}`, service_versions: ['2.0'] },
            };
      const { kid, privateKey } = await keys.signingKey();
      const now = Math.floor(deps.clock.now().getTime() / 1000);
      const idToken = await new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
        .setIssuer(issuer)
        .setAudience(DEMO_CLIENT_ID)
        .setIssuedAt(now)
        .setExpirationTime(now + 60)
        .sign(privateKey);
      return { redirectUri, idToken, state: text('state') };
    },
    async readDeepLinkingResponse(jwt) {
      const { payload } = await jwtVerify(jwt, createLocalJWKSet(await deps.toolKeys.publicJwks()), {
        algorithms: ['RS256'],
        issuer: DEMO_CLIENT_ID,
        audience: issuer,
        currentDate: deps.clock.now(),
      });
      const items = payload[CLAIM.deepLinkingContentItems];
      return Array.isArray(items)
        ? items.map((item: { title?: unknown; custom?: unknown }) => ({
            title: typeof item.title === 'string' ? item.title : '',
            custom: typeof item.custom === 'object' && item.custom !== null ? (item.custom as Record<string, string>) : {},
          }))
        : [];
    },
  };
}
