import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { runCli, startServer, type RunningServer } from '../../support/processes.ts';
import { startPlatformEmulator, type PlatformEmulator } from '../../lti/support/platform-emulator.ts';
import { seedCourse } from '../../lti/support/lti-test-app.ts';
import { launchChromium, type LaunchedBrowser } from './browser.ts';
import { freePort } from './free-port.ts';

/** What a browser suite gets from useEmbeddedLtiCourse: read it inside tests and hooks, once the set-up has run. */
export interface EmbeddedLtiCourse {
  /** http://localhost:<port>: another site than the platform (127.0.0.1), so the tool's frame is cross-site. */
  readonly toolOrigin: string;
  readonly platform: PlatformEmulator;
  readonly people: ReturnType<typeof seedCourse>;
  readonly chromium: LaunchedBrowser;
}

/**
 * The set-up of the browser LTI suites, through the suite's vitest hooks: the real server process on its own data
 * directory, an emulated Moodle registered with the CLI as an administrator would (school 0751234A), a course, and
 * Chromium with third-party cookies blocked. Call it at the top of a describe block.
 */
export function useEmbeddedLtiCourse(options: { dataDirPrefix: string; courseId?: string }): EmbeddedLtiCourse {
  const dataDir = mkdtempSync(join(tmpdir(), options.dataDirPrefix));
  let toolOrigin = '';
  let tool: RunningServer | undefined;
  let platform: PlatformEmulator | undefined;
  let people: ReturnType<typeof seedCourse> | undefined;
  let chromium: LaunchedBrowser | undefined;

  beforeAll(async () => {
    const toolPort = await freePort();
    toolOrigin = `http://localhost:${toolPort}`;
    const env = { PORT: String(toolPort), HOST: '127.0.0.1', PUBLIC_URL: toolOrigin, DATA_DIR: dataDir };
    tool = await startServer(env);
    platform = await startPlatformEmulator();
    const registration = platform.registerTool({ loginUrl: `${toolOrigin}/lti/login`, launchUrl: `${toolOrigin}/lti/launch`, jwksUrl: `${toolOrigin}/lti/jwks` });
    const added = await runCli(
      [
        'platform', 'add', '--issuer', platform.issuer, '--client-id', registration.clientId, '--deployment-id', registration.deploymentId,
        '--auth-url', platform.authUrl, '--token-url', platform.tokenUrl, '--jwks-url', platform.jwksUrl, '--uai', '0751234A', '--json',
      ],
      env,
    );
    expect(added.code, added.stderr).toBe(0);
    people = seedCourse(platform, options.courseId);
    chromium = await launchChromium(['--test-third-party-cookie-phaseout']);
  });

  afterAll(async () => {
    await chromium?.close();
    await platform?.close();
    await tool?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  // Read before beforeAll (e.g. at collection time), a field would silently be undefined: say so instead.
  const ready = <T>(value: T | undefined, name: string): T => {
    if (value === undefined || value === '') throw new Error(`useEmbeddedLtiCourse: ${name} is read before the suite's beforeAll has run`);
    return value;
  };
  return {
    get toolOrigin() {
      return ready(toolOrigin, 'toolOrigin');
    },
    get platform() {
      return ready(platform, 'platform');
    },
    get people() {
      return ready(people, 'people');
    },
    get chromium() {
      return ready(chromium, 'chromium');
    },
  };
}
