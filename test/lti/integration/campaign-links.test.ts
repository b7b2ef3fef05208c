import { beforeAll, describe, expect, it } from 'vitest';
import { ROLE } from '../support/platform-emulator.ts';
import { bootOf } from '../support/lti-test-app.ts';
import { useConnectedCourse } from '../support/connected-course.ts';

const DL = 'https://purl.imsglobal.org/spec/lti-dl/claim';

/** Campaigns through LTI: the picker offers the school's campaigns; a learner on a campaign link lands in it. */
describe('LTI campaign links', () => {
  const course = useConnectedCourse();
  let code = '';

  beforeAll(async () => {
    // The teacher's first launch creates her account in the school; she then creates a campaign there.
    await course.platform.launch({ user: course.people.teacher.sub, course: 'SNT-5A', roles: [ROLE.instructor], activity: 'SNT-5A-profile' });
    const teacher = (await course.app.container.accounts.findByIdentity({ provider: 'lti', issuer: course.platform.issuer, subject: course.people.teacher.sub }))!;
    const school = (await course.app.container.organizations.findByUai('0751234A'))!;
    const token = await course.app.container.tokens.issue({ userId: teacher.id, organizationId: school.id, role: 'MEMBER', locale: 'fr', via: 'lti' });
    const created = await fetch(`${course.app.baseUrl}/api/campaigns`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'ASSESSMENT', name: 'Rentrée 5e', targetProfileId: 'catalogue:competence-1.1' }),
    });
    expect(created.status, await created.clone().text()).toBeLessThan(300);
    code = ((await created.json()) as { code: string }).code;
  });

  it('offers the school’s campaigns in the picker, and answers a campaign pick out of 100', async () => {
    const { html } = await course.platform.launch({ user: course.people.teacher.sub, course: 'SNT-5A', roles: [ROLE.instructor], messageType: 'LtiDeepLinkingRequest' });
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
    course.platform.addActivity('SNT-5A', { id: 'SNT-5A-camp', title: 'Rentrée 5e', custom: { campaign: code }, lineItem: { scoreMaximum: 100, label: 'Rentrée 5e' } });
    const port = course.app.container.lti.deps.campaigns!;
    const calls: Array<{ code: string; role: string; token: string }> = [];
    const original = port.sendLearnerPage;
    port.sendLearnerPage = async (_pages, _req, res, input) => {
      calls.push({ code: input.code, role: input.actor.role, token: input.token });
      res.status(200).type('html').send('<p>campaign page</p>');
    };
    try {
      const { response } = await course.platform.launch({ user: course.people.lea.sub, course: 'SNT-5A', roles: [ROLE.learner], activity: 'SNT-5A-camp' });
      expect(response.status).toBe(200);
      expect(calls).toEqual([{ code, role: 'PUPIL', token: expect.any(String) }]);
    } finally {
      port.sendLearnerPage = original;
    }
  });
});
