import { createServer, type Server } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import axe from 'axe-core';
import type { Page } from 'playwright-core';
import { generateKeyPairWithCertificate } from '../../tool/src/gar/infrastructure/keys/self-signed-certificate.ts';
import { startServer, type RunningServer } from '../support/processes.ts';
import { browserAvailable, launchChromium, type LaunchedBrowser } from './support/browser.ts';
import { freePort } from './support/free-port.ts';
import { simpleSamlPhpAvailable, startSimpleSamlPhp, type GarTestUser, type RunningIdp } from './support/simplesamlphp.ts';

const run = browserAvailable() && simpleSamlPhpAvailable();

const USERS: GarTestUser[] = [
  {
    username: 'eleve',
    password: 'eleve-pass',
    attributes: {
      IDO: ['e2e0b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4e5f6a1'],
      UAI: ['0991234A'],
      PRE: ['Léa'],
      NOM: ['Martin'],
      PRO: ['National_elv'],
      DIV: ['5A##5e A', 'EURO5##Section euro 5e'],
    },
  },
  {
    username: 'prof',
    password: 'prof-pass',
    attributes: {
      IDO: ['e2e1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4e5f6a2'],
      UAI: ['0991234A'],
      PRE: ['Karim'],
      NOM: ['Benali'],
      PRO: ['National_ens'],
      DIV: ['5A##5e A', '5B##5e B'],
      P_MS4: ['TECHNO'],
      P_MEL: ['karim.benali@ac-demo.fr'],
    },
  },
];

/**
 * The real thing: Chromium clicks Pix in a média-centre page, SimpleSAMLphp (which requires our AuthnRequests to
 * be signed) asks for a password and posts a signed Response with GAR attributes to /saml/acs; the pupil lands in
 * her profile widget, the teacher in the school's view. The tool runs with the production settings.
 */
describe.runIf(run)('GAR login through a real SAML IdP (SimpleSAMLphp) in Chromium', () => {
  let idp: RunningIdp;
  let tool: RunningServer;
  let chromium: LaunchedBrowser;
  let mediacentre: Server;
  let mediacentreUrl = '';
  let toolOrigin = '';

  beforeAll(async () => {
    const [idpPort, toolPort, hostPort] = [await freePort(), await freePort(), await freePort()];
    toolOrigin = `http://localhost:${toolPort}`;
    const dir = mkdtempSync(join(tmpdir(), 'pix-e2e-gar-'));
    const sp = generateKeyPairWithCertificate('Pix Embed e2e SP', new Date());
    writeFileSync(join(dir, 'sp-key.pem'), sp.privateKeyPem);
    writeFileSync(join(dir, 'sp-cert.pem'), sp.certificatePem);
    idp = await startSimpleSamlPhp({
      port: idpPort,
      sp: { entityId: `${toolOrigin}/saml/metadata.xml`, acsUrl: `${toolOrigin}/saml/acs`, sloUrl: `${toolOrigin}/saml/slo`, certificatePem: sp.certificatePem },
      users: USERS,
    });
    writeFileSync(join(dir, 'idp-metadata.xml'), await (await fetch(idp.metadataUrl)).text());
    tool = await startServer(
      {
        NODE_ENV: 'production',
        APP_SECRET: 'e2e-secret-e2e-secret-e2e-secret-e2e-secret',
        PORT: String(toolPort),
        HOST: '127.0.0.1',
        PUBLIC_URL: toolOrigin,
        SAML_IDPS: 'gar',
        SAML_IDP_GAR_METADATA: join(dir, 'idp-metadata.xml'),
        SAML_SP_KEY_FILE: join(dir, 'sp-key.pem'),
        SAML_SP_CERT_FILE: join(dir, 'sp-cert.pem'),
        GAR_CREATE_UNKNOWN_SCHOOLS: 'true',
      },
      ['--memory'],
    );
    mediacentre = createServer((_req, res) => {
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end(`<!doctype html><html lang="fr"><head><title>Médiacentre</title></head><body><h1>Médiacentre</h1>
<ul><li><a href="${toolOrigin}/saml/login">Pix Embed — compétences numériques</a></li></ul></body></html>`);
    });
    await new Promise<void>((resolve) => mediacentre.listen(hostPort, '127.0.0.1', resolve));
    mediacentreUrl = `http://127.0.0.1:${hostPort}/`;
    chromium = await launchChromium();
  });

  afterAll(async () => {
    await chromium?.close();
    await new Promise((resolve) => (mediacentre ? mediacentre.close(resolve) : resolve(undefined)));
    await tool?.stop();
    await idp?.stop();
  });

  /** Serious or critical axe-core violations (evaluated over CDP: the page's CSP refuses injected scripts). */
  async function accessibilityViolations(page: Page): Promise<string[]> {
    await page.evaluate(axe.source);
    return page.evaluate(async () => {
      const result = await (window as unknown as { axe: typeof axe }).axe.run(document);
      return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`);
    });
  }

  it('shows refusals as accessible coded pages', async () => {
    const page = await chromium.browser.newPage({ locale: 'fr-FR' });
    await page.goto(`${toolOrigin}/saml/login?idp=unknown`);
    expect(await page.locator('[data-error-code]').innerText()).toBe('SAML_IDP_UNKNOWN');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.close();
  });

  async function signIn(username: string, password: string) {
    const context = await chromium.browser.newContext({ locale: 'fr-FR' });
    const page = await context.newPage();
    await page.goto(mediacentreUrl);
    await page.getByRole('link', { name: /Pix Embed/ }).click();
    await page.waitForSelector('input[name="username"]', { timeout: 20_000 }).catch(async (error: Error) => {
      throw new Error(`${error.message}\nat ${page.url()}\n${(await page.locator('body').innerText().catch(() => '')).slice(0, 1500)}\n${idp.log().split('\n').filter((l) => !/Accepted|Closing/.test(l)).slice(-20).join('\n')}`);
    });
    expect(page.url().startsWith(idp.baseUrl)).toBe(true);
    await page.fill('input[name="username"]', username);
    await page.fill('input[name="password"]', password);
    await Promise.all([page.waitForURL(`${toolOrigin}/saml/acs`, { timeout: 30_000 }), page.locator('input[name="password"]').press('Enter')]);
    return { context, page };
  }

  it('takes a pupil from the média-centre link through the IdP to her profile widget', async () => {
    const { context, page } = await signIn('eleve', 'eleve-pass');
    try {
      const boot = JSON.parse((await page.locator('#pix-boot').textContent()) ?? '{}') as { widget: string; token: string; data: { screen: string; profile: { firstName: string } } };
      expect(boot.widget).toBe('pupil');
      expect(boot.data.screen).toBe('profile');
      expect(boot.data.profile.firstName).toBe('Léa');
      await expect.poll(() => page.locator('#pix-root').innerText(), { timeout: 15_000 }).toMatch(/\S/);
      const me = await page.evaluate(async (token) => {
        const response = await fetch('/api/me', { headers: { authorization: `Bearer ${token}` } });
        return (await response.json()) as { role: string; classes: Array<{ label: string }> };
      }, boot.token);
      expect(me.role).toBe('PUPIL');
      expect(me.classes.map((c) => c.label).sort()).toEqual(['5e A', 'Section euro 5e']);
    } finally {
      await context.close();
    }
  });

  it('is an IdP that, like the GAR, refuses an AuthnRequest whose signature is missing', async () => {
    const login = await fetch(`${tool.baseUrl}/saml/login`, { redirect: 'manual' });
    const signed = new URL(login.headers.get('location')!);
    expect(signed.searchParams.get('Signature')).toBeTruthy();
    const unsigned = new URL(signed);
    unsigned.searchParams.delete('Signature');
    unsigned.searchParams.delete('SigAlg');
    const refused = await (await fetch(unsigned)).text();
    expect(refused).not.toContain('name="username"');
    expect(refused.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ')).toMatch(/Caused by: .*signature/i);
  });

  it('lands a teacher in the school’s teacher view', async () => {
    const { context, page } = await signIn('prof', 'prof-pass');
    try {
      await expect.poll(() => page.locator('h1').innerText()).toContain('0991234A');
      expect(await page.locator('caption').allInnerTexts()).toEqual(expect.arrayContaining([expect.stringContaining('5e A')]));
      expect(await accessibilityViolations(page)).toEqual([]);
      // Single logout started here: our session ends, the IdP's too, and its signed LogoutResponse comes back.
      await page.getByRole('button', { name: /Se déconnecter/ }).click();
      await page.waitForURL(new RegExp(`^${toolOrigin}/saml/slo\\?SAMLResponse=`), { timeout: 20_000 });
      expect(await page.locator('h1').innerText(), `${await page.locator('main').innerText()}\n${tool.output().slice(-3000)}`).toContain('déconnecté');
    } finally {
      await context.close();
    }
  });
});
