import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import axe from 'axe-core';
import type { Page } from 'playwright-core';
import { startServer, type RunningServer } from '../support/processes.ts';
import { browserAvailable, launchChromium, type LaunchedBrowser } from './support/browser.ts';

const run = browserAvailable();

/** Signs in through /demo as a person of the demo school and returns her session token. */
async function demoToken(baseUrl: string, person: string): Promise<string> {
  const response = await fetch(`${baseUrl}/demo/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ person }),
  });
  const boot = /<script type="application\/json" id="pix-boot">(.*?)<\/script>/s.exec(await response.text())?.[1];
  const token = boot ? (JSON.parse(boot) as { token?: string }).token : undefined;
  if (!token) throw new Error(`demo sign-in failed for ${person}: ${response.status}`);
  return token;
}

describe.runIf(run)('the livret page of school administrators in Chromium', () => {
  let tool: RunningServer;
  let chromium: LaunchedBrowser;

  beforeAll(async () => {
    tool = await startServer({}, ['--memory']);
    chromium = await launchChromium();
  });

  afterAll(async () => {
    await chromium?.close();
    await tool?.stop();
  });

  /** Serious or critical axe-core violations, evaluated over CDP (the page's CSP refuses injected scripts). */
  async function accessibilityViolations(page: Page): Promise<string[]> {
    await page.evaluate(axe.source);
    return page.evaluate(async () => {
      const result = await (window as unknown as { axe: typeof axe }).axe.run(document);
      return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`);
    });
  }

  it('shows the administrator her school from the session, without the token left in the address bar, and passes axe-core', async () => {
    const token = await demoToken(tool.baseUrl, 'admin');
    const page = await chromium.browser.newPage({ locale: 'fr-FR' });
    await page.goto(`${tool.baseUrl}/livret/ecole#token=${encodeURIComponent(token)}`);
    await page.locator('#livret-tools').waitFor({ state: 'visible', timeout: 15_000 });
    expect(await page.locator('#school-single').innerText()).toContain('0991234A');
    expect(page.url()).not.toContain('token=');
    expect(await page.getByLabel(/Fichier LSU/).count()).toBe(1);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.close();
  });

  it('tells a teacher who is not an administrator, with a coded and accessible message', async () => {
    const token = await demoToken(tool.baseUrl, 'teacher');
    const page = await chromium.browser.newPage({ locale: 'fr-FR' });
    await page.goto(`${tool.baseUrl}/livret/ecole#token=${encodeURIComponent(token)}`);
    await expect.poll(() => page.locator('#livret-state [data-error-code]').getAttribute('data-error-code'), { timeout: 15_000 }).toBe('LIVRET_ADMIN_ONLY');
    expect(await page.locator('#livret-tools').isHidden()).toBe(true);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.close();
  });
});
