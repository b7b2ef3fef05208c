import { asc, eq } from 'drizzle-orm';
import type { Database } from '../../shared/infrastructure/db/database.ts';
import { organizations } from './identity-schema.ts';

export type OrganizationType = 'SCO' | 'SUP' | 'PRO';
export interface Organization {
  id: string;
  uai: string | null;
  name: string;
  type: OrganizationType;
}

const columns = { id: organizations.id, uai: organizations.uai, name: organizations.name, type: organizations.type };

export function createOrganizationRepository(db: Database) {
  return {
    async list(): Promise<Organization[]> {
      return db.select(columns).from(organizations).orderBy(asc(organizations.name));
    },
    async findById(id: string): Promise<Organization | null> {
      const [row] = await db.select(columns).from(organizations).where(eq(organizations.id, id));
      return row ?? null;
    },
    async findByUai(uai: string): Promise<Organization | null> {
      const [row] = await db.select(columns).from(organizations).where(eq(organizations.uai, uai.toUpperCase()));
      return row ?? null;
    },
    /** Creates the school or refreshes its name; the UAI is the key. */
    async upsertByUai(input: { uai: string; name: string; type: OrganizationType }): Promise<Organization> {
      const [row] = await db
        .insert(organizations)
        .values({ uai: input.uai.toUpperCase(), name: input.name, type: input.type })
        .onConflictDoUpdate({ target: organizations.uai, set: { name: input.name } })
        .returning(columns);
      if (!row) throw new Error('upsert returned no row');
      return row;
    },
  };
}
export type OrganizationRepository = ReturnType<typeof createOrganizationRepository>;
