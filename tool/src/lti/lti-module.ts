import { createHmac, randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { Clock } from '../shared/domain/clock.ts';
import type { Database } from '../shared/infrastructure/db/database.ts';
import type { SessionTokens } from '../identity/domain/session-token.ts';
import type { AccountRepository } from '../identity/infrastructure/account-repository.ts';
import type { MembershipRepository } from '../identity/infrastructure/membership-repository.ts';
import type { OrganizationRepository } from '../identity/infrastructure/organization-repository.ts';
import type { EvaluationDeps } from '../evaluation/application/evaluation-deps.ts';
import type { FrameworkFile } from '../referential/infrastructure/framework-file.ts';
import { competenceEvaluationResult } from './domain/ags-score.ts';
import type { LtiDeps } from './application/lti-deps.ts';
import { createOutboxWorker, type OutboxWorker } from './application/outbox-worker.ts';
import { deliverDueScores } from './application/usecases/deliver-due-scores.ts';
import { reportActivityResult } from './application/usecases/report-activity-result.ts';
import { createAccessTokens } from './infrastructure/access-tokens.ts';
import { createAgsClient } from './infrastructure/ags-client.ts';
import { createFrameAncestorsCache } from './infrastructure/frame-ancestors-cache.ts';
import { createKeyStore, type KeyStore } from './infrastructure/key-store.ts';
import { createLaunchStateRepository } from './infrastructure/launch-state-repository.ts';
import { fetchMemberships } from './infrastructure/nrps-client.ts';
import { createPlatformHttp, type PlatformHttp } from './infrastructure/platform-http.ts';
import { createPlatformKeys } from './infrastructure/platform-jwks.ts';
import { createPlatformRepository } from './infrastructure/platform-repository.ts';
import { createRegistrationCache } from './infrastructure/registration-cache.ts';
import { createResourceLinkRepository } from './infrastructure/resource-link-repository.ts';
import { createScoreOutboxRepository } from './infrastructure/score-outbox-repository.ts';
import { createDemoPlatform, type DemoPlatform } from './demo/demo-platform.ts';

export interface LtiModule {
  deps: LtiDeps;
  worker: OutboxWorker;
  /** Origins allowed to frame a page at this URL path (registered platforms; allow-listed issuers on /lti/register). */
  frameAncestors(path: string): string[];
  /** The built-in demo platform (/demo), when the demo is on. */
  demo: DemoPlatform | null;
  /** Finished competence evaluation → scores queued for every LTI link of it (inside the caller's transaction). */
  competenceEvaluationCompleted(input: { db: Database; userId: string; competenceIndex: string; level: number; pix: number; now: Date }): Promise<void>;
  close(): Promise<void>;
}

/** LTI's part of the composition root: built once by buildContainer. */
export async function createLtiModule(input: {
  db: Database;
  clock: Clock;
  logger: Logger;
  publicUrl: string;
  allowedIssuers: readonly string[];
  maxReachableLevel: number;
  /** Key derived from APP_SECRET for sealing at rest; the deep-linking token key is derived from it. */
  encryptionKey: Buffer;
  accounts: AccountRepository;
  memberships: MembershipRepository;
  organizations: OrganizationRepository;
  tokens: SessionTokens;
  evaluation: EvaluationDeps;
  framework: FrameworkFile;
  demoEnabled: boolean;
  http?: PlatformHttp;
  workerIntervalMs?: number;
}): Promise<LtiModule> {
  const { db, clock } = input;
  const http = input.http ?? createPlatformHttp();
  const toolKeys = createKeyStore({ db, encryptionKey: input.encryptionKey, clock, purpose: 'tool' });
  const platforms = createPlatformRepository(db);
  const registrations = createRegistrationCache({ platforms });
  const randomId = () => randomBytes(24).toString('base64url');
  const demoKeys: KeyStore | null = input.demoEnabled ? createKeyStore({ db, encryptionKey: input.encryptionKey, clock, purpose: 'demo-platform' }) : null;
  const demoJwksUrl = `${input.publicUrl}/demo/platform/jwks`;
  const platformKeys = createPlatformKeys({
    http,
    // The demo platform lives in this process: its JWKS is read without a request to ourselves (PUBLIC_URL may
    // not be reachable from inside); the launch is verified exactly like any other.
    ...(demoKeys ? { local: async (url: string) => (url === demoJwksUrl ? demoKeys.publicJwks() : null) } : {}),
  });
  const accessTokens = createAccessTokens({ db, http, toolKeys, encryptionKey: input.encryptionKey, clock, randomId });
  const ownOrigin = new URL(input.publicUrl).origin;
  // The tool's own origin (the demo platform) is already 'self'.
  const frameAncestorsCache = await createFrameAncestorsCache({ load: async () => (await platforms.origins()).filter((origin) => origin !== ownOrigin), onError: (error) => input.logger.warn({ err: error }, 'LTI frame-ancestors refresh failed') });
  const allowedIssuerOrigins = input.allowedIssuers.flatMap((issuer) => {
    try {
      return [new URL(issuer).origin];
    } catch {
      return [];
    }
  });

  const deps: LtiDeps = {
    db,
    clock,
    logger: input.logger,
    publicUrl: input.publicUrl,
    allowedIssuers: input.allowedIssuers,
    maxReachableLevel: input.maxReachableLevel,
    platforms,
    states: createLaunchStateRepository(db),
    links: createResourceLinkRepository(db),
    outbox: createScoreOutboxRepository(db),
    toolKeys,
    platformKeys,
    accessTokens,
    http,
    ags: createAgsClient({ http, accessTokens }),
    nrps: (request) => fetchMemberships({ http, accessTokens }, request),
    accounts: input.accounts,
    memberships: input.memberships,
    organizations: input.organizations,
    tokens: input.tokens,
    evaluation: input.evaluation,
    framework: input.framework,
    deepLinkingKey: createHmac('sha256', input.encryptionKey).update('lti-deep-linking-context').digest(),
    registrations,
    registrationsChanged: async () => {
      registrations.clear();
      await frameAncestorsCache.refresh();
    },
    randomId,
  };
  const worker = createOutboxWorker({
    pass: () => deliverDueScores({ deps }),
    logger: input.logger,
    ...(input.workerIntervalMs ? { intervalMs: input.workerIntervalMs } : {}),
  });
  const demo = demoKeys ? await createDemoPlatform({ deps, keys: demoKeys, jwksUrl: demoJwksUrl }) : null;
  if (demo) await frameAncestorsCache.refresh();

  return {
    deps,
    worker,
    demo,
    frameAncestors(path) {
      const registered = frameAncestorsCache.current();
      return path.startsWith('/lti/register') ? [...new Set([...registered, ...allowedIssuerOrigins])] : registered;
    },
    async competenceEvaluationCompleted({ db: tx, userId, competenceIndex, level, pix, now }) {
      const queued = await reportActivityResult({
        db: tx,
        userId,
        activity: { kind: 'competence', competenceIndex },
        result: competenceEvaluationResult({ level, pix, maxLevel: input.maxReachableLevel }),
        now,
      });
      if (queued > 0) worker.wake();
    },
    async close() {
      await worker.stop();
    },
  };
}
