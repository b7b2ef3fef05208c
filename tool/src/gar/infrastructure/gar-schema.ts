import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organizations, users } from '../../identity/infrastructure/identity-schema.ts';

/**
 * GAR (SAML) tables: protocol state shared by every instance (pending AuthnRequests, consumed assertions,
 * login steps in progress, SAML sessions for single logout) and the schools' rosters with reconciliation.
 */

/** AuthnRequests sent and not answered yet: the ACS may reach another instance than /saml/login. */
export const garAuthnRequests = pgTable(
  'gar_authn_requests',
  {
    /** The AuthnRequest ID, echoed by the IdP in InResponseTo. */
    id: text('id').primaryKey(),
    idp: text('idp').notNull(),
    /** The page the user asked for (a local path): RelayState is always the resource URL. */
    target: text('target').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('gar_authn_requests_expires').on(t.expiresAt)],
);

/** Assertion ids already used: a replayed assertion is refused on every instance until it expires. */
export const garConsumedAssertions = pgTable(
  'gar_consumed_assertions',
  {
    idp: text('idp').notNull(),
    assertionId: text('assertion_id').notNull(),
    consumedAt: timestamp('consumed_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.idp, t.assertionId] }), index('gar_consumed_assertions_expires').on(t.expiresAt)],
);

/** A login that needs one more answer (which school, birthdate): the validated identity waits here, briefly. */
export const garLoginSteps = pgTable(
  'gar_login_steps',
  {
    /** Random, unguessable, single use. */
    id: text('id').primaryKey(),
    step: text('step').$type<'CHOOSE_UAI' | 'BIRTHDATE' | 'NOTICE'>().notNull(),
    state: jsonb('state').$type<Record<string, unknown>>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('gar_login_steps_expires').on(t.expiresAt)],
);

/** Tool sessions opened by a SAML login: single logout ends them by NameID and SessionIndex. */
export const garSessions = pgTable(
  'gar_sessions',
  {
    /** The session token's jti. */
    sessionId: text('session_id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    idp: text('idp').notNull(),
    nameId: text('name_id').notNull(),
    nameIdFormat: text('name_id_format'),
    sessionIndex: text('session_index'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
  },
  (t) => [index('gar_sessions_name_id').on(t.idp, t.nameId), index('gar_sessions_user').on(t.userId)],
);

/** The school a user with several UAIs picked last time. */
export const garUaiChoices = pgTable('gar_uai_choices', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  uai: text('uai').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

export const rosterSource = pgEnum('gar_roster_source', ['SIECLE', 'CSV']);

/** The pupils of a school as its SIECLE export (or a CSV) lists them. Never deleted: inactive when gone. */
export const garRosterPupils = pgTable(
  'gar_roster_pupils',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    /** Identifiant national élève. */
    ine: text('ine').notNull(),
    /** SIECLE's ELEVE_ID: the LSU export needs it. */
    siecleEleveId: text('siecle_eleve_id'),
    lastName: text('last_name').notNull(),
    preferredLastName: text('preferred_last_name'),
    firstName: text('first_name').notNull(),
    middleName: text('middle_name'),
    thirdName: text('third_name'),
    sex: text('sex').$type<'M' | 'F'>(),
    birthdate: date('birthdate', { mode: 'string' }).notNull(),
    birthCountryCode: text('birth_country_code'),
    birthCityCode: text('birth_city_code'),
    birthDepartmentCode: text('birth_department_code'),
    birthCity: text('birth_city'),
    mefCode: text('mef_code'),
    status: text('status'),
    division: text('division').notNull(),
    active: boolean('active').notNull().default(true),
    source: rosterSource('source').notNull(),
    /** The account reconciled with this pupil (set on her first GAR login). */
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    linkedAt: timestamp('linked_at', { withTimezone: true }),
    importedAt: timestamp('imported_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    inactivatedAt: timestamp('inactivated_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('gar_roster_pupils_ine').on(t.organizationId, t.ine),
    index('gar_roster_pupils_ine_any_school').on(t.ine),
    index('gar_roster_pupils_birthdate').on(t.organizationId, t.birthdate),
    index('gar_roster_pupils_user').on(t.userId),
    // The livret's pages of a school's active roster in reading order (last, first name): an index-only scan in
    // that order instead of a locale-aware sort of the whole school on every page. Every column a page reads
    // is a key column (after the unique id, they never change the order) so the heap is not visited.
    index('gar_roster_pupils_school_order')
      .on(t.organizationId, t.lastName, t.firstName, t.id, t.ine, t.siecleEleveId, t.birthdate, t.division, t.userId)
      .where(sql`${t.active}`),
  ],
);

/** One line per roster import, for the school's administrators. */
export const garRosterImports = pgTable(
  'gar_roster_imports',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    format: text('format').notNull(),
    imported: integer('imported').notNull(),
    updated: integer('updated').notNull(),
    inactivated: integer('inactivated').notNull(),
    errorCount: integer('error_count').notNull(),
    byUserId: uuid('by_user_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('gar_roster_imports_organization').on(t.organizationId)],
);

/** A pupil the roster could not match (none or several): her teacher decides, the tool never guesses. */
export const garReconciliationRequests = pgTable(
  'gar_reconciliation_requests',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    firstName: text('first_name').notNull(),
    lastName: text('last_name').notNull(),
    /** The birthdate the pupil typed (asked once). */
    birthdate: date('birthdate', { mode: 'string' }).notNull(),
    divisions: jsonb('divisions').$type<string[]>().notNull().default([]),
    reason: text('reason').$type<'NO_MATCH' | 'SEVERAL' | 'ALREADY_LINKED'>().notNull(),
    /** RESOLVED: linked to a roster pupil (automatically or by a teacher); DISMISSED: a teacher decided not to link. */
    status: text('status').$type<'OPEN' | 'RESOLVED' | 'DISMISSED'>().notNull().default('OPEN'),
    rosterPupilId: uuid('roster_pupil_id').references(() => garRosterPupils.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    /** When it was settled (linked or dismissed). */
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    /** The teacher or administrator who settled it by hand (null: matched automatically, or still open). */
    settledByUserId: uuid('settled_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    /** When the pupil was told the outcome of a settlement by hand (told once, at her next login). */
    outcomeSeenAt: timestamp('outcome_seen_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('gar_reconciliation_requests_pupil').on(t.organizationId, t.userId), index('gar_reconciliation_requests_status').on(t.organizationId, t.status)],
);
