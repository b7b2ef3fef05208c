import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { ROLE, startPlatformEmulator, type PlatformEmulator } from '../support/platform-emulator.ts';
import { bootOf, connect, errorCodeOf, seedCourse, startLtiTestApp, type LtiTestApp } from '../support/lti-test-app.ts';
import { bindOrganizations } from '../../../tool/src/lti/application/usecases/register-platform.ts';

/** One platform serving several schools: the custom parameter `uai` picks one, among the bound ones only. */
describe('LTI launches and organizations', () => {
  let app: LtiTestApp;
  let shared: PlatformEmulator;
  let unbound: PlatformEmulator;
  let people: ReturnType<typeof seedCourse>;

  beforeAll(async () => {
    app = await startLtiTestApp();
    shared = await startPlatformEmulator();
    await connect(app, shared, { uais: ['0750001A', '0750002B'] });
    people = seedCourse(shared);
    unbound = await startPlatformEmulator();
    await connect(app, unbound, { uais: [] });
    seedCourse(unbound);
  });
  afterAll(async () => {
    await shared?.close();
    await unbound?.close();
    await app?.close();
  });

  const organizationOf = async (token: string | undefined) => {
    const me = await (await fetch(`${app.baseUrl}/api/me`, { headers: { authorization: `Bearer ${token}` } })).json();
    return me.organizations.find((o: { organizationId: string }) => o.organizationId === me.organizationId)?.uai;
  };

  it('puts the launch in the school named by custom uai, and the course becomes a class of that school', async () => {
    const { response, html } = await shared.launch({ user: people.lea.sub, course: 'SNT-5A', roles: [ROLE.learner], activity: 'SNT-5A-profile', custom: { uai: '0750002b' } });
    expect(response.status).toBe(200);
    expect(await organizationOf(bootOf(html).token)).toBe('0750002B');
    const classes = await app.container.database.db.execute<{ uai: string; source: string; label: string }>(sql`
      select o.uai, c.source::text as source, c.label from classes c join organizations o on o.id = c.organization_id where c.source = 'LTI_CONTEXT'`);
    expect(classes.rows).toEqual([{ uai: '0750002B', source: 'LTI_CONTEXT', label: '5e A — SNT' }]);
  });

  it('refuses a UAI that is not bound to this registration, even an existing school (a teacher can set custom parameters)', async () => {
    await app.container.organizations.upsertByUai({ uai: '0759999Z', name: 'Autre collège', type: 'SCO' });
    const { response, html } = await shared.launch({ user: people.lea.sub, course: 'SNT-5A', roles: [ROLE.learner], activity: 'SNT-5A-profile', custom: { uai: '0759999Z' } });
    expect(response.status).toBe(403);
    expect(errorCodeOf(html)).toBe('LTI_UAI_NOT_BOUND');
  });

  it('asks for a uai when several schools are bound and none is named', async () => {
    const { html } = await shared.launch({ user: people.lea.sub, course: 'SNT-5A', roles: [ROLE.learner], activity: 'SNT-5A-profile' });
    expect(errorCodeOf(html)).toBe('LTI_UAI_REQUIRED');
  });

  it('refuses a platform bound to no school, with the command that fixes it in the hint', async () => {
    const { response, html } = await unbound.launch({ user: 'SNT-5A-p1', course: 'SNT-5A', roles: [ROLE.learner], activity: 'SNT-5A-profile' });
    expect(response.status).toBe(403);
    expect(errorCodeOf(html)).toBe('LTI_NO_ORGANIZATION');
    expect(html).toContain('platform bind');
  });

  it('lets a deployment have its own school, replacing the registration’s list for that deployment', async () => {
    const registration = unbound.registrations[0]!;
    const platform = await app.container.lti.deps.platforms.findByIssuerAndClient(unbound.issuer, registration.clientId);
    await bindOrganizations({ deps: app.container.lti.deps, platformId: platform!.id, uais: ['0750003C'], deploymentId: registration.deploymentId });
    const { response, html } = await unbound.launch({ user: 'SNT-5A-p1', course: 'SNT-5A', roles: [ROLE.learner], activity: 'SNT-5A-profile' });
    expect(response.status).toBe(200);
    expect(await organizationOf(bootOf(html).token)).toBe('0750003C');
  });
});
