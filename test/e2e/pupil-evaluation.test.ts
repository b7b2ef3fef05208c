import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Frame } from 'playwright-core';
import { loadReferential } from '../../tool/src/referential/infrastructure/load-referential.ts';
import { REFERENTIAL_DIR } from '../../tool/src/composition-root.ts';
import type { Referential } from '../../tool/src/referential/domain/referential.ts';
import { startServer, type RunningServer } from '../support/processes.ts';
import { browserAvailable, launchChromium, type LaunchedBrowser } from './support/browser.ts';
import { freePort } from './support/free-port.ts';
import { startHostPage, type HostPage } from './support/host-page.ts';
import { PupilDriver } from './support/pupil-driver.ts';

const run = browserAvailable();

describe.runIf(run)('a pupil takes a competence evaluation inside a cross-site iframe', () => {
  let tool: RunningServer;
  let host: HostPage;
  let chromium: LaunchedBrowser;
  let referential: Referential;
  let toolOrigin = '';

  beforeAll(async () => {
    referential = (await loadReferential(REFERENTIAL_DIR)).referential;
    const hostPort = await freePort();
    const toolPort = await freePort();
    toolOrigin = `http://localhost:${toolPort}`;
    tool = await startServer({ PORT: String(toolPort), HOST: '127.0.0.1', PUBLIC_URL: toolOrigin, FRAME_ANCESTORS: `http://127.0.0.1:${hostPort}` }, ['--memory']);
    host = await startHostPage(hostPort, () => `${toolOrigin}/demo`);
    chromium = await launchChromium(['--test-third-party-cookie-phaseout']);
  });

  afterAll(async () => {
    await chromium?.close();
    await host?.close();
    await tool?.stop();
  });

  async function signedInFrame(person: string): Promise<{ driver: PupilDriver; frame: () => Frame }> {
    const page = await chromium.browser.newPage({ locale: 'fr-FR', viewport: { width: 360, height: 720 } });
    await page.goto(`${host.origin}/course`);
    const frame = () => page.frames().find((f) => f.url().startsWith(toolOrigin))!;
    await page.waitForFunction(() => document.querySelector('iframe')?.contentWindow !== null);
    await expect.poll(() => frame()?.getByRole('button', { name: person }).count() ?? 0, { timeout: 15_000 }).toBe(1);
    await frame().getByRole('button', { name: person }).click();
    await frame().getByRole('heading', { level: 1, name: 'Mon profil' }).waitFor();
    return { driver: new PupilDriver(page, frame, referential), frame };
  }

  it('answers until the end: checkpoints with corrections, results, and the new level on the profile — axe-clean on every screen', async () => {
    const { driver, frame } = await signedInFrame('Inès Moreau');
    const violations: string[] = [];
    const check = async (screen: string) => {
      driver.screens.add(screen);
      violations.push(...(await driver.axeViolations()).map((v) => `${screen}: ${v}`));
    };
    await check('profile');
    const card = frame().locator('li.pix-card', { has: frame().getByRole('heading', { name: /Sécuriser l’environnement numérique|Sécuriser l'environnement numérique/ }) });
    await card.getByRole('button', { name: 'Commencer' }).click();

    let answered = 0;
    const seenTypes = new Set<string>();
    for (let step = 0; step < 400; step += 1) {
      const f = frame();
      await f.locator('main h1, main h2').first().waitFor();
      if (await f.getByRole('heading', { name: 'Ton résultat' }).isVisible().catch(() => false)) break;
      if (await f.getByRole('heading', { name: 'Tes dernières réponses' }).isVisible().catch(() => false)) {
        if (!driver.screens.has('checkpoint')) {
          await check('checkpoint');
          await f.getByText(/Réponse attendue/).first().waitFor();
        }
        const seeResults = f.getByRole('button', { name: 'Voir mon résultat' });
        if (await seeResults.isVisible().catch(() => false)) await seeResults.click();
        else await f.getByRole('button', { name: 'Continuer' }).click();
        await f.getByRole('heading', { name: 'Tes dernières réponses' }).waitFor({ state: 'hidden' });
        continue;
      }
      const alert = f.getByRole('alert');
      if (await alert.isVisible().catch(() => false)) throw new Error(`error shown to the pupil: ${await alert.textContent()}`);
      if (await f.getByRole('button', { name: 'Je commence' }).isVisible().catch(() => false)) {
        await check('timed notice');
        await f.getByRole('button', { name: 'Je commence' }).click();
        continue;
      }
      if (await f.getByRole('button', { name: 'Je valide' }).isVisible().catch(() => false)) {
        const challenge = await driver.waitForCurrent();
        const before = challenge.id;
        if (!seenTypes.has(challenge.type)) {
          seenTypes.add(challenge.type);
          await check(`question ${challenge.type}`);
        }
        await driver.answer(challenge.level <= 3);
        answered += 1;
        await expect.poll(async () => {
          const g = frame();
          const sameQuestion = (await g.getByRole('button', { name: 'Je valide' }).isVisible().catch(() => false)) && driver.current().id === before;
          return !sameQuestion;
        }, { timeout: 10_000 }).toBe(true);
        continue;
      }
      await f.waitForTimeout(100);
    }
    const f = frame();
    await f.getByRole('heading', { name: 'Ton résultat' }).waitFor();
    await check('results');
    expect(answered).toBeGreaterThanOrEqual(5);
    expect(driver.screens.has('checkpoint')).toBe(true);
    await f.getByRole('button', { name: 'Retour à mon profil' }).click();
    await f.getByRole('heading', { level: 1, name: 'Mon profil' }).waitFor();
    const securedCard = f.locator('li.pix-card', { has: f.getByRole('heading', { name: /Sécuriser/ }) });
    const cardText = (await securedCard.textContent()) ?? '';
    expect(cardText).toContain('Niveau 3');
    expect(cardText).toContain('Terminée');
    expect(violations).toEqual([]);
    await driver.page.close();
  });

  it('can be used with the keyboard alone: start, answer three questions, focus follows each new question', async () => {
    const { driver, frame } = await signedInFrame('Chloé Nguyen');
    const page = driver.page;
    // Tab to the first "Commencer" (competence 1.1) and press Enter.
    for (let i = 0; i < 40; i += 1) {
      await page.keyboard.press('Tab');
      const label = await frame().evaluate(() => (document.activeElement as HTMLElement | null)?.textContent ?? '');
      if (label === 'Commencer') break;
    }
    await page.keyboard.press('Enter');
    for (let question = 0; question < 3; question += 1) {
      await frame().locator('button', { hasText: /^(Je valide|Je commence)$/ }).first().waitFor();
      if (await frame().getByRole('button', { name: 'Je commence' }).isVisible().catch(() => false)) {
        // A timed question first shows its notice: reach "Je commence" with Tab and press Enter.
        for (let guard = 0; guard < 15; guard += 1) {
          await page.keyboard.press('Tab');
          if ((await frame().evaluate(() => document.activeElement?.textContent ?? '')) === 'Je commence') break;
        }
        await page.keyboard.press('Enter');
        await frame().getByRole('button', { name: 'Je valide' }).waitFor();
      }
      await expect.poll(() => frame().evaluate(() => document.activeElement?.tagName ?? '')).toMatch(/^H[1-3]$/);
      const challenge = await driver.waitForCurrent();
      // From the question heading, Tab reaches the answer controls before "Je valide".
      await page.keyboard.press('Tab');
      let focused = await frame().evaluate(() => (document.activeElement as HTMLInputElement | null)?.type ?? '');
      for (let guard = 0; focused !== 'radio' && focused !== 'checkbox' && focused !== 'text' && focused !== 'select-one' && guard < 15; guard += 1) {
        await page.keyboard.press('Tab');
        focused = await frame().evaluate(() => (document.activeElement as HTMLInputElement | null)?.type ?? '');
      }
      if (focused === 'radio' || focused === 'checkbox') await page.keyboard.press('Space');
      else if (focused === 'select-one') await page.keyboard.press('ArrowDown');
      else await page.keyboard.type(challenge.type === 'QROC' ? 'une réponse' : 'x');
      // Fill any other field of a multi-field question, then reach "Je valide".
      for (let guard = 0; guard < 20; guard += 1) {
        await page.keyboard.press('Tab');
        const state = await frame().evaluate(() => {
          const el = document.activeElement as HTMLInputElement | null;
          return { text: el?.textContent ?? '', type: el?.type ?? '', value: el?.value ?? '' };
        });
        if (state.text === 'Je valide') break;
        if (state.type === 'text' && state.value === '') await page.keyboard.type('x');
        if (state.type === 'select-one') await page.keyboard.press('ArrowDown');
      }
      const before = challenge.id;
      await page.keyboard.press('Enter');
      await expect.poll(() => driver.current().id !== before || frame().getByRole('heading', { name: 'Tes dernières réponses' }).isVisible(), { timeout: 10_000 }).toBeTruthy();
    }
    await page.close();
  });
});
