import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getProfileView } from '../../../tool/src/evaluation/application/usecases/get-profile-view.ts';
import { classMembers, classes, users } from '../../../tool/src/identity/infrastructure/identity-schema.ts';
import { knowledgeElements } from '../../../tool/src/evaluation/infrastructure/evaluation-schema.ts';
import { getSchoolView } from '../../../tool/src/gar/application/usecases/get-school-view.ts';
import { garRosterPupils } from '../../../tool/src/gar/infrastructure/gar-schema.ts';
import { startTestApp, type TestApp } from '../../support/test-app.ts';

/**
 * The teacher view of a school costs the same number of queries with 5 pupils or 50 (it used to read each
 * pupil's knowledge elements and evaluations one pupil at a time), and its totals are each pupil's own profile's.
 */
describe('the teacher view of a large school', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => app?.close());

  /** A school with `size` pupils in two classes, knowledge elements for most, a roster and a few pending requests. */
  async function seedSchool(uai: string, size: number): Promise<{ organizationId: string; pupilIds: string[] }> {
    const db = app.container.database.db;
    const school = await app.container.organizations.upsertByUai({ uai, name: `Collège ${uai}`, type: 'SCO' });
    const classRows = await db
      .insert(classes)
      .values(['A', 'B'].map((k) => ({ organizationId: school.id, source: 'GAR_DIV' as const, sourceKey: `5${k}`, label: `5e ${k}` })))
      .returning({ id: classes.id });
    const pupils = await db
      .insert(users)
      .values(Array.from({ length: size }, (_, i) => ({ firstName: `Élève${i}`, lastName: `NOM${String(i).padStart(3, '0')}` })))
      .returning({ id: users.id });
    await db.insert(classMembers).values(pupils.map((p, i) => ({ classId: classRows[i % 2]!.id, userId: p.id, role: 'PUPIL' as const })));
    const referential = app.container.evaluation.referential();
    const [competenceIndex, skills] = [...referential.skillsByCompetence.entries()].find(([, s]) => s.length >= 3)!;
    const elements = pupils.flatMap((p, i) =>
      skills.slice(0, i % 4).map((skill, k) => ({
        userId: p.id,
        skillId: skill.id,
        competenceIndex,
        source: 'direct' as const,
        status: (k === 2 ? 'invalidated' : 'validated') as 'validated' | 'invalidated',
        earnedPix: k === 2 ? 0 : skill.pixValue,
        createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i * 10 + k)),
      })),
    );
    if (elements.length) await db.insert(knowledgeElements).values(elements);
    const now = new Date();
    await db.insert(garRosterPupils).values(
      Array.from({ length: size }, (_, i) => ({
        organizationId: school.id,
        ine: `${uai}${String(i).padStart(3, '0')}`,
        lastName: `LISTE${i}`,
        firstName: 'Prénom',
        birthdate: '2012-01-01',
        division: i % 2 ? '5B' : '5A',
        source: 'CSV' as const,
        importedAt: now,
        updatedAt: now,
      })),
    );
    for (const p of pupils.slice(0, Math.ceil(size / 5))) {
      await app.container.gar.deps!.reconciliation.open({ organizationId: school.id, userId: p.id, firstName: 'X', lastName: 'Y', birthdate: '2012-01-01', divisions: ['5e A'], reason: 'NO_MATCH', now });
    }
    return { organizationId: school.id, pupilIds: pupils.map((p) => p.id) };
  }

  /** Counts the statements sent to the database while `run` runs (PGlite or a node-postgres pool alike). */
  async function countQueries<T>(run: () => Promise<T>): Promise<{ result: T; queries: number }> {
    const client = (app.container.database.db as unknown as { $client: { query: (...args: unknown[]) => Promise<unknown> } }).$client;
    const original = client.query;
    let queries = 0;
    client.query = (...args: unknown[]) => {
      queries += 1;
      return original.apply(client, args);
    };
    try {
      return { result: await run(), queries };
    } finally {
      client.query = original;
    }
  }

  it('takes a constant number of queries with 5 and with 50 pupils, and totals match each pupil’s profile', async () => {
    const deps = app.container.gar.deps!;
    const small = await seedSchool('0770005A', 5);
    const large = await seedSchool('0770050A', 50);
    const few = await countQueries(() => getSchoolView(deps, small.organizationId));
    const many = await countQueries(() => getSchoolView(deps, large.organizationId));
    expect(many.result.classes.flatMap((c) => c.pupils)).toHaveLength(50);
    expect(many.result.pendingReconciliations).toHaveLength(10);
    expect(many.result.pendingReconciliations[0]!.candidates.length).toBeGreaterThan(0);
    expect(many.result.roster).toEqual({ active: 50, linked: 0 });
    expect(few.queries).toBeGreaterThan(0);
    expect(many.queries).toBe(few.queries);

    // Same totals as the pupil's own profile, pupil by pupil (the slow way, once, to compare).
    const totals = many.result.classes.flatMap((c) => c.pupils.map((p) => [p.name, p.totalPix] as const));
    const expected = await Promise.all(
      large.pupilIds.map(async (userId) => {
        const view = await getProfileView(deps.evaluation, { userId, organizationId: large.organizationId, locale: 'fr' }, '');
        return view.totalPix;
      }),
    );
    expect(totals.map(([, pix]) => pix).sort((a, b) => a - b)).toEqual([...expected].sort((a, b) => a - b));
    expect(expected.some((pix) => pix > 0)).toBe(true);
  });
});
