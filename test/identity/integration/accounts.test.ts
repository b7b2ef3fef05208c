import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../tool/src/shared/infrastructure/db/database.ts';
import { createAccountRepository } from '../../../tool/src/identity/infrastructure/account-repository.ts';
import { createMembershipRepository } from '../../../tool/src/identity/infrastructure/membership-repository.ts';
import { createOrganizationRepository } from '../../../tool/src/identity/infrastructure/organization-repository.ts';
import { createTestDatabase } from '../../support/test-database.ts';

describe('identity core', () => {
  let database: DatabaseHandle;
  const now = new Date('2026-11-22T08:00:00Z');
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => database.close());

  const lti = { provider: 'lti', issuer: 'https://moodle.example.org', subject: '42' };
  const person = { firstName: 'Léa', lastName: 'Martin', email: 'lea@example.org', locale: 'fr' };

  it('creates an account on first launch and finds the same one on the next, with refreshed names', async () => {
    const accounts = createAccountRepository(database.db);
    const first = await accounts.upsertFromIdentity(lti, person, now);
    expect(first.created).toBe(true);
    const second = await accounts.upsertFromIdentity(lti, { ...person, lastName: 'Martin-Durand' }, now);
    expect(second.created).toBe(false);
    expect(second.account.id).toBe(first.account.id);
    expect(second.account.lastName).toBe('Martin-Durand');
  });

  it('keys accounts on the identity, not the name: same sub on another issuer is another person', async () => {
    const accounts = createAccountRepository(database.db);
    const a = await accounts.upsertFromIdentity(lti, person, now);
    const b = await accounts.upsertFromIdentity({ ...lti, issuer: 'https://other.example.org' }, person, now);
    expect(b.account.id).not.toBe(a.account.id);
  });

  it('creates one account when the same person launches twice at once', async () => {
    const accounts = createAccountRepository(database.db);
    const identity = { provider: 'gar', issuer: 'gar', subject: 'IDO-concurrent' };
    const before = await accounts.count();
    const results = await Promise.all(Array.from({ length: 6 }, () => accounts.upsertFromIdentity(identity, person, now)));
    expect(new Set(results.map((r) => r.account.id)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    // The losers' fresh user rows are removed: one person, one row.
    expect(await accounts.count()).toBe(before + 1);
  });

  it('grants memberships without ever downgrading an administrator', async () => {
    const accounts = createAccountRepository(database.db);
    const organizations = createOrganizationRepository(database.db);
    const memberships = createMembershipRepository(database.db);
    const school = await organizations.upsertByUai({ uai: '0751234a', name: 'Lycée Test', type: 'SCO' });
    expect(school.uai).toBe('0751234A');
    const { account } = await accounts.upsertFromIdentity({ ...lti, subject: 'admin-1' }, person, now);
    expect(await memberships.ensureMembership(account.id, school.id, 'ADMIN')).toBe('ADMIN');
    expect(await memberships.ensureMembership(account.id, school.id, 'MEMBER')).toBe('ADMIN');
    const { account: teacher } = await accounts.upsertFromIdentity({ ...lti, subject: 'teacher-1' }, person, now);
    expect(await memberships.ensureMembership(teacher.id, school.id, 'MEMBER')).toBe('MEMBER');
    expect(await memberships.findMembership(teacher.id, school.id)).toBe('MEMBER');
  });

  it('records one class per outside group, whatever its source', async () => {
    const organizations = createOrganizationRepository(database.db);
    const memberships = createMembershipRepository(database.db);
    const accounts = createAccountRepository(database.db);
    const school = await organizations.upsertByUai({ uai: '0751235B', name: 'Collège Test', type: 'SCO' });
    const course = await memberships.ensureClass({ organizationId: school.id, source: 'LTI_CONTEXT', sourceKey: 'moodle|12', label: 'SNT 2nde' });
    const again = await memberships.ensureClass({ organizationId: school.id, source: 'LTI_CONTEXT', sourceKey: 'moodle|12', label: 'SNT 2nde B' });
    expect(again.id).toBe(course.id);
    expect(again.label).toBe('SNT 2nde B');
    const division = await memberships.ensureClass({ organizationId: school.id, source: 'GAR_DIV', sourceKey: '2B', label: '2nde B' });
    expect(division.id).not.toBe(course.id);
    const { account } = await accounts.upsertFromIdentity({ ...lti, subject: 'pupil-9' }, person, now);
    await memberships.addClassMember(course.id, account.id, 'PUPIL');
    await memberships.addClassMember(division.id, account.id, 'PUPIL');
    await memberships.addClassMember(division.id, account.id, 'PUPIL');
    expect((await memberships.listClassesOfUser(account.id, school.id)).map((c) => c.label)).toEqual(['2nde B', 'SNT 2nde B']);
  });
});
