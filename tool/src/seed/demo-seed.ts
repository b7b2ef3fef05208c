import { eq } from 'drizzle-orm';
import type { Database } from '../shared/infrastructure/db/database.ts';
import { organizations } from '../identity/infrastructure/identity-schema.ts';
import { createAccountRepository } from '../identity/infrastructure/account-repository.ts';
import { createMembershipRepository, type MembershipRole } from '../identity/infrastructure/membership-repository.ts';
import { createOrganizationRepository } from '../identity/infrastructure/organization-repository.ts';

/** The demo school: département 099 does not exist, so this UAI can never be a real school's. */
export const DEMO_UAI = '0991234A';
export const DEMO_PROVIDER = 'demo';
export const DEMO_ISSUER = 'pix-embed-demo';

export interface DemoPerson {
  key: string;
  firstName: string;
  lastName: string;
  role: MembershipRole;
  classes: string[];
}

export const DEMO_PEOPLE: readonly DemoPerson[] = [
  { key: 'admin', firstName: 'Claire', lastName: 'Lefèvre', role: 'ADMIN', classes: [] },
  { key: 'teacher', firstName: 'Karim', lastName: 'Benali', role: 'MEMBER', classes: ['5A', '5B'] },
  { key: 'pupil-5a-1', firstName: 'Léa', lastName: 'Martin', role: 'PUPIL', classes: ['5A'] },
  { key: 'pupil-5a-2', firstName: 'Noah', lastName: 'Petit', role: 'PUPIL', classes: ['5A'] },
  { key: 'pupil-5a-3', firstName: 'Inès', lastName: 'Moreau', role: 'PUPIL', classes: ['5A'] },
  { key: 'pupil-5b-1', firstName: 'Chloé', lastName: 'Nguyen', role: 'PUPIL', classes: ['5B'] },
  { key: 'pupil-5b-2', firstName: 'Mathis', lastName: 'Garnier', role: 'PUPIL', classes: ['5B'] },
  { key: 'pupil-5b-3', firstName: 'Yasmine', lastName: 'Haddad', role: 'PUPIL', classes: ['5B'] },
];

const CLASS_LABELS: Record<string, string> = { '5A': '5e A', '5B': '5e B' };

/** Seeds the demo school once; running it again changes nothing. Returns true when it created the school. */
export async function seedDemoData(db: Database, now: Date = new Date()): Promise<boolean> {
  const [existing] = await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.uai, DEMO_UAI));
  if (existing) return false;
  const organizationsRepo = createOrganizationRepository(db);
  const accounts = createAccountRepository(db);
  const memberships = createMembershipRepository(db);
  const school = await organizationsRepo.upsertByUai({ uai: DEMO_UAI, name: 'Collège Jean Moulin (démo)', type: 'SCO' });
  const classIds = new Map<string, string>();
  for (const [code, label] of Object.entries(CLASS_LABELS)) {
    const created = await memberships.ensureClass({ organizationId: school.id, source: 'SIECLE', sourceKey: code, label });
    classIds.set(code, created.id);
  }
  for (const person of DEMO_PEOPLE) {
    const { account } = await accounts.upsertFromIdentity(
      { provider: DEMO_PROVIDER, issuer: DEMO_ISSUER, subject: person.key },
      { firstName: person.firstName, lastName: person.lastName, email: null, locale: 'fr' },
      now,
    );
    await memberships.ensureMembership(account.id, school.id, person.role);
    for (const code of person.classes) {
      const classId = classIds.get(code);
      if (classId) await memberships.addClassMember(classId, account.id, person.role === 'PUPIL' ? 'PUPIL' : 'TEACHER');
    }
  }
  return true;
}
