import { sql } from 'drizzle-orm';
import { bigserial, doublePrecision, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { classes, membershipRole, organizations, users } from '../../identity/infrastructure/identity-schema.ts';

/**
 * LTI 1.3 Advantage: the tool's keys, the platforms that launch it, what they launched, and the grades waiting
 * to go back. Everything shared by several tool instances (states, nonces, platform tokens, the score outbox)
 * lives here rather than in memory.
 */

export const ltiKeyPurpose = pgEnum('lti_key_purpose', ['tool', 'demo-platform']);
/** `active` signs; `previous` is still published (platforms cache JWKS); `retired` is kept for the record only. */
export const ltiKeyStatus = pgEnum('lti_key_status', ['active', 'previous', 'retired']);
export const ltiPlatformStatus = pgEnum('lti_platform_status', ['active', 'disabled']);
export const ltiRegistrationKind = pgEnum('lti_registration_kind', ['manual', 'dynamic', 'demo']);
export const ltiScoreStatus = pgEnum('lti_score_status', ['pending', 'delivered', 'superseded', 'failed']);

/** RS256 key pairs; private keys sealed with a key derived from APP_SECRET (never stored or logged in clear). */
export const ltiKeys = pgTable(
  'lti_keys',
  {
    kid: text('kid').primaryKey(),
    purpose: ltiKeyPurpose('purpose').notNull(),
    status: ltiKeyStatus('status').notNull(),
    publicJwk: jsonb('public_jwk').$type<Record<string, unknown>>().notNull(),
    privateJwkSealed: text('private_jwk_sealed').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    retiredAt: timestamp('retired_at', { withTimezone: true }),
  },
  // One signing key per purpose, even when two instances create the first one at the same moment.
  (t) => [uniqueIndex('lti_keys_one_active').on(t.purpose).where(sql`status = 'active'`)],
);

/** One registration of the tool on a platform (issuer + client_id). */
export const ltiPlatforms = pgTable(
  'lti_platforms',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    issuer: text('issuer').notNull(),
    clientId: text('client_id').notNull(),
    name: text('name').notNull().default(''),
    status: ltiPlatformStatus('status').notNull().default('active'),
    registration: ltiRegistrationKind('registration').notNull(),
    authUrl: text('auth_url').notNull(),
    tokenUrl: text('token_url').notNull(),
    /** `aud` of client assertions when the platform names one (else the token URL). */
    authorizationServer: text('authorization_server'),
    jwksUrl: text('jwks_url').notNull(),
    /** Service scopes the platform granted (AGS, NRPS): only these are ever requested. */
    scopes: text('scopes').array().notNull().default(sql`'{}'::text[]`),
    /** Dynamic Registration: the platform's OpenID configuration as read, and the registration answer. */
    platformConfiguration: jsonb('platform_configuration').$type<Record<string, unknown> | null>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('lti_platforms_issuer_client').on(t.issuer, t.clientId)],
);

export const ltiDeployments = pgTable(
  'lti_deployments',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    platformId: uuid('platform_id')
      .notNull()
      .references(() => ltiPlatforms.id, { onDelete: 'cascade' }),
    deploymentId: text('deployment_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('lti_deployments_key').on(t.platformId, t.deploymentId)],
);

/** Schools a registration serves (any of its deployments, unless the deployment has its own list). */
export const ltiPlatformOrganizations = pgTable(
  'lti_platform_organizations',
  {
    platformId: uuid('platform_id')
      .notNull()
      .references(() => ltiPlatforms.id, { onDelete: 'cascade' }),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.platformId, t.organizationId] })],
);

/** Schools one deployment serves; when present, they replace the registration's list for that deployment. */
export const ltiDeploymentOrganizations = pgTable(
  'lti_deployment_organizations',
  {
    deploymentId: uuid('deployment_id')
      .notNull()
      .references(() => ltiDeployments.id, { onDelete: 'cascade' }),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.deploymentId, t.organizationId] })],
);

/** OIDC login states: single use (consumedAt), short-lived, shared by every tool instance. */
export const ltiLaunchStates = pgTable(
  'lti_launch_states',
  {
    state: text('state').primaryKey(),
    platformId: uuid('platform_id')
      .notNull()
      .references(() => ltiPlatforms.id, { onDelete: 'cascade' }),
    nonce: text('nonce').notNull(),
    targetLinkUri: text('target_link_uri').notNull(),
    /** Hash of the value of the Partitioned cookie that binds the state to the browser, when it comes back. */
    browserBindingHash: text('browser_binding_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    consumedAt: timestamp('consumed_at', { withTimezone: true }),
  },
  (t) => [index('lti_launch_states_expires').on(t.expiresAt)],
);

/** Nonces of accepted id_tokens: a second use of one is a replay. */
export const ltiUsedNonces = pgTable(
  'lti_used_nonces',
  {
    platformId: uuid('platform_id')
      .notNull()
      .references(() => ltiPlatforms.id, { onDelete: 'cascade' }),
    nonce: text('nonce').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.platformId, t.nonce] }), index('lti_used_nonces_expires').on(t.expiresAt)],
);

/** An activity placed in a course: what it targets (custom parameters) and its service endpoints. */
export const ltiResourceLinks = pgTable(
  'lti_resource_links',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    platformId: uuid('platform_id')
      .notNull()
      .references(() => ltiPlatforms.id, { onDelete: 'cascade' }),
    deploymentId: text('deployment_id').notNull(),
    resourceLinkId: text('resource_link_id').notNull(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    classId: uuid('class_id').references(() => classes.id, { onDelete: 'set null' }),
    contextId: text('context_id'),
    title: text('title').notNull().default(''),
    /** `competence:1.1`, `campaign:CODE`, or null (the pupil's profile). */
    target: text('target'),
    custom: jsonb('custom').$type<Record<string, string>>().notNull().default({}),
    agsLineItemsUrl: text('ags_line_items_url'),
    agsLineItemUrl: text('ags_line_item_url'),
    agsScopes: text('ags_scopes').array().notNull().default(sql`'{}'::text[]`),
    nrpsUrl: text('nrps_url'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('lti_resource_links_key').on(t.platformId, t.resourceLinkId), index('lti_resource_links_target').on(t.target)],
);

/** The gradebook column of a resource link, given at launch or found/created through AGS. */
export const ltiLineItems = pgTable('lti_line_items', {
  resourceLinkId: uuid('resource_link_id')
    .primaryKey()
    .references(() => ltiResourceLinks.id, { onDelete: 'cascade' }),
  url: text('url').notNull(),
  scoreMaximum: doublePrecision('score_maximum'),
  label: text('label'),
  resourceId: text('resource_id'),
  tag: text('tag'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Who launched which resource link, with their platform `sub` (the `userId` of AGS scores). */
export const ltiLinkLaunches = pgTable(
  'lti_link_launches',
  {
    resourceLinkId: uuid('resource_link_id')
      .notNull()
      .references(() => ltiResourceLinks.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    subject: text('subject').notNull(),
    role: membershipRole('role').notNull(),
    firstLaunchAt: timestamp('first_launch_at', { withTimezone: true }).notNull().defaultNow(),
    lastLaunchAt: timestamp('last_launch_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.resourceLinkId, t.userId] }), index('lti_link_launches_user').on(t.userId)],
);

/** Platform access tokens (client_credentials), per platform and scope set, sealed, shared by instances. */
export const ltiAccessTokens = pgTable(
  'lti_access_tokens',
  {
    platformId: uuid('platform_id')
      .notNull()
      .references(() => ltiPlatforms.id, { onDelete: 'cascade' }),
    scopeKey: text('scope_key').notNull(),
    tokenSealed: text('token_sealed').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.platformId, t.scopeKey] })],
);

/**
 * Transactional outbox of AGS scores: written in the transaction that produced the result, delivered by a
 * worker (FOR UPDATE SKIP LOCKED + lease, exponential backoff). A newer score for the same link and user
 * supersedes an older one still waiting.
 */
export const ltiScoreOutbox = pgTable(
  'lti_score_outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    resourceLinkId: uuid('resource_link_id')
      .notNull()
      .references(() => ltiResourceLinks.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** The platform's `sub` of the learner: AGS `userId`. */
    subject: text('subject').notNull(),
    /**
     * Null: the resource link's own column. Otherwise the tag of an extra column under the same link
     * (`pix-competence-1.1`), found or created at delivery; supersession is per link, learner and tag.
     */
    lineItemTag: text('line_item_tag'),
    /** Label of that extra column when it has to be created. */
    lineItemLabel: text('line_item_label'),
    /** The AGS score body as it will be sent (timestamp included, so retries send the same thing). */
    score: jsonb('score').$type<Record<string, unknown>>().notNull(),
    status: ltiScoreStatus('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    /** Lease of the worker sending it: no other worker takes it before this time. */
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
  },
  (t) => [index('lti_score_outbox_due').on(t.status, t.nextAttemptAt), index('lti_score_outbox_link_user').on(t.resourceLinkId, t.userId)],
);

/** Extra gradebook columns under a resource link, one per tag (per-competence grades of a campaign). */
export const ltiTaggedLineItems = pgTable(
  'lti_tagged_line_items',
  {
    resourceLinkId: uuid('resource_link_id')
      .notNull()
      .references(() => ltiResourceLinks.id, { onDelete: 'cascade' }),
    tag: text('tag').notNull(),
    url: text('url').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.resourceLinkId, t.tag] })],
);
