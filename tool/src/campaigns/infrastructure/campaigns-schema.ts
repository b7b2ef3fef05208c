import { sql } from 'drizzle-orm';
import { boolean, doublePrecision, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organizations, users } from '../../identity/infrastructure/identity-schema.ts';

/** Campaigns (parcours), custom target profiles and participations: the prescription side of the tool. */

export const campaignType = pgEnum('campaign_type', ['ASSESSMENT', 'PROFILES_COLLECTION']);
export const participationStatus = pgEnum('campaign_participation_status', ['STARTED', 'TO_SHARE', 'SHARED']);

/** A capped tube of a target profile: the tube's skills up to `level`. */
export interface CappedTubeRow {
  tubeName: string;
  level: number;
}

/** A stage (palier): reached when the mastery rate is at least `threshold` percent. */
export interface StageRow {
  threshold: number;
  title: string;
  message: string;
}

/** At share time, per competence index and per tube name: skills targeted and validated. */
export interface CompetenceResultsRow {
  competences: Record<string, { targeted: number; validated: number }>;
  tubes: Record<string, { targeted: number; validated: number }>;
}

/** Profiles built by teachers; the shipped catalogue lives in referential/target-profiles/*.yaml. */
export const targetProfiles = pgTable(
  'target_profiles',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    tubes: jsonb('tubes').$type<CappedTubeRow[]>().notNull(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('target_profiles_organization').on(t.organizationId)],
);

export const campaigns = pgTable(
  'campaigns',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    /** 6 upper-case letters + 3 digits from an unambiguous charset. */
    code: text('code').notNull(),
    type: campaignType('type').notNull(),
    name: text('name').notNull(),
    title: text('title'),
    landingText: text('landing_text'),
    externalIdLabel: text('external_id_label'),
    multipleSendings: boolean('multiple_sendings').notNull().default(false),
    /** Anyone with the code may join, not only the pupils of the organization. */
    openToAnyone: boolean('open_to_anyone').notNull().default(false),
    /** One gradebook column per assessed competence (LTI), besides the main grade. */
    gradePerCompetence: boolean('grade_per_competence').notNull().default(false),
    /** `catalogue:<key>` or the id of a custom target profile; null for a profiles collection. */
    targetProfileRef: text('target_profile_ref'),
    targetProfileName: text('target_profile_name'),
    /** Frozen at creation: later referential or profile changes do not move a running campaign. */
    skillIds: jsonb('skill_ids').$type<string[]>().notNull(),
    stages: jsonb('stages').$type<StageRow[]>().notNull().default([]),
    ownerId: uuid('owner_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    archivedBy: uuid('archived_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [uniqueIndex('campaigns_code').on(t.code), index('campaigns_organization').on(t.organizationId, t.createdAt)],
);

export const campaignParticipations = pgTable(
  'campaign_participations',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    /** Null once the participation is deleted (anonymised). */
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    participantExternalId: text('participant_external_id'),
    status: participationStatus('status').notNull().default('STARTED'),
    /** An older attempt, replaced by a retry: kept, but out of the results. */
    isImproved: boolean('is_improved').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sharedAt: timestamp('shared_at', { withTimezone: true }),
    /** Results frozen at share time (§4.3); `competence_results` holds the per-competence and per-tube counts. */
    validatedSkillsCount: integer('validated_skills_count'),
    masteryRate: doublePrecision('mastery_rate'),
    pixScore: integer('pix_score'),
    competenceResults: jsonb('competence_results').$type<CompetenceResultsRow>(),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    deletedBy: uuid('deleted_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [
    // The dashboard and the export read a campaign's current participations, oldest first.
    index('campaign_participations_campaign').on(t.campaignId, t.createdAt).where(sql`${t.isImproved} = false and ${t.deletedAt} is null`),
    index('campaign_participations_user').on(t.userId),
    // One current participation per pupil and campaign.
    uniqueIndex('campaign_participations_current').on(t.campaignId, t.userId).where(sql`${t.isImproved} = false and ${t.deletedAt} is null`),
  ],
);

export const sharedTotalKind = pgEnum('campaign_shared_total_kind', ['COMPETENCE', 'TUBE']);

/**
 * Σ targeted and Σ validated skills per competence and per tube over a campaign's counted participations
 * (SHARED, current, not deleted), kept in step with them in the transactions that share, retry or delete one.
 * The dashboard reads these ~100 rows instead of summing every participation's frozen results (issue 7: 2,000
 * participations under 100 ms). `competence_results` stays the per-participation source they derive from.
 */
export const campaignSharedTotals = pgTable(
  'campaign_shared_totals',
  {
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    kind: sharedTotalKind('kind').notNull(),
    /** Competence index or tube name. */
    key: text('key').notNull(),
    targeted: integer('targeted').notNull().default(0),
    validated: integer('validated').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.kind, t.key] })],
);
