import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import axe from 'axe-core';
import { startServer, type RunningServer } from '../support/processes.ts';
import { browserAvailable, launchChromium, type LaunchedBrowser } from './support/browser.ts';
import { freePort } from './support/free-port.ts';
import { startHostPage, type HostPage } from './support/host-page.ts';

const run = browserAvailable();

describe.runIf(run)('the tool inside a cross-site iframe (Chromium, third-party cookies blocked)', () => {
  let tool: RunningServer;
  let host: HostPage;
  let intruder: HostPage;
  let chromium: LaunchedBrowser;
  let toolOrigin = '';

  beforeAll(async () => {
    const hostPort = await freePort();
    const toolPort = await freePort();
    toolOrigin = `http://localhost:${toolPort}`;
    // Only the host page's origin may frame the tool; the intruder's may not.
    tool = await startServer({ PORT: String(toolPort), HOST: '127.0.0.1', PUBLIC_URL: toolOrigin, FRAME_ANCESTORS: `http://127.0.0.1:${hostPort}` }, ['--memory']);
    host = await startHostPage(hostPort, () => `${toolOrigin}/about`);
    intruder = await startHostPage(0, () => `${toolOrigin}/about`);
    chromium = await launchChromium(['--test-third-party-cookie-phaseout']);
  });

  afterAll(async () => {
    await chromium?.close();
    await host?.close();
    await intruder?.close();
    await tool?.stop();
  });

  it('renders the about widget in the frame, scrolling inside a fixed-height frame at 320 px, and posts its height', async () => {
    const page = await chromium.browser.newPage({ viewport: { width: 340, height: 700 }, locale: 'fr-FR' });
    await page.goto(`${host.origin}/course`);
    const frame = page.frameLocator('#contentframe');
    await expect.poll(() => frame.locator('h1').textContent(), { timeout: 15_000 }).toContain('Pix Embed');
    expect(await frame.locator('li').count()).toBeGreaterThanOrEqual(16);
    const html = await frame.locator('html').getAttribute('lang');
    expect(html).toBe('fr');
    // The page scrolls its own content: no horizontal overflow at this width.
    const tool = page.frames().find((f) => f.url().startsWith(toolOrigin))!;
    const overflow = await tool.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await expect
      .poll(async () => page.evaluate(() => (window as unknown as { resizeMessages: { data: unknown }[] }).resizeMessages.map((m) => m.data)))
      .toEqual(expect.arrayContaining([expect.objectContaining({ subject: 'org.imsglobal.lti.frameResize' }), expect.stringContaining('lti.frameResize')]));
    await page.close();
  });

  it('has no serious or critical accessibility violation (axe-core)', async () => {
    const page = await chromium.browser.newPage({ locale: 'fr-FR' });
    await page.goto(`${toolOrigin}/about`);
    await page.waitForSelector('h1');
    // Evaluated over the DevTools protocol: the page's CSP (rightly) refuses injected inline scripts.
    await page.evaluate(axe.source);
    const violations = await page.evaluate(async () => {
      const result = await (window as unknown as { axe: typeof axe }).axe.run(document);
      return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`);
    });
    expect(violations).toEqual([]);
    await page.close();
  });

  it('signs in a demo pupil inside the frame and calls the API with the token, with no cookie at all', async () => {
    const page = await chromium.browser.newPage();
    await page.goto(`${host.origin}/course`);
    const frameElement = await page.waitForSelector('#contentframe');
    const frame = (await frameElement.contentFrame())!;
    await frame.goto(`${toolOrigin}/demo`);
    await frame.getByRole('button', { name: 'Léa Martin' }).click();
    await frame.waitForSelector('h1');
    const me = await frame.evaluate(async () => {
      const boot = JSON.parse(document.getElementById('pix-boot')!.textContent!) as { token: string };
      const response = await fetch('/api/me', { headers: { authorization: `Bearer ${boot.token}` } });
      return { status: response.status, body: await response.json(), cookies: document.cookie };
    });
    expect(me.status).toBe(200);
    expect(me.body.user.firstName).toBe('Léa');
    expect(me.body.classes[0].label).toBe('5e A');
    expect(me.cookies).toBe('');
    await page.close();
  });

  it('refuses to be framed by a site that is not a registered platform', async () => {
    const page = await chromium.browser.newPage();
    const blocked = new Promise<boolean>((resolve) => {
      page.on('console', (message) => {
        if (/frame-ancestors/.test(message.text())) resolve(true);
      });
      setTimeout(() => resolve(false), 8000);
    });
    await page.goto(`${intruder.origin}/course`);
    expect(await blocked).toBe(true);
    const frame = page.frames().find((f) => f.url().startsWith(toolOrigin));
    const heading = frame ? await frame.locator('h1').count().catch(() => 0) : 0;
    expect(heading).toBe(0);
    await page.close();
  });
});
