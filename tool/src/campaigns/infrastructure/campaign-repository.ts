import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Database } from '../../shared/infrastructure/db/database.ts';
import { campaignParticipations, campaigns, targetProfiles, type CappedTubeRow, type StageRow } from './campaigns-schema.ts';

export type StoredCampaign = typeof campaigns.$inferSelect;
export type NewCampaign = Omit<typeof campaigns.$inferInsert, 'id'>;
export type StoredTargetProfile = typeof targetProfiles.$inferSelect;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: string) => UUID.test(value);

/** Campaigns and custom target profiles. Pass a transaction handle to work inside one. */
export function createCampaignRepository(db: Database) {
  return {
    async insert(values: NewCampaign): Promise<StoredCampaign | null> {
      const [row] = await db.insert(campaigns).values(values).onConflictDoNothing({ target: campaigns.code }).returning();
      return row ?? null;
    },
    async findById(id: string): Promise<StoredCampaign | null> {
      if (!isUuid(id)) return null;
      const [row] = await db.select().from(campaigns).where(eq(campaigns.id, id));
      return row ?? null;
    },
    async findByCode(code: string): Promise<StoredCampaign | null> {
      const [row] = await db.select().from(campaigns).where(eq(campaigns.code, code));
      return row ?? null;
    },
    async codeTaken(code: string): Promise<boolean> {
      const [row] = await db.select({ id: campaigns.id }).from(campaigns).where(eq(campaigns.code, code));
      return row !== undefined;
    },
    async listByOrganizations(organizationIds: readonly string[], includeArchived: boolean): Promise<StoredCampaign[]> {
      if (organizationIds.length === 0) return [];
      return db
        .select()
        .from(campaigns)
        .where(and(inArray(campaigns.organizationId, [...organizationIds]), includeArchived ? undefined : isNull(campaigns.archivedAt)))
        .orderBy(desc(campaigns.createdAt));
    },
    async update(id: string, values: Partial<NewCampaign>): Promise<StoredCampaign | null> {
      const [row] = await db.update(campaigns).set(values).where(eq(campaigns.id, id)).returning();
      return row ?? null;
    },
    /** Current participations and shared ones, per campaign (the list's counters). */
    async participationCounts(campaignIds: readonly string[]): Promise<Map<string, { participants: number; shared: number }>> {
      if (campaignIds.length === 0) return new Map();
      const rows = await db
        .select({
          campaignId: campaignParticipations.campaignId,
          participants: sql<number>`count(*)::int`,
          shared: sql<number>`(count(*) filter (where ${campaignParticipations.status} = 'SHARED'))::int`,
        })
        .from(campaignParticipations)
        .where(and(inArray(campaignParticipations.campaignId, [...campaignIds]), eq(campaignParticipations.isImproved, false), isNull(campaignParticipations.deletedAt)))
        .groupBy(campaignParticipations.campaignId);
      return new Map(rows.map((r) => [r.campaignId, { participants: r.participants, shared: r.shared }]));
    },
    async hasParticipations(campaignId: string): Promise<boolean> {
      const [row] = await db.select({ id: campaignParticipations.id }).from(campaignParticipations).where(eq(campaignParticipations.campaignId, campaignId)).limit(1);
      return row !== undefined;
    },
    async insertTargetProfile(values: { organizationId: string; name: string; description: string; tubes: CappedTubeRow[]; createdBy: string }): Promise<StoredTargetProfile> {
      const [row] = await db.insert(targetProfiles).values(values).returning();
      if (!row) throw new Error('insert returned no row');
      return row;
    },
    async findTargetProfile(id: string): Promise<StoredTargetProfile | null> {
      if (!isUuid(id)) return null;
      const [row] = await db.select().from(targetProfiles).where(eq(targetProfiles.id, id));
      return row ?? null;
    },
    async listTargetProfiles(organizationIds: readonly string[]): Promise<StoredTargetProfile[]> {
      if (organizationIds.length === 0) return [];
      return db.select().from(targetProfiles).where(inArray(targetProfiles.organizationId, [...organizationIds])).orderBy(desc(targetProfiles.createdAt));
    },
  };
}
export type CampaignRepository = ReturnType<typeof createCampaignRepository>;
export type { StageRow };
