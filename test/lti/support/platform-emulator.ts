import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  SignJWT,
  UnsecuredJWT,
  calculateJwkThumbprint,
  createLocalJWKSet,
  exportJWK,
  exportSPKI,
  generateKeyPair,
  jwtVerify,
  type CryptoKey,
  type JWK,
  type JWTPayload,
} from 'jose';

/**
 * An LTI 1.3 Advantage platform on a loopback port, written from the 1EdTech specifications
 * (../shared/domain/lti-advantage.md) with the details of Moodle 5.1: OIDC authorization endpoint answering with
 * an auto-posted form, JWKS, token endpoint verifying private_key_jwt client assertions, AGS line items and scores
 * (recorded exactly as received), NRPS memberships with paging, Dynamic Registration (pending until activated),
 * a deep-linking return endpoint (the returned links become course activities with their column), course pages
 * embedding the tool like Moodle, and helpers to forge bad tokens.
 */

const LTI = 'https://purl.imsglobal.org/spec/lti/claim';
export const ROLE = {
  learner: 'http://purl.imsglobal.org/vocab/lis/v2/membership#Learner',
  instructor: 'http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor',
  teachingAssistant: 'http://purl.imsglobal.org/vocab/lis/v2/membership/Instructor#TeachingAssistant',
  contentDeveloper: 'http://purl.imsglobal.org/vocab/lis/v2/membership#ContentDeveloper',
  mentor: 'http://purl.imsglobal.org/vocab/lis/v2/membership#Mentor',
  institutionAdmin: 'http://purl.imsglobal.org/vocab/lis/v2/institution/person#Administrator',
} as const;
export const AGS_SCOPES = {
  lineItem: 'https://purl.imsglobal.org/spec/lti-ags/scope/lineitem',
  lineItemReadonly: 'https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly',
  resultReadonly: 'https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly',
  score: 'https://purl.imsglobal.org/spec/lti-ags/scope/score',
} as const;
export const NRPS_SCOPE = 'https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly';
const ALL_SCOPES = [...Object.values(AGS_SCOPES), NRPS_SCOPE];

/** Moodle 5.1 behaviours the tool must cope with; each can be turned off to prove a test depends on it. */
export interface MoodleQuirks {
  /** `aud` is the client_id string, not an array. */
  stringAud: boolean;
  /** `deployment_id` is the tool type id as a string: "1". */
  deploymentIdOne: boolean;
  /** AGS line item URLs carry `?type_id=1`. */
  lineItemQueryString: boolean;
  /** The NRPS URL is also copied into `custom.context_memberships_url`. */
  nrpsUrlInCustom: boolean;
  /** A dynamically registered tool stays pending until an administrator activates it. */
  pendingRegistration: boolean;
}

export const MOODLE: MoodleQuirks = { stringAud: true, deploymentIdOne: true, lineItemQueryString: true, nrpsUrlInCustom: true, pendingRegistration: true };

export interface EmulatedUser {
  sub: string;
  givenName: string;
  familyName: string;
  email?: string;
  locale?: string;
}

export interface EmulatedActivity {
  /** resource_link.id */
  id: string;
  title: string;
  custom?: Record<string, string>;
  /** The gradebook column Moodle created for this activity (from the deep-linking lineItem). */
  lineItem?: { scoreMaximum: number; label: string; resourceId?: string; tag?: string };
}

export interface EmulatedCourse {
  id: string;
  label: string;
  title: string;
  members: Array<{ sub: string; roles: string[]; status?: 'Active' | 'Inactive' }>;
}

export interface ToolRegistration {
  clientId: string;
  deploymentId: string;
  status: 'pending' | 'active';
  loginUrl: string;
  redirectUris: string[];
  jwksUrl: string;
  /** Scopes granted to the tool (Moodle's "grade sync only" withholds lineitem). */
  scopes: string[];
  /** Dynamic Registration: the configuration the tool posted. */
  toolConfiguration?: Record<string, unknown>;
}

export interface LineItemRecord {
  id: number;
  courseId: string;
  url: string;
  scoreMaximum: number;
  label: string;
  resourceId?: string;
  tag?: string;
  resourceLinkId?: string;
}

export interface ScoreRecord {
  lineItemId: number;
  url: string;
  contentType: string;
  authorization: string;
  rawBody: string;
  body: Record<string, unknown>;
  status: number;
}

export interface LaunchIntent {
  user: string;
  course: string;
  roles: string[];
  messageType?: 'LtiResourceLinkRequest' | 'LtiDeepLinkingRequest';
  activity?: string;
  /** Extra custom parameters for this launch only. */
  custom?: Record<string, string>;
  locale?: string;
  /** Deep linking settings data (echoed back). */
  data?: string;
  acceptMultiple?: boolean;
}

export interface SignOptions {
  /** `rs256` (default) with the current key; `none` unsigned; `hs256-public-key` the classic confusion attack. */
  alg?: 'rs256' | 'none' | 'hs256-public-key';
  /** Overrides the header kid; `null` removes it. */
  kid?: string | null;
  /** Sign with a key the JWKS does not publish. */
  unpublishedKey?: boolean;
}

interface PlatformKey {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
  publicPem: string;
}

export interface LoginStep {
  /** What the tool's /lti/login answered. */
  status: number;
  location: string;
  cookie: string | null;
  state: string;
  nonce: string;
  query: URLSearchParams;
}

export interface PlatformEmulator {
  origin: string;
  issuer: string;
  authUrl: string;
  tokenUrl: string;
  jwksUrl: string;
  openIdConfigurationUrl: string;
  quirks: MoodleQuirks;
  registrations: ToolRegistration[];
  lineItems: LineItemRecord[];
  scores: ScoreRecord[];
  tokenRequests: Array<{ scope: string; assertion: JWTPayload; granted: string[] }>;
  membershipRequests: string[];
  lineItemRequests: Array<{ method: string; url: string; body?: unknown }>;
  deepLinkingResponses: Array<{ payload: JWTPayload; raw: string }>;
  /** Activities created from deep-linking responses (as Moodle does on "Enregistrer"), with their line item. */
  deepLinkedActivities: Array<EmulatedActivity & { courseId: string; lineItemId?: number }>;
  registrationRequests: Array<{ authorization: string; body: Record<string, unknown> }>;
  /** How many times the JWKS was fetched (the tool must cache it). */
  jwksFetches: number;
  /** Answer of the scores endpoint (Moodle answers 200; others 201, 202 or 204). */
  scoreStatus: number;
  /** Every service answers 503 while true (a platform outage). */
  down: boolean;
  /** Registers the tool by hand (as an admin does in Moodle's "Manage tools"). */
  registerTool(input: { loginUrl: string; launchUrl: string; jwksUrl: string; clientId?: string; scopes?: string[] }): ToolRegistration;
  activate(clientId: string): void;
  addUser(user: EmulatedUser): void;
  addCourse(course: EmulatedCourse): void;
  addActivity(courseId: string, activity: EmulatedActivity): void;
  /** The Dynamic Registration URL Moodle opens: the tool's register URL with openid_configuration and a one-time token. */
  registrationUrl(toolRegisterUrl: string): string;
  /** Moodle course page that embeds the launch in `<iframe id="contentframe">` (for browser tests). */
  coursePageUrl(intent: LaunchIntent): string;
  /** Starts a launch: login initiation on the tool, whose redirect to our auth endpoint is read, not followed. */
  startLogin(intent: LaunchIntent, clientId?: string): Promise<LoginStep>;
  /** The id_token claims this platform would send for the intent. */
  claimsFor(intent: LaunchIntent, nonce: string, clientId?: string): Record<string, unknown>;
  sign(claims: Record<string, unknown>, options?: SignOptions): Promise<string>;
  /** Our authorization endpoint, called like the browser would after the tool's redirect. */
  authorize(location: string): Promise<{ status: number; idToken: string; state: string; action: string; html: string }>;
  /** Full launch: login → authorization → POST id_token + state to the tool. */
  launch(intent: LaunchIntent, options?: { withCookie?: boolean; clientId?: string }): Promise<{ response: Response; html: string; idToken: string; state: string }>;
  /** POST an id_token and state to the tool's redirect URI. */
  postLaunch(launchUrl: string, idToken: string, state: string, cookie?: string | null): Promise<Response>;
  rotateKeys(): Promise<void>;
  issueAccessToken(scopes: string[]): string;
  /** Stops listening (a platform outage at the TCP level); `restart` listens again on the same port. */
  stop(): Promise<void>;
  restart(): Promise<void>;
  close(): Promise<void>;
}

async function newKey(): Promise<PlatformKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = await exportJWK(publicKey);
  const kid = (await calculateJwkThumbprint(jwk)).slice(0, 16);
  return { kid, privateKey, publicJwk: { ...jwk, kid, alg: 'RS256', use: 'sig' }, publicPem: await exportSPKI(publicKey) };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (data += chunk));
    req.on('end', () => resolve(data));
    req.on('error', reject);
  });
}

function escapeAttr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function autoPostPage(action: string, fields: Record<string, string>): string {
  const inputs = Object.entries(fields)
    .map(([name, value]) => `<input type="hidden" name="${escapeAttr(name)}" value="${escapeAttr(value)}">`)
    .join('');
  return `<!doctype html><html><head><title>Redirection</title></head><body><form id="f" method="post" action="${escapeAttr(action)}">${inputs}<button>Continuer</button></form><script>document.getElementById('f').submit()</script></body></html>`;
}

const ISO_WITH_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}(Z|[+-]\d{2}:\d{2})$/;
const ACTIVITY_PROGRESS = ['Initialized', 'Started', 'InProgress', 'Submitted', 'Completed'];
const GRADING_PROGRESS = ['FullyGraded', 'Pending', 'PendingManual', 'Failed', 'NotReady'];

export async function startPlatformEmulator(options: { quirks?: Partial<MoodleQuirks>; port?: number; now?: () => Date } = {}): Promise<PlatformEmulator> {
  const quirks: MoodleQuirks = { ...MOODLE, ...(options.quirks ?? {}) };
  const now = options.now ?? (() => new Date());
  let keys: PlatformKey[] = [await newKey()];
  const strayKey = await newKey();
  const users = new Map<string, EmulatedUser>();
  const courses = new Map<string, EmulatedCourse>();
  const activities = new Map<string, EmulatedActivity & { courseId: string }>();
  const intents = new Map<string, LaunchIntent>();
  const registrationTokens = new Set<string>();
  const accessTokens = new Map<string, { clientId: string; scopes: string[] }>();
  const usedJti = new Set<string>();
  const lastTimestamps = new Map<string, number>();
  let nextLineItemId = 1;
  let nextDeploymentId = 2;

  let origin = '';
  const paths = {
    auth: '/mod/lti/auth.php',
    token: '/mod/lti/token.php',
    jwks: '/mod/lti/certs.php',
    openid: '/mod/lti/openid-configuration.php',
    register: '/mod/lti/openid-registration.php',
    launch: '/mod/lti/launch.php',
    course: '/course/view.php',
    deepLinkReturn: '/mod/lti/contentitem_return.php',
    services: '/mod/lti/services.php',
  };

  const emulator = {} as PlatformEmulator;
  const typeQuery = () => (quirks.lineItemQueryString ? '?type_id=1' : '');
  const lineItemsUrl = (courseId: string) => `${origin}${paths.services}/${courseId}/lineitems${typeQuery()}`;
  const lineItemUrl = (item: { courseId: string; id: number }) => `${origin}${paths.services}/${item.courseId}/lineitems/${item.id}/lineitem${typeQuery()}`;
  const membershipsUrl = (courseId: string) => `${origin}${paths.services}/CourseSection/${courseId}/bindings/1/memberships`;

  function registration(clientId?: string): ToolRegistration {
    const found = clientId ? emulator.registrations.find((r) => r.clientId === clientId) : emulator.registrations[0];
    if (!found) throw new Error(`emulator: no registration ${clientId ?? ''}`);
    return found;
  }

  function activityLineItem(activity: EmulatedActivity & { courseId: string }): LineItemRecord | undefined {
    let item = emulator.lineItems.find((li) => li.resourceLinkId === activity.id && li.courseId === activity.courseId);
    if (!item && activity.lineItem) {
      item = { id: nextLineItemId++, courseId: activity.courseId, url: '', resourceLinkId: activity.id, ...activity.lineItem };
      item.url = lineItemUrl(item);
      emulator.lineItems.push(item);
    }
    return item;
  }

  function claimsFor(intent: LaunchIntent, nonce: string, clientId?: string): Record<string, unknown> {
    const reg = registration(clientId);
    const user = users.get(intent.user);
    if (!user) throw new Error(`emulator: unknown user ${intent.user}`);
    const course = courses.get(intent.course);
    if (!course) throw new Error(`emulator: unknown course ${intent.course}`);
    const iat = Math.floor(now().getTime() / 1000);
    const messageType = intent.messageType ?? 'LtiResourceLinkRequest';
    const claims: Record<string, unknown> = {
      iss: origin,
      aud: quirks.stringAud ? reg.clientId : [reg.clientId],
      sub: user.sub,
      exp: iat + 60,
      iat,
      nonce,
      name: `${user.givenName} ${user.familyName}`,
      given_name: user.givenName,
      family_name: user.familyName,
      email: user.email ?? `${user.sub}@example.org`,
      [`${LTI}/deployment_id`]: reg.deploymentId,
      [`${LTI}/version`]: '1.3.0',
      [`${LTI}/message_type`]: messageType,
      [`${LTI}/target_link_uri`]: reg.redirectUris[0],
      [`${LTI}/roles`]: intent.roles,
      [`${LTI}/context`]: { id: course.id, label: course.label, title: course.title, type: ['CourseSection'] },
      [`${LTI}/tool_platform`]: { product_family_code: 'moodle', version: '2025100600', guid: new URL(origin).host, name: 'Moodle (émulateur)' },
      [`${LTI}/launch_presentation`]: { locale: intent.locale ?? user.locale ?? 'fr', document_target: 'iframe', return_url: `${origin}/mod/lti/return.php?course=${course.id}` },
      'https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice': { context_memberships_url: membershipsUrl(course.id), service_versions: ['1.0', '2.0'] },
    };
    const custom: Record<string, string> = {};
    if (messageType === 'LtiResourceLinkRequest') {
      const activity = intent.activity ? activities.get(intent.activity) : undefined;
      if (!activity) throw new Error(`emulator: unknown activity ${intent.activity ?? ''}`);
      claims[`${LTI}/resource_link`] = { id: activity.id, title: activity.title, description: '' };
      Object.assign(custom, activity.custom ?? {});
      const item = activityLineItem(activity);
      claims['https://purl.imsglobal.org/spec/lti-ags/claim/endpoint'] = {
        scope: reg.scopes.filter((s) => s.includes('lti-ags')),
        lineitems: lineItemsUrl(course.id),
        ...(item ? { lineitem: item.url } : {}),
      };
    } else {
      claims['https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings'] = {
        deep_link_return_url: `${origin}${paths.deepLinkReturn}?course=${course.id}&id=${reg.deploymentId}`,
        accept_types: ['ltiResourceLink'],
        accept_presentation_document_targets: ['iframe', 'window', 'frame'],
        accept_copy_advice: false,
        accept_multiple: intent.acceptMultiple ?? true,
        accept_unsigned: false,
        auto_create: false,
        can_confirm: false,
        ...(intent.data !== undefined ? { data: intent.data } : {}),
        title: '',
        text: '',
      };
      claims['https://purl.imsglobal.org/spec/lti-ags/claim/endpoint'] = { scope: reg.scopes.filter((s) => s.includes('lti-ags')), lineitems: lineItemsUrl(course.id) };
    }
    Object.assign(custom, intent.custom ?? {});
    if (quirks.nrpsUrlInCustom) custom.context_memberships_url = membershipsUrl(course.id);
    claims[`${LTI}/custom`] = custom;
    return claims;
  }

  async function sign(claims: Record<string, unknown>, signOptions: SignOptions = {}): Promise<string> {
    const key = signOptions.unpublishedKey ? strayKey : keys[keys.length - 1]!;
    if (signOptions.alg === 'none') return new UnsecuredJWT(claims).encode();
    const header: Record<string, unknown> = { alg: signOptions.alg === 'hs256-public-key' ? 'HS256' : 'RS256', typ: 'JWT' };
    if (signOptions.kid !== null) header.kid = signOptions.kid ?? key.kid;
    const jwt = new SignJWT(claims).setProtectedHeader(header as { alg: string });
    if (signOptions.alg === 'hs256-public-key') return jwt.sign(new TextEncoder().encode(key.publicPem));
    return jwt.sign(key.privateKey);
  }

  function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    res.writeHead(status, { 'content-type': typeof body === 'string' ? 'text/html; charset=utf-8' : 'application/json', ...headers });
    res.end(text);
  }

  function bearer(req: IncomingMessage, scope: string): { clientId: string; scopes: string[] } | null {
    const match = /^Bearer (.+)$/.exec(req.headers.authorization ?? '');
    const token = match ? accessTokens.get(match[1]!) : undefined;
    return token && token.scopes.includes(scope) ? token : null;
  }

  async function handleAuth(url: URL, res: ServerResponse) {
    const q = url.searchParams;
    const reg = emulator.registrations.find((r) => r.clientId === q.get('client_id'));
    if (!reg) return send(res, 400, '<p>invalid_client</p>');
    if (reg.status !== 'active') return send(res, 400, '<p>Outil en attente d’activation (pending)</p>');
    const problems = [
      q.get('scope') !== 'openid' && 'scope',
      q.get('response_type') !== 'id_token' && 'response_type',
      q.get('response_mode') !== 'form_post' && 'response_mode',
      q.get('prompt') !== 'none' && 'prompt',
      !q.get('nonce') && 'nonce',
      !q.get('state') && 'state',
      !reg.redirectUris.includes(q.get('redirect_uri') ?? '') && 'redirect_uri',
    ].filter(Boolean);
    if (problems.length) return send(res, 400, `<p>invalid_request: ${problems.join(', ')}</p>`);
    const intent = intents.get(q.get('lti_message_hint') ?? '');
    if (!intent || users.get(intent.user)?.sub !== q.get('login_hint')) return send(res, 400, '<p>login_hint / lti_message_hint inconnus</p>');
    const idToken = await sign(claimsFor(intent, q.get('nonce')!, reg.clientId));
    send(res, 200, autoPostPage(q.get('redirect_uri')!, { id_token: idToken, state: q.get('state')! }));
  }

  async function handleToken(body: string, res: ServerResponse) {
    const form = new URLSearchParams(body);
    if (form.get('grant_type') !== 'client_credentials') return send(res, 400, { error: 'unsupported_grant_type' });
    if (form.get('client_assertion_type') !== 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer') return send(res, 400, { error: 'invalid_request' });
    const assertion = form.get('client_assertion') ?? '';
    let payload: JWTPayload | null = null;
    for (const reg of emulator.registrations) {
      try {
        const jwks = (await (await fetch(reg.jwksUrl)).json()) as { keys: JWK[] };
        const verified = await jwtVerify(assertion, createLocalJWKSet(jwks), {
          algorithms: ['RS256'],
          issuer: reg.clientId,
          subject: reg.clientId,
          audience: `${origin}${paths.token}`,
          currentDate: now(),
        });
        payload = verified.payload;
        break;
      } catch {
        // try the next registration
      }
    }
    if (!payload || typeof payload.jti !== 'string' || typeof payload.exp !== 'number') return send(res, 401, { error: 'invalid_client' });
    if (usedJti.has(payload.jti)) return send(res, 401, { error: 'invalid_client', error_description: 'jti replayed' });
    usedJti.add(payload.jti);
    const reg = registration(String(payload.iss));
    const requested = (form.get('scope') ?? '').split(' ').filter(Boolean);
    if (requested.some((s) => !reg.scopes.includes(s))) return send(res, 400, { error: 'invalid_scope' });
    const token = randomBytes(16).toString('hex');
    accessTokens.set(token, { clientId: reg.clientId, scopes: requested });
    emulator.tokenRequests.push({ scope: form.get('scope') ?? '', assertion: payload, granted: requested });
    send(res, 200, { access_token: token, token_type: 'Bearer', expires_in: 3600, scope: requested.join(' ') });
  }

  async function handleServices(req: IncomingMessage, url: URL, body: string, res: ServerResponse) {
    const rest = url.pathname.slice(paths.services.length);
    const members = /^\/CourseSection\/([^/]+)\/bindings\/\d+\/memberships$/.exec(rest);
    if (members) {
      emulator.membershipRequests.push(url.toString());
      if (!bearer(req, NRPS_SCOPE)) return send(res, 401, { error: 'unauthorized' });
      if (req.headers.accept !== 'application/vnd.ims.lti-nrps.v2.membershipcontainer+json') return send(res, 406, { error: 'accept' });
      const course = courses.get(members[1]!);
      if (!course) return send(res, 404, { error: 'course' });
      const role = url.searchParams.get('role');
      const all = course.members.filter((m) => !role || m.roles.includes(role));
      const limit = Number(url.searchParams.get('limit') ?? '0') || all.length;
      const from = Number(url.searchParams.get('from') ?? '0');
      const page = all.slice(from, from + limit);
      const headers: Record<string, string> = { 'content-type': 'application/vnd.ims.lti-nrps.v2.membershipcontainer+json' };
      if (from + limit < all.length) {
        const next = new URL(url);
        next.searchParams.set('from', String(from + limit));
        headers.link = `<${next.toString()}>; rel="next"`;
      }
      return send(
        res,
        200,
        {
          id: url.toString(),
          context: { id: course.id, label: course.label, title: course.title },
          members: page.map((m) => {
            const user = users.get(m.sub);
            return {
              user_id: m.sub,
              roles: m.roles,
              status: m.status ?? 'Active',
              name: user ? `${user.givenName} ${user.familyName}` : m.sub,
              given_name: user?.givenName,
              family_name: user?.familyName,
              email: user?.email ?? `${m.sub}@example.org`,
            };
          }),
        },
        headers,
      );
    }
    const items = /^\/([^/]+)\/lineitems$/.exec(rest);
    if (items) {
      const courseId = items[1]!;
      emulator.lineItemRequests.push({ method: req.method ?? 'GET', url: url.toString(), ...(body ? { body: JSON.parse(body) as unknown } : {}) });
      if (quirks.lineItemQueryString && url.searchParams.get('type_id') !== '1') return send(res, 400, { error: 'type_id missing' });
      if (req.method === 'POST') {
        if (!bearer(req, AGS_SCOPES.lineItem)) return send(res, 401, { error: 'unauthorized' });
        if (req.headers['content-type'] !== 'application/vnd.ims.lis.v2.lineitem+json') return send(res, 415, { error: 'content-type' });
        const input = JSON.parse(body) as Record<string, unknown>;
        if (typeof input.scoreMaximum !== 'number' || typeof input.label !== 'string') return send(res, 400, { error: 'scoreMaximum and label required' });
        const item: LineItemRecord = {
          id: nextLineItemId++,
          courseId,
          url: '',
          scoreMaximum: input.scoreMaximum,
          label: input.label,
          ...(typeof input.resourceId === 'string' ? { resourceId: input.resourceId } : {}),
          ...(typeof input.tag === 'string' ? { tag: input.tag } : {}),
          ...(typeof input.resourceLinkId === 'string' ? { resourceLinkId: input.resourceLinkId } : {}),
        };
        item.url = lineItemUrl(item);
        emulator.lineItems.push(item);
        return send(res, 201, lineItemJson(item), { 'content-type': 'application/vnd.ims.lis.v2.lineitem+json' });
      }
      if (!bearer(req, AGS_SCOPES.lineItemReadonly) && !bearer(req, AGS_SCOPES.lineItem)) return send(res, 401, { error: 'unauthorized' });
      const filtered = emulator.lineItems.filter(
        (li) =>
          li.courseId === courseId &&
          (!url.searchParams.get('resource_link_id') || li.resourceLinkId === url.searchParams.get('resource_link_id')) &&
          (!url.searchParams.get('tag') || li.tag === url.searchParams.get('tag')) &&
          (!url.searchParams.get('resource_id') || li.resourceId === url.searchParams.get('resource_id')),
      );
      return send(res, 200, filtered.map(lineItemJson), { 'content-type': 'application/vnd.ims.lis.v2.lineitemcontainer+json' });
    }
    const scores = /^\/([^/]+)\/lineitems\/(\d+)\/lineitem\/scores$/.exec(rest);
    if (scores && req.method === 'POST') {
      const item = emulator.lineItems.find((li) => li.id === Number(scores[2]) && li.courseId === scores[1]);
      const record: ScoreRecord = {
        lineItemId: Number(scores[2]),
        url: url.toString(),
        contentType: req.headers['content-type'] ?? '',
        authorization: req.headers.authorization ?? '',
        rawBody: body,
        body: {},
        status: 0,
      };
      const answer = (status: number, payload: unknown) => {
        record.status = status;
        emulator.scores.push(record);
        return send(res, status, payload);
      };
      if (!item) return answer(404, { error: 'line item' });
      if (quirks.lineItemQueryString && url.searchParams.get('type_id') !== '1') return answer(400, { error: 'type_id missing' });
      if (!bearer(req, AGS_SCOPES.score)) return answer(401, { error: 'unauthorized' });
      if (record.contentType !== 'application/vnd.ims.lis.v1.score+json') return answer(415, { error: 'content-type' });
      let score: Record<string, unknown>;
      try {
        score = JSON.parse(body) as Record<string, unknown>;
      } catch {
        return answer(400, { error: 'Incorrect score received' });
      }
      record.body = score;
      const course = courses.get(item.courseId);
      const gradable = course?.members.some((m) => m.sub === score.userId && m.roles.includes(ROLE.learner));
      const timestamp = typeof score.timestamp === 'string' && ISO_WITH_MS.test(score.timestamp) ? Date.parse(score.timestamp) : Number.NaN;
      const key = `${item.id}|${String(score.userId)}`;
      const valid =
        gradable &&
        typeof score.scoreGiven === 'number' &&
        typeof score.scoreMaximum === 'number' &&
        score.scoreGiven >= 0 &&
        typeof score.comment === 'string' &&
        ACTIVITY_PROGRESS.includes(String(score.activityProgress)) &&
        GRADING_PROGRESS.includes(String(score.gradingProgress)) &&
        !Number.isNaN(timestamp) &&
        timestamp > (lastTimestamps.get(key) ?? 0);
      if (!valid) return answer(400, { error: 'Incorrect score received' });
      lastTimestamps.set(key, timestamp);
      if (emulator.scoreStatus === 204) {
        record.status = 204;
        emulator.scores.push(record);
        res.writeHead(204);
        return res.end();
      }
      return answer(emulator.scoreStatus, {});
    }
    const one = /^\/([^/]+)\/lineitems\/(\d+)\/lineitem$/.exec(rest);
    if (one && req.method === 'GET') {
      const item = emulator.lineItems.find((li) => li.id === Number(one[2]));
      if (!item) return send(res, 404, { error: 'line item' });
      if (!bearer(req, AGS_SCOPES.lineItemReadonly) && !bearer(req, AGS_SCOPES.lineItem)) return send(res, 401, { error: 'unauthorized' });
      return send(res, 200, lineItemJson(item), { 'content-type': 'application/vnd.ims.lis.v2.lineitem+json' });
    }
    send(res, 404, { error: 'not found' });
  }

  function lineItemJson(item: LineItemRecord) {
    return {
      id: item.url,
      scoreMaximum: item.scoreMaximum,
      label: item.label,
      ...(item.resourceId ? { resourceId: item.resourceId } : {}),
      ...(item.tag ? { tag: item.tag } : {}),
      ...(item.resourceLinkId ? { resourceLinkId: item.resourceLinkId } : {}),
    };
  }

  function handleOpenIdConfiguration(res: ServerResponse) {
    send(res, 200, {
      issuer: origin,
      token_endpoint: `${origin}${paths.token}`,
      token_endpoint_auth_methods_supported: ['private_key_jwt'],
      token_endpoint_auth_signing_alg_values_supported: ['RS256'],
      jwks_uri: `${origin}${paths.jwks}`,
      authorization_endpoint: `${origin}${paths.auth}`,
      registration_endpoint: `${origin}${paths.register}`,
      scopes_supported: ['openid', ...ALL_SCOPES],
      response_types_supported: ['id_token'],
      subject_types_supported: ['public', 'pairwise'],
      id_token_signing_alg_values_supported: ['RS256'],
      claims_supported: ['sub', 'iss', 'name', 'given_name', 'family_name', 'email'],
      'https://purl.imsglobal.org/spec/lti-platform-configuration': {
        product_family_code: 'moodle',
        version: '5.1',
        messages_supported: [{ type: 'LtiResourceLinkRequest' }, { type: 'LtiDeepLinkingRequest' }],
        variables: ['basic-lti-launch-request', 'ContentItemSelectionRequest'],
      },
    });
  }

  function handleRegistration(req: IncomingMessage, body: string, res: ServerResponse) {
    const authorization = req.headers.authorization ?? '';
    let config: Record<string, unknown>;
    try {
      config = JSON.parse(body) as Record<string, unknown>;
    } catch {
      return send(res, 400, { error: 'invalid_client_metadata' });
    }
    emulator.registrationRequests.push({ authorization, body: config });
    const token = /^Bearer (.+)$/.exec(authorization)?.[1];
    if (!token || !registrationTokens.has(token)) return send(res, 401, { error: 'invalid_token' });
    registrationTokens.delete(token);
    const tool = (config['https://purl.imsglobal.org/spec/lti-tool-configuration'] ?? {}) as Record<string, unknown>;
    const grantTypes = Array.isArray(config.grant_types) ? config.grant_types : [];
    const messages = Array.isArray(tool.messages) ? (tool.messages as Array<{ type?: string }>) : [];
    const problems = [
      config.application_type !== 'web' && 'application_type',
      !(Array.isArray(config.response_types) && config.response_types.includes('id_token')) && 'response_types',
      !(grantTypes.includes('implicit') && grantTypes.includes('client_credentials')) && 'grant_types',
      typeof config.initiate_login_uri !== 'string' && 'initiate_login_uri',
      !Array.isArray(config.redirect_uris) && 'redirect_uris',
      typeof config.jwks_uri !== 'string' && 'jwks_uri',
      config.token_endpoint_auth_method !== 'private_key_jwt' && 'token_endpoint_auth_method',
      typeof tool.domain !== 'string' && 'domain',
      typeof tool.target_link_uri !== 'string' && 'target_link_uri',
      !messages.some((m) => m.type === 'LtiDeepLinkingRequest') && 'messages',
    ].filter(Boolean);
    if (problems.length) return send(res, 400, { error: 'invalid_client_metadata', error_description: problems.join(', ') });
    const scopes = String(config.scope ?? '')
      .split(' ')
      .filter((s) => ALL_SCOPES.includes(s));
    const reg: ToolRegistration = {
      clientId: randomBytes(8).toString('base64url'),
      deploymentId: String(nextDeploymentId++),
      status: quirks.pendingRegistration ? 'pending' : 'active',
      loginUrl: String(config.initiate_login_uri),
      redirectUris: (config.redirect_uris as string[]).map(String),
      jwksUrl: String(config.jwks_uri),
      scopes,
      toolConfiguration: config,
    };
    emulator.registrations.push(reg);
    send(res, 200, {
      client_id: reg.clientId,
      registration_client_uri: `${origin}${paths.register}?client_id=${reg.clientId}`,
      response_types: ['id_token'],
      jwks_uri: reg.jwksUrl,
      initiate_login_uri: reg.loginUrl,
      grant_types: ['client_credentials', 'implicit'],
      redirect_uris: reg.redirectUris,
      application_type: 'web',
      token_endpoint_auth_method: 'private_key_jwt',
      client_name: config.client_name,
      scope: scopes.join(' '),
      'https://purl.imsglobal.org/spec/lti-tool-configuration': { ...tool, version: '1.3.0', deployment_id: reg.deploymentId },
    });
  }

  /**
   * Moodle turns each returned ltiResourceLink into an activity of the course (custom parameters kept) and creates
   * its gradebook column from the item's lineItem, tied to the new resource link.
   */
  function addDeepLinkedActivities(courseId: string, items: Array<Record<string, unknown>>) {
    if (!courses.has(courseId)) return;
    for (const item of items) {
      if (item.type !== 'ltiResourceLink') continue;
      const lineItem = item.lineItem as { scoreMaximum?: unknown; label?: unknown; resourceId?: unknown; tag?: unknown } | undefined;
      const activity: EmulatedActivity & { courseId: string } = {
        id: `${courseId}-dl${activities.size + 1}`,
        courseId,
        title: String(item.title ?? ''),
        custom: (item.custom ?? {}) as Record<string, string>,
        ...(lineItem && typeof lineItem.scoreMaximum === 'number'
          ? {
              lineItem: {
                scoreMaximum: lineItem.scoreMaximum,
                label: typeof lineItem.label === 'string' ? lineItem.label : String(item.title ?? ''),
                ...(typeof lineItem.resourceId === 'string' ? { resourceId: lineItem.resourceId } : {}),
                ...(typeof lineItem.tag === 'string' ? { tag: lineItem.tag } : {}),
              },
            }
          : {}),
      };
      activities.set(activity.id, activity);
      const created = activityLineItem(activity);
      emulator.deepLinkedActivities.push({ ...activity, ...(created ? { lineItemId: created.id } : {}) });
    }
  }

  async function handleDeepLinkReturn(url: URL, body: string, res: ServerResponse) {
    const raw = new URLSearchParams(body).get('JWT') ?? '';
    for (const reg of emulator.registrations) {
      try {
        const jwks = (await (await fetch(reg.jwksUrl)).json()) as { keys: JWK[] };
        const { payload } = await jwtVerify(raw, createLocalJWKSet(jwks), { algorithms: ['RS256'], issuer: reg.clientId, audience: origin, currentDate: now() });
        emulator.deepLinkingResponses.push({ payload, raw });
        const items = (payload['https://purl.imsglobal.org/spec/lti-dl/claim/content_items'] ?? []) as Array<Record<string, unknown> & { title?: string }>;
        addDeepLinkedActivities(url.searchParams.get('course') ?? '', items);
        return send(res, 200, `<!doctype html><html lang="fr"><head><title>Activité ajoutée</title></head><body><h1 id="added">Activité ajoutée</h1><ul>${items.map((i) => `<li>${escapeAttr(String(i.title))}</li>`).join('')}</ul></body></html>`);
      } catch {
        // try the next registration
      }
    }
    send(res, 400, '<p>JWT invalide</p>');
  }

  function handleLaunchPage(url: URL, res: ServerResponse) {
    const hint = url.searchParams.get('hint') ?? '';
    const intent = intents.get(hint);
    const reg = registration(url.searchParams.get('client_id') ?? undefined);
    const user = intent ? users.get(intent.user) : undefined;
    if (!intent || !user) return send(res, 404, '<p>lancement inconnu</p>');
    // Moodle posts the login initiation from inside the frame.
    send(
      res,
      200,
      autoPostPage(reg.loginUrl, {
        iss: origin,
        target_link_uri: reg.redirectUris[0]!,
        login_hint: user.sub,
        lti_message_hint: hint,
        client_id: reg.clientId,
        lti_deployment_id: reg.deploymentId,
      }),
    );
  }

  function handleCoursePage(url: URL, res: ServerResponse) {
    const hint = url.searchParams.get('launch') ?? '';
    send(
      res,
      200,
      `<!doctype html><html lang="fr"><head><title>Cours — Moodle (émulateur)</title></head><body>
<h1>Cours</h1>
<iframe id="contentframe" title="Pix Embed" src="${escapeAttr(`${origin}${paths.launch}?hint=${encodeURIComponent(hint)}`)}" width="100%" height="600"
  allow="microphone; camera; geolocation; midi; encrypted-media; autoplay" allowfullscreen></iframe>
<script>window.messages = []; window.addEventListener('message', (e) => window.messages.push(e.data));</script>
</body></html>`,
    );
  }

  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', origin);
      const body = req.method === 'POST' ? await readBody(req) : '';
      const isService = url.pathname === paths.token || url.pathname.startsWith(paths.services);
      if (emulator.down && isService) return send(res, 503, { error: 'maintenance' });
      if (url.pathname === paths.jwks) {
        emulator.jwksFetches += 1;
        return send(res, 200, { keys: keys.map((k) => k.publicJwk) });
      }
      if (url.pathname === paths.auth) return handleAuth(url, res);
      if (url.pathname === paths.token && req.method === 'POST') return handleToken(body, res);
      if (url.pathname === paths.openid) return handleOpenIdConfiguration(res);
      if (url.pathname === paths.register && req.method === 'POST') return handleRegistration(req, body, res);
      if (url.pathname === paths.deepLinkReturn && req.method === 'POST') return handleDeepLinkReturn(url, body, res);
      if (url.pathname === paths.launch) return handleLaunchPage(url, res);
      if (url.pathname === paths.course) return handleCoursePage(url, res);
      if (url.pathname.startsWith(paths.services)) return handleServices(req, url, body, res);
      send(res, 404, { error: 'not found' });
    })().catch((error: unknown) => {
      if (!res.headersSent) send(res, 500, { error: String(error) });
    });
  });

  async function listen(port: number) {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  }
  await listen(options.port ?? 0);
  const port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;

  async function startLogin(intent: LaunchIntent, clientId?: string): Promise<LoginStep> {
    const reg = registration(clientId);
    const user = users.get(intent.user);
    if (!user) throw new Error(`emulator: unknown user ${intent.user}`);
    const hint = randomUUID();
    intents.set(hint, intent);
    const login = new URL(reg.loginUrl);
    const params = { iss: origin, login_hint: user.sub, target_link_uri: reg.redirectUris[0]!, lti_message_hint: hint, client_id: reg.clientId, lti_deployment_id: reg.deploymentId };
    for (const [name, value] of Object.entries(params)) login.searchParams.set(name, value);
    const response = await fetch(login, { redirect: 'manual' });
    const location = response.headers.get('location') ?? '';
    const cookie = response.headers.get('set-cookie');
    const query = location ? new URL(location).searchParams : new URLSearchParams();
    return { status: response.status, location, cookie: cookie ? cookie.split(';')[0]! : null, state: query.get('state') ?? '', nonce: query.get('nonce') ?? '', query };
  }

  async function authorize(location: string) {
    const response = await fetch(location);
    const html = await response.text();
    const field = (name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1]?.replace(/&quot;/g, '"').replace(/&amp;/g, '&') ?? '';
    const action = /action="([^"]*)"/.exec(html)?.[1] ?? '';
    return { status: response.status, idToken: field('id_token'), state: field('state'), action, html };
  }

  async function postLaunch(launchUrl: string, idToken: string, state: string, cookie?: string | null) {
    return fetch(launchUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) },
      body: new URLSearchParams({ id_token: idToken, state }),
      redirect: 'manual',
    });
  }

  Object.assign(emulator, {
    origin,
    issuer: origin,
    authUrl: `${origin}${paths.auth}`,
    tokenUrl: `${origin}${paths.token}`,
    jwksUrl: `${origin}${paths.jwks}`,
    openIdConfigurationUrl: `${origin}${paths.openid}`,
    quirks,
    registrations: [],
    lineItems: [],
    scores: [],
    tokenRequests: [],
    membershipRequests: [],
    lineItemRequests: [],
    deepLinkingResponses: [],
    deepLinkedActivities: [],
    registrationRequests: [],
    jwksFetches: 0,
    scoreStatus: 200,
    down: false,
    registerTool(input: { loginUrl: string; launchUrl: string; jwksUrl: string; clientId?: string; scopes?: string[] }) {
      const reg: ToolRegistration = {
        clientId: input.clientId ?? randomBytes(8).toString('base64url'),
        deploymentId: quirks.deploymentIdOne ? '1' : randomUUID(),
        status: 'active',
        loginUrl: input.loginUrl,
        redirectUris: [input.launchUrl],
        jwksUrl: input.jwksUrl,
        scopes: input.scopes ?? ALL_SCOPES,
      };
      emulator.registrations.push(reg);
      return reg;
    },
    activate(clientId: string) {
      registration(clientId).status = 'active';
    },
    addUser(user: EmulatedUser) {
      users.set(user.sub, user);
    },
    addCourse(course: EmulatedCourse) {
      courses.set(course.id, course);
    },
    addActivity(courseId: string, activity: EmulatedActivity) {
      activities.set(activity.id, { ...activity, courseId });
    },
    registrationUrl(toolRegisterUrl: string) {
      const token = randomBytes(12).toString('base64url');
      registrationTokens.add(token);
      const url = new URL(toolRegisterUrl);
      url.searchParams.set('openid_configuration', `${origin}${paths.openid}`);
      url.searchParams.set('registration_token', token);
      return url.toString();
    },
    coursePageUrl(intent: LaunchIntent) {
      const hint = randomUUID();
      intents.set(hint, intent);
      return `${origin}${paths.course}?id=${encodeURIComponent(intent.course)}&launch=${hint}`;
    },
    startLogin,
    claimsFor,
    sign,
    authorize,
    async launch(intent: LaunchIntent, launchOptions: { withCookie?: boolean; clientId?: string } = {}) {
      const login = await startLogin(intent, launchOptions.clientId);
      if (login.status !== 302) {
        const response = await fetch(registration(launchOptions.clientId).loginUrl, { redirect: 'manual' });
        throw new Error(`tool login answered ${login.status} (${response.status})`);
      }
      const auth = await authorize(login.location);
      if (auth.status !== 200) throw new Error(`emulator authorization refused: ${auth.html}`);
      const response = await postLaunch(auth.action, auth.idToken, auth.state, launchOptions.withCookie ? login.cookie : null);
      return { response, html: await response.clone().text(), idToken: auth.idToken, state: auth.state };
    },
    postLaunch,
    async rotateKeys() {
      keys = [...keys.slice(-1), await newKey()];
    },
    issueAccessToken(scopes: string[]) {
      const token = randomBytes(16).toString('hex');
      accessTokens.set(token, { clientId: registration().clientId, scopes });
      return token;
    },
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
    async restart() {
      await listen(port);
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  } satisfies Partial<PlatformEmulator>);
  return emulator;
}
