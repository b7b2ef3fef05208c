import { eq, sql } from 'drizzle-orm';
import type { Database } from '../../shared/infrastructure/db/database.ts';
import { organizations } from '../../identity/infrastructure/identity-schema.ts';

/** GAR settings a school decides, kept in organizations.settings. */
export interface GarSchoolSettings {
  /** "Cadre de confiance": external addresses are plain text for GAR users unless the school allows links. */
  allowExternalLinks: boolean;
}

export function createSchoolSettings(db: Database) {
  return {
    async get(organizationId: string): Promise<GarSchoolSettings> {
      const [row] = await db.select({ settings: organizations.settings }).from(organizations).where(eq(organizations.id, organizationId));
      return { allowExternalLinks: row?.settings.garAllowExternalLinks === true };
    },
    async setAllowExternalLinks(organizationId: string, allow: boolean): Promise<void> {
      await db
        .update(organizations)
        .set({ settings: sql`${organizations.settings} || ${JSON.stringify({ garAllowExternalLinks: allow })}::jsonb` })
        .where(eq(organizations.id, organizationId));
    },
  };
}
export type SchoolSettings = ReturnType<typeof createSchoolSettings>;
