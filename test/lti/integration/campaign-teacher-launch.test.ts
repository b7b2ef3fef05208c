import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { CampaignView } from '../../../tool/src/shared/api-contract/campaigns.ts';
import { ROLE, startPlatformEmulator } from '../support/platform-emulator.ts';
import { bootOf, connect, seedCourse } from '../support/lti-test-app.ts';
import { useConnectedCourse } from '../support/connected-course.ts';

/**
 * A teacher opening the LMS activity of a campaign lands in the teacher space on that campaign's dashboard
 * (statuses, mastery, CSV, grade sync); a learner on the same link lands on the campaign's page. A link naming
 * another school's campaign opens the plain list: nothing of that campaign is shown.
 */
describe('LTI campaign link launched by a teacher', () => {
  const course = useConnectedCourse();

  /** Created by the course's teacher (launched once before), in her school. */
  async function createCampaign(issuer: string, teacherSub: string, organizationUai: string, name: string): Promise<CampaignView> {
    const school = (await course.app.container.organizations.findByUai(organizationUai))!;
    const userId = (
      await course.app.container.database.db.execute<{ user_id: string }>(sql`select user_id from external_identities where provider = 'lti' and issuer = ${issuer} and subject = ${teacherSub}`)
    ).rows[0]!.user_id;
    const token = await course.app.container.tokens.issue({ userId, organizationId: school.id, role: 'MEMBER', locale: 'fr', via: 'lti' });
    const response = await fetch(`${course.app.baseUrl}/api/campaigns`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'ASSESSMENT', name, targetProfileId: 'catalogue:competence-1.1' }),
    });
    expect(response.status, await response.clone().text()).toBe(201);
    return (await response.json()) as CampaignView;
  }

  it('opens the teacher space focused on the campaign, and the learner’s campaign page', async () => {
    // The school exists once the platform is connected; a teacher launch makes her a member.
    await course.platform.launch({ user: course.people.teacher.sub, course: 'SNT-5A', roles: [ROLE.instructor], activity: 'SNT-5A-profile' });
    const campaign = await createCampaign(course.platform.issuer, course.people.teacher.sub, '0751234A', 'Rentrée 5e');
    course.platform.addActivity('SNT-5A', { id: 'SNT-5A-camp', title: 'Pix — Rentrée 5e', custom: { campaign: campaign.code }, lineItem: { scoreMaximum: 100, label: 'Rentrée 5e' } });

    const teacher = await course.platform.launch({ user: course.people.teacher.sub, course: 'SNT-5A', roles: [ROLE.instructor], activity: 'SNT-5A-camp' });
    expect(teacher.response.status).toBe(200);
    const boot = bootOf(teacher.html);
    expect(boot.widget).toBe('teacher');
    const data = boot.data as { focus?: string; campaigns: Array<{ id: string; code: string }> };
    expect(data.focus).toBe(campaign.id);
    expect(data.campaigns.map((c) => c.code)).toContain(campaign.code);
    // Her token reads the dashboard the widget opens.
    const dashboard = await fetch(`${boot.apiBase}/campaigns/${campaign.id}/dashboard`, { headers: { authorization: `Bearer ${boot.token}` } });
    expect(dashboard.status).toBe(200);

    const learner = await course.platform.launch({ user: course.people.lea.sub, course: 'SNT-5A', roles: [ROLE.learner], activity: 'SNT-5A-camp' });
    expect(bootOf(learner.html).widget).toBe('campaign');
  });

  it('does not focus (nor show) another school’s campaign named by a link', async () => {
    const other = await startPlatformEmulator();
    try {
      await connect(course.app, other, { uais: ['0759999Z'] });
      const otherPeople = seedCourse(other, 'MATH-4B');
      await other.launch({ user: otherPeople.teacher.sub, course: 'MATH-4B', roles: [ROLE.instructor], activity: 'MATH-4B-profile' });
      const foreign = await createCampaign(other.issuer, otherPeople.teacher.sub, '0759999Z', 'Autre école');
      course.platform.addActivity('SNT-5A', { id: 'SNT-5A-foreign', title: 'Pix — Autre', custom: { campaign: foreign.code } });

      const teacher = await course.platform.launch({ user: course.people.teacher.sub, course: 'SNT-5A', roles: [ROLE.instructor], activity: 'SNT-5A-foreign' });
      expect(teacher.response.status).toBe(200);
      const data = bootOf(teacher.html).data as { focus?: string; campaigns: Array<{ code: string }> };
      expect(data.focus).toBeUndefined();
      expect(data.campaigns.map((c) => c.code)).not.toContain(foreign.code);
    } finally {
      await other.close();
    }
  });
});
