import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLE, startPlatformEmulator, type PlatformEmulator } from '../support/platform-emulator.ts';
import { bootOf, connect, seedCourse, startLtiTestApp, type LtiTestApp } from '../support/lti-test-app.ts';

const DL = 'https://purl.imsglobal.org/spec/lti-dl/claim';

/** Campaigns through LTI: the picker offers the school's campaigns; a learner on a campaign link lands in it. */
describe('LTI campaign links', () => {
  let app: LtiTestApp;
  let platform: PlatformEmulator;
  let people: ReturnType<typeof seedCourse>;
  let code = '';

  beforeAll(async () => {
    app = await startLtiTestApp();
    platform = await startPlatformEmulator();
    await connect(app, platform);
    people = seedCourse(platform);
    // The teacher's first launch creates her account in the school; she then creates a campaign there.
    await platform.launch({ user: people.teacher.sub, course: 'SNT-5A', roles: [ROLE.instructor], activity: 'SNT-5A-profile' });
    const teacher = (await app.container.accounts.findByIdentity({ provider: 'lti', issuer: platform.issuer, subject: people.teacher.sub }))!;
    const school = (await app.container.organizations.findByUai('0751234A'))!;
    const token = await app.container.tokens.issue({ userId: teacher.id, organizationId: school.id, role: 'MEMBER', locale: 'fr', via: 'lti' });
    const created = await fetch(`${app.baseUrl}/api/campaigns`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'ASSESSMENT', name: 'Rentrée 5e', targetProfileId: 'catalogue:competence-1.1' }),
    });
    expect(created.status, await created.clone().text()).toBeLessThan(300);
    code = ((await created.json()) as { code: string }).code;
  });
  afterAll(async () => {
    await platform?.close();
    await app?.close();
  });

  it('offers the school’s campaigns in the picker, and answers a campaign pick out of 100', async () => {
    const { html } = await platform.launch({ user: people.teacher.sub, course: 'SNT-5A', roles: [ROLE.instructor], messageType: 'LtiDeepLinkingRequest' });
    const data = bootOf(html).data as { action: string; context: string; campaigns: Array<{ code: string; name: string }> };
    expect(data.campaigns).toEqual([{ code, name: 'Rentrée 5e' }]);
    const answer = await (
      await fetch(data.action, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ context: data.context, choice: `campaign:${code}` }) })
    ).text();
    const jwt = /name="JWT" value="([^"]+)"/.exec(answer)![1]!;
    const items = JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString())[`${DL}/content_items`];
    expect(items).toEqual([
      expect.objectContaining({ title: 'Pix — Rentrée 5e', custom: { campaign: code }, lineItem: { scoreMaximum: 100, label: 'Pix — Rentrée 5e', resourceId: `campaign:${code}`, tag: 'pix-campaign' } }),
    ]);
  });

  it('lands a learner of a campaign link in that campaign (through the campaigns context)', async () => {
    platform.addActivity('SNT-5A', { id: 'SNT-5A-camp', title: 'Rentrée 5e', custom: { campaign: code }, lineItem: { scoreMaximum: 100, label: 'Rentrée 5e' } });
    const port = app.container.lti.deps.campaigns!;
    const calls: Array<{ code: string; role: string; token: string }> = [];
    const original = port.sendLearnerPage;
    port.sendLearnerPage = async (_pages, _req, res, input) => {
      calls.push({ code: input.code, role: input.actor.role, token: input.token });
      res.status(200).type('html').send('<p>campaign page</p>');
    };
    try {
      const { response } = await platform.launch({ user: people.lea.sub, course: 'SNT-5A', roles: [ROLE.learner], activity: 'SNT-5A-camp' });
      expect(response.status).toBe(200);
      expect(calls).toEqual([{ code, role: 'PUPIL', token: expect.any(String) }]);
    } finally {
      port.sendLearnerPage = original;
    }
  });
});
