import { z } from 'zod';
import { ALL_SERVICE_SCOPES, MESSAGE_TYPE, PLATFORM_CONFIGURATION, TOOL_CONFIGURATION } from '../../domain/lti-claims.ts';
import { LtiError } from '../../domain/lti-errors.ts';
import { PlatformHttpError } from '../../infrastructure/platform-http.ts';
import { renderRegistrationDonePage } from '../lti-pages.ts';
import { toolUrls, type LtiDeps } from '../lti-deps.ts';

const UAI = /^\d{7}[A-Z]$/;

const queryShape = z.object({
  openid_configuration: z.url({ protocol: /^https?$/ }),
  registration_token: z.string().max(4000).optional(),
  /** Optional: the schools this registration serves, written in the registration URL by the administrator. */
  uai: z.string().max(400).optional(),
});

const configurationShape = z.object({
  issuer: z.string().min(1),
  authorization_endpoint: z.url(),
  token_endpoint: z.url(),
  jwks_uri: z.url(),
  registration_endpoint: z.url(),
  authorization_server: z.string().optional(),
  scopes_supported: z.array(z.string()).optional(),
  token_endpoint_auth_methods_supported: z.array(z.string()),
  id_token_signing_alg_values_supported: z.array(z.string()),
  [PLATFORM_CONFIGURATION]: z
    .object({
      product_family_code: z.string().optional(),
      messages_supported: z.array(z.object({ type: z.string() }).loose()).optional(),
    })
    .loose()
    .optional(),
});

/**
 * Dynamic Registration 1.0, tool side: the platform opens `/lti/register?openid_configuration=…&registration_token=…`
 * (Moodle in an iframe). The configuration URL must start with an allow-listed issuer (checked before any
 * request), the configuration's issuer must be that issuer, then the tool posts its configuration and stores
 * the answer: client_id, deployment id, endpoints, JWKS URL and granted scopes. Returns the closing page.
 */
export async function registerDynamically(input: { deps: LtiDeps; query: Record<string, unknown>; nonce: string }): Promise<string> {
  const { deps } = input;
  const parsed = queryShape.safeParse(input.query);
  if (!parsed.success) throw new LtiError('LTI_REGISTRATION_INVALID', parsed.error.issues.map((i) => i.path.join('.')).join(','));
  const { openid_configuration: configurationUrl, registration_token: registrationToken } = parsed.data;
  const uais = (parsed.data.uai ?? '').split(/[\s,]+/).filter(Boolean).map((u) => u.toUpperCase());
  if (uais.some((uai) => !UAI.test(uai))) throw new LtiError('LTI_REGISTRATION_INVALID', 'uai');

  const allowed = deps.allowedIssuers.filter((issuer) => configurationUrl.startsWith(issuer));
  if (allowed.length === 0) throw new LtiError('LTI_ISSUER_NOT_ALLOWED', configurationUrl);

  const configuration = configurationShape.safeParse(await getJson(deps, configurationUrl, {}, 'LTI_PLATFORM_CONFIGURATION_INVALID'));
  if (!configuration.success) throw new LtiError('LTI_PLATFORM_CONFIGURATION_INVALID', configuration.error.issues.map((i) => i.path.join('.')).join(','));
  const config = configuration.data;
  if (!allowed.includes(config.issuer) || !configurationUrl.startsWith(config.issuer)) throw new LtiError('LTI_ISSUER_NOT_ALLOWED', config.issuer);
  if (!config.token_endpoint_auth_methods_supported.includes('private_key_jwt') || !config.id_token_signing_alg_values_supported.includes('RS256')) {
    throw new LtiError('LTI_PLATFORM_CONFIGURATION_INVALID', 'private_key_jwt / RS256 not supported');
  }
  const messages = config[PLATFORM_CONFIGURATION]?.messages_supported?.map((m) => m.type);
  if (messages && !messages.includes(MESSAGE_TYPE.resourceLink)) throw new LtiError('LTI_PLATFORM_CONFIGURATION_INVALID', 'no LtiResourceLinkRequest');

  const scopes = ALL_SERVICE_SCOPES.filter((scope) => !config.scopes_supported || config.scopes_supported.includes(scope));
  const urls = toolUrls(deps.publicUrl);
  const toolConfiguration = {
    application_type: 'web',
    response_types: ['id_token'],
    grant_types: ['implicit', 'client_credentials'],
    initiate_login_uri: urls.login,
    redirect_uris: [urls.launch],
    client_name: 'Pix Embed',
    'client_name#en': 'Pix Embed',
    jwks_uri: urls.jwks,
    token_endpoint_auth_method: 'private_key_jwt',
    scope: scopes.join(' '),
    [TOOL_CONFIGURATION]: {
      domain: new URL(deps.publicUrl).host,
      target_link_uri: urls.launch,
      custom_parameters: {},
      description: 'Évaluer et développer ses compétences numériques (CRCN) sans quitter la plateforme.',
      claims: ['iss', 'sub', 'name', 'given_name', 'family_name', 'email'],
      messages: [
        { type: MESSAGE_TYPE.deepLinking, target_link_uri: urls.deepLinking, label: 'Pix Embed', 'label#en': 'Pix Embed' },
        ...(messages === undefined || messages.includes(MESSAGE_TYPE.resourceLink) ? [{ type: MESSAGE_TYPE.resourceLink, target_link_uri: urls.launch }] : []),
      ],
    },
  };
  const answer = await getJson(
    deps,
    config.registration_endpoint,
    {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(registrationToken ? { authorization: `Bearer ${registrationToken}` } : {}) },
      body: JSON.stringify(toolConfiguration),
    },
    'LTI_REGISTRATION_REFUSED',
  );
  const registered = z
    .object({ client_id: z.string().min(1), scope: z.string().optional(), [TOOL_CONFIGURATION]: z.object({ deployment_id: z.string().optional() }).loose().optional() })
    .loose()
    .safeParse(answer);
  if (!registered.success) throw new LtiError('LTI_REGISTRATION_REFUSED', 'answer without client_id');

  const name = config[PLATFORM_CONFIGURATION]?.product_family_code ?? new URL(config.issuer).host;
  const organizationIds: string[] = [];
  for (const uai of uais) {
    const organization = (await deps.organizations.findByUai(uai)) ?? (await deps.organizations.upsertByUai({ uai, name: `${name} (${uai})`, type: 'SCO' }));
    organizationIds.push(organization.id);
  }
  const deploymentId = registered.data[TOOL_CONFIGURATION]?.deployment_id;
  const granted = registered.data.scope ? registered.data.scope.split(/\s+/).filter((s) => scopes.includes(s)) : scopes;
  await deps.platforms.save(
    {
      issuer: config.issuer,
      clientId: registered.data.client_id,
      name,
      registration: 'dynamic',
      authUrl: config.authorization_endpoint,
      tokenUrl: config.token_endpoint,
      authorizationServer: config.authorization_server ?? null,
      jwksUrl: config.jwks_uri,
      scopes: granted,
      deploymentIds: deploymentId ? [deploymentId] : [],
      organizationIds,
      platformConfiguration: { configuration: config, registration: registered.data },
    },
    deps.clock.now(),
  );
  await deps.registrationsChanged?.();
  deps.logger.info({ issuer: config.issuer, clientId: registered.data.client_id, deploymentId }, 'LTI platform registered dynamically');
  return renderRegistrationDonePage({ platformName: name, clientId: registered.data.client_id, nonce: input.nonce });
}

async function getJson(
  deps: LtiDeps,
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string },
  code: 'LTI_PLATFORM_CONFIGURATION_INVALID' | 'LTI_REGISTRATION_REFUSED',
): Promise<unknown> {
  try {
    const response = await deps.http.request(url, { ...init, headers: { accept: 'application/json', ...(init.headers ?? {}) } });
    if (response.status !== 200 && response.status !== 201) throw new LtiError(code, `HTTP ${response.status}: ${response.text.slice(0, 200)}`);
    return response.json();
  } catch (error) {
    if (error instanceof PlatformHttpError) throw new LtiError(code, error.message);
    throw error;
  }
}
