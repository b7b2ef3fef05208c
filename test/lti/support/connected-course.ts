import { afterAll, beforeAll } from 'vitest';
import type { Clock } from '../../../tool/src/shared/domain/clock.ts';
import { startPlatformEmulator, type PlatformEmulator } from './platform-emulator.ts';
import { connect, seedCourse, startLtiTestApp, type LtiTestApp } from './lti-test-app.ts';

export type CoursePeople = ReturnType<typeof seedCourse>;

/** What a suite gets from useConnectedCourse: read it inside tests and hooks, once the set-up has run. */
export interface ConnectedCourse {
  readonly app: LtiTestApp;
  readonly platform: PlatformEmulator;
  readonly people: CoursePeople;
}

export interface ConnectedCourseOptions {
  /** The tool's clock, for suites that move time forward. */
  clock?: Clock;
  /** Extra tool environment; a function because some settings name the platform (its issuer is only known once started). */
  env?: (platform: PlatformEmulator) => Record<string, string>;
}

/**
 * The set-up most LTI suites share, through the suite's vitest hooks: an emulated Moodle, the tool on its own
 * port, both sides of a manual registration (school 0751234A) and the SNT-5A course (a teacher, three learners).
 * Closed after the suite, platform first. Call it at the top of a describe block.
 */
export function useConnectedCourse(options: ConnectedCourseOptions = {}): ConnectedCourse {
  let app: LtiTestApp | undefined;
  let platform: PlatformEmulator | undefined;
  let people: CoursePeople | undefined;

  beforeAll(async () => {
    // The platform first: the tool's environment may name it.
    platform = await startPlatformEmulator();
    app = await startLtiTestApp({
      ...(options.clock ? { clock: options.clock } : {}),
      ...(options.env ? { env: options.env(platform) } : {}),
    });
    await connect(app, platform);
    people = seedCourse(platform);
  });
  afterAll(async () => {
    await platform?.close();
    await app?.close();
  });

  // Read before beforeAll (e.g. at collection time), a field would silently be undefined: say so instead.
  const ready = <T>(value: T | undefined, name: string): T => {
    if (value === undefined) throw new Error(`useConnectedCourse: ${name} is read before the suite's beforeAll has run`);
    return value;
  };
  return {
    get app() {
      return ready(app, 'app');
    },
    get platform() {
      return ready(platform, 'platform');
    },
    get people() {
      return ready(people, 'people');
    },
  };
}
