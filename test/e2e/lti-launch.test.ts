import { describe, expect, it } from 'vitest';
import { browserAvailable } from './support/browser.ts';
import { ROLE } from '../lti/support/platform-emulator.ts';
import { useEmbeddedLtiCourse } from './support/embedded-lti-course.ts';

const run = browserAvailable();

/**
 * A Moodle course page (the emulator, on 127.0.0.1) embeds the tool (on localhost: another site) the way Moodle
 * does: the frame posts the login initiation, the tool redirects to the platform, the platform auto-posts the
 * id_token back. Chromium blocks third-party cookies: the launch must not need any.
 */
describe.runIf(run)('LTI launches in a cross-site iframe (Chromium, third-party cookies blocked)', () => {
  const course = useEmbeddedLtiCourse({ dataDirPrefix: 'pix-embed-e2e-lti-' });

  it('launches a learner into the competence evaluation inside the course page, and the widget calls the API with its token', async () => {
    const page = await course.chromium.browser.newPage({ viewport: { width: 800, height: 800 }, locale: 'fr-FR' });
    await page.goto(course.platform.coursePageUrl({ user: course.people.lea.sub, course: 'SNT-5A', roles: [ROLE.learner], activity: 'SNT-5A-c11' }));
    const frame = page.frameLocator('#contentframe');
    await expect.poll(() => frame.locator('h1').first().textContent(), { timeout: 20_000 }).toMatch(/recherche/i);
    const toolFrame = page.frames().find((f) => f.url().startsWith(`${course.toolOrigin}/lti/launch`));
    expect(toolFrame).toBeDefined();
    const api = await toolFrame!.evaluate(async () => {
      const boot = JSON.parse(document.getElementById('pix-boot')!.textContent!) as { token: string; apiBase: string };
      const response = await fetch(`${boot.apiBase}/me`, { headers: { authorization: `Bearer ${boot.token}` } });
      return { status: response.status, body: await response.json(), cookies: document.cookie };
    });
    expect(api.status).toBe(200);
    expect(api.body.user.firstName).toBe('Léa');
    expect(api.cookies).toBe('');
    await page.close();
  });

  it('runs a deep-linking round trip in the frame: picker, choice, signed answer auto-posted back to the platform', async () => {
    const page = await course.chromium.browser.newPage({ locale: 'fr-FR' });
    const before = course.platform.deepLinkingResponses.length;
    await page.goto(course.platform.coursePageUrl({ user: course.people.teacher.sub, course: 'SNT-5A', roles: [ROLE.instructor], messageType: 'LtiDeepLinkingRequest', acceptMultiple: false }));
    const frame = page.frameLocator('#contentframe');
    const choice = frame.locator('input[name="choice"][value="competence:2.1"]');
    await choice.waitFor({ timeout: 20_000 });
    expect(await frame.locator('input[name="choice"]').count()).toBe(16);
    await choice.check();
    await frame.locator('button[type="submit"]').click();
    await expect.poll(() => frame.locator('#added').count(), { timeout: 20_000 }).toBe(1);
    expect(course.platform.deepLinkingResponses.length).toBe(before + 1);
    const items = course.platform.deepLinkingResponses.at(-1)!.payload['https://purl.imsglobal.org/spec/lti-dl/claim/content_items'] as Array<{ custom: Record<string, string> }>;
    expect(items.map((item) => item.custom)).toEqual([{ competence: '2.1' }]);
    await page.close();
  });

  it('shows a coded error page inside the frame when the launch is refused', async () => {
    course.platform.addUser({ sub: 'mentor-e2e', givenName: 'Parent', familyName: 'Mentor' });
    const page = await course.chromium.browser.newPage({ locale: 'fr-FR' });
    await page.goto(course.platform.coursePageUrl({ user: 'mentor-e2e', course: 'SNT-5A', roles: [ROLE.mentor], activity: 'SNT-5A-c11' }));
    const frame = page.frameLocator('#contentframe');
    await expect.poll(() => frame.locator('#lti-error-code').textContent(), { timeout: 20_000 }).toBe('LTI_ROLE_UNSUPPORTED');
    expect(await frame.locator('h1').textContent()).toBe('Impossible d’ouvrir l’activité');
    await page.close();
  });
});
