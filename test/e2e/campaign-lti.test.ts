import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { loadReferential } from '../../tool/src/referential/infrastructure/load-referential.ts';
import { REFERENTIAL_DIR } from '../../tool/src/composition-root.ts';
import type { Referential } from '../../tool/src/referential/domain/referential.ts';
import { ROLE } from '../lti/support/platform-emulator.ts';
import { browserAvailable } from './support/browser.ts';
import { PupilDriver } from './support/pupil-driver.ts';
import { playCampaignToResults, type AnswerPattern } from './support/campaign-player.ts';
import { seriousAxeViolations } from './support/axe-frame.ts';
import { useEmbeddedLtiCourse } from './support/embedded-lti-course.ts';

const run = browserAvailable();
const COURSE = 'SNT-5A';

/**
 * Issue 7 end to end, in Chromium with third-party cookies blocked: the emulated Moodle course page (127.0.0.1)
 * embeds the tool (localhost, another site). A teacher creates a campaign from the deep-linking picker, three
 * pupils play it through the real widgets and share, the teacher's launch shows their results and the CSV, and the
 * platform's gradebook receives one score per pupil.
 */
describe.runIf(run)('a campaign through LTI: deep-linked by the teacher, played and shared by three pupils, graded', () => {
  const course = useEmbeddedLtiCourse({ dataDirPrefix: 'pix-embed-e2e-campaign-lti-', courseId: COURSE });
  let referential: Referential;
  const violations: string[] = [];
  /** Set by the deep-linking step, read by the next ones. */
  let code = '';
  let campaignName = '';
  let activityId = '';
  let lineItemId = 0;
  /** Mastery % each pupil (LTI sub) saw on her results and shared. */
  const shared = new Map<string, number>();

  beforeAll(async () => {
    referential = (await loadReferential(REFERENTIAL_DIR)).referential;
  });

  /** The tool's document inside the course page's iframe (its URL changes with each post). */
  const toolFrame = (page: Page) => () => page.frames().find((f) => f.url().startsWith(course.toolOrigin))!;

  async function axe(screen: string, frame: Frame): Promise<void> {
    violations.push(...(await seriousAxeViolations(frame)).map((v) => `${screen}: ${v}`));
  }

  it('the teacher creates a campaign in the deep-linking picker; the platform records the link and its 100-point column', async () => {
    const page = await course.chromium.browser.newPage({ locale: 'fr-FR', viewport: { width: 1000, height: 900 } });
    await page.goto(course.platform.coursePageUrl({ user: course.people.teacher.sub, course: COURSE, roles: [ROLE.instructor], messageType: 'LtiDeepLinkingRequest', acceptMultiple: false }));
    const frame = toolFrame(page);
    await expect.poll(() => frame()?.getByRole('heading', { level: 1, name: 'Ajouter une activité Pix' }).count() ?? 0, { timeout: 20_000 }).toBe(1);
    await frame().getByRole('button', { name: 'Créer un parcours ici' }).click();
    const profile = frame().getByLabel('Profil cible');
    await profile.waitFor();

    // The smallest catalogue profile: pupils finish in a few questions.
    const options = await profile.locator('option').evaluateAll((all) => all.map((o) => ({ value: (o as HTMLOptionElement).value, text: o.textContent ?? '' })));
    const catalogue = options
      .filter((o) => o.value.startsWith('catalogue:'))
      .map((o) => ({ ...o, skills: Number(/\((\d+)\)\s*$/.exec(o.text)?.[1] ?? Number.NaN) }))
      .filter((o) => o.skills >= 2)
      .sort((a, b) => a.skills - b.skills);
    expect(catalogue.length).toBeGreaterThan(0);
    const smallest = catalogue[0]!;

    campaignName = 'Parcours SNT e2e';
    await frame().getByLabel('Nom du parcours').fill(campaignName);
    await profile.selectOption(smallest.value);
    await axe('picker creation', frame());

    const before = course.platform.deepLinkingResponses.length;
    await frame().getByRole('button', { name: 'Créer et ajouter le parcours' }).click();
    // The signed answer is auto-posted back to the platform, which shows its own page in the frame.
    await page.frameLocator('#contentframe').locator('#added').waitFor({ timeout: 20_000 });
    expect(course.platform.deepLinkingResponses.length).toBe(before + 1);

    const activity = course.platform.deepLinkedActivities.at(-1)!;
    expect(activity.courseId).toBe(COURSE);
    expect(activity.title).toBe(`Pix — ${campaignName}`);
    code = activity.custom?.campaign ?? '';
    expect(code).toMatch(/^[A-HJKMNP-Z]{6}[2-9]{3}$/);
    expect(activity.custom).toEqual({ campaign: code });
    activityId = activity.id;
    const item = course.platform.lineItems.find((li) => li.id === activity.lineItemId);
    expect(item).toMatchObject({ courseId: COURSE, scoreMaximum: 100, resourceId: `campaign:${code}`, tag: 'pix-campaign', resourceLinkId: activityId });
    lineItemId = item!.id;
    await page.close();
  });

  const answeredBy = (correct: (level: number, index: number) => boolean): AnswerPattern => {
    let index = 0;
    return (level) => correct(level, index++);
  };

  it('three pupils launch it, play through the real widgets with different answers, reach the campaign results and share', { timeout: 150_000 }, async () => {
    expect(code, 'the deep-linking step must have run').not.toBe('');
    const pupils = [
      { person: course.people.lea, pattern: answeredBy(() => true) },
      { person: course.people.noah, pattern: answeredBy(() => false) },
      { person: course.people.ines, pattern: answeredBy((_level, index) => index % 2 === 0) },
    ];
    for (const { person, pattern } of pupils) {
      const context = await course.chromium.browser.newContext({ locale: 'fr-FR', viewport: { width: 800, height: 900 } });
      const page = await context.newPage();
      const frame = toolFrame(page);
      const driver = new PupilDriver(page, frame, referential);
      await page.goto(course.platform.coursePageUrl({ user: person.sub, course: COURSE, roles: [ROLE.learner], activity: activityId }));

      // The campaign link lands on the campaign's page, its code filled in.
      await expect.poll(() => frame()?.getByRole('button', { name: 'Rejoindre' }).count() ?? 0, { timeout: 20_000 }).toBe(1);
      expect(await frame().getByLabel('J’ai un code').inputValue()).toBe(code);
      await frame().getByRole('button', { name: 'Rejoindre' }).click();
      await frame().getByRole('button', { name: 'Commencer' }).click();

      const played = await playCampaignToResults(driver, frame, pattern);
      expect(played.answered, `${person.givenName}'s answers`).toBeGreaterThanOrEqual(1);
      expect(played.checkpoints, `${person.givenName} sees the last checkpoint`).toBeGreaterThanOrEqual(1);

      const results = frame().getByRole('region', { name: campaignName });
      const masteryText = (await results.getByText(/^Maîtrise : \d+ %$/).textContent()) ?? '';
      const mastery = Number(/(\d+)/.exec(masteryText)![1]);
      if (person === course.people.lea) await axe('campaign results', frame());
      await results.getByRole('button', { name: 'Envoyer mes résultats' }).click();
      await results.getByText(/^Résultats envoyés le /).waitFor();
      await expect.poll(() => results.getByRole('button', { name: 'Envoyer mes résultats' }).count()).toBe(0);
      shared.set(person.sub, mastery);
      await context.close();
    }
    expect(shared.size).toBe(3);
    // Different answers, different results: all right beats all wrong, the mixed pupil in between.
    const [right, wrong, mixed] = [shared.get(course.people.lea.sub)!, shared.get(course.people.noah.sub)!, shared.get(course.people.ines.sub)!];
    expect(right).toBeGreaterThan(wrong);
    expect(mixed).toBeGreaterThanOrEqual(wrong);
    expect(mixed).toBeLessThanOrEqual(right);
  });

  it('the teacher’s launch shows the dashboard with the three shared results and the CSV; the gradebook holds three scores', { timeout: 60_000 }, async () => {
    expect(shared.size, 'the pupils step must have run').toBe(3);
    const page = await course.chromium.browser.newPage({ locale: 'fr-FR', viewport: { width: 1000, height: 900 }, acceptDownloads: true });
    await page.goto(course.platform.coursePageUrl({ user: course.people.teacher.sub, course: COURSE, roles: [ROLE.instructor], activity: activityId }));
    const frame = toolFrame(page);
    await expect.poll(() => frame()?.getByRole('heading', { level: 1, name: campaignName }).count() ?? 0, { timeout: 20_000 }).toBe(1);

    const rows = frame().locator('table').first().locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(3);
    for (const person of [course.people.lea, course.people.noah, course.people.ines]) {
      const row = frame().getByRole('row', { name: new RegExp(`${person.familyName} ${person.givenName}`) });
      const cells = await row.locator('td').allTextContents();
      expect(cells, `${person.givenName}'s row`).toContain('Envoyé');
      expect(cells, `${person.givenName}'s row`).toContain(`${shared.get(person.sub)} %`);
    }
    await axe('teacher dashboard', frame());

    const [download] = await Promise.all([page.waitForEvent('download'), frame().getByRole('button', { name: 'Exporter les résultats (CSV)' }).click()]);
    const csv = readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '');
    const lines = csv.split('\r\n').filter((line) => line !== '');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/;/);
    for (const person of [course.people.lea, course.people.noah, course.people.ines]) expect(lines.slice(1).filter((line) => line.includes(person.familyName))).toHaveLength(1);
    await page.close();

    // The outbox worker (in the server) delivers the shared results to the course's column.
    const delivered = () => course.platform.scores.filter((s) => s.lineItemId === lineItemId);
    await expect.poll(() => delivered().filter((s) => s.status === 200).length, { timeout: 30_000 }).toBe(3);
    expect(delivered()).toHaveLength(3);
    const given = Object.fromEntries(delivered().map((s) => [String(s.body.userId), s.body]));
    for (const person of [course.people.lea, course.people.noah, course.people.ines]) {
      expect(given[person.sub], person.givenName).toMatchObject({ scoreGiven: shared.get(person.sub), scoreMaximum: 100, activityProgress: 'Completed', gradingProgress: 'FullyGraded' });
    }
    expect(violations).toEqual([]);
  });
});
