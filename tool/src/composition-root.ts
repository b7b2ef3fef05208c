import { fileURLToPath } from 'node:url';
import pino, { type Logger } from 'pino';
import type { Config } from './config/config.ts';
import { resolveAppSecret } from './config/app-secret.ts';
import { systemClock, type Clock } from './shared/domain/clock.ts';
import { deriveKeys, type AppKeys } from './shared/infrastructure/crypto/keys.ts';
import { openDatabase, type DatabaseHandle } from './shared/infrastructure/db/database.ts';
import { migrate } from './shared/infrastructure/db/migrate.ts';
import { createSessionTokens, type SessionTokens } from './identity/domain/session-token.ts';
import { createSignedUrls, type SignedUrls } from './identity/domain/signed-url.ts';
import { createAccountRepository, type AccountRepository } from './identity/infrastructure/account-repository.ts';
import { createMembershipRepository, type MembershipRepository } from './identity/infrastructure/membership-repository.ts';
import { createOrganizationRepository, type OrganizationRepository } from './identity/infrastructure/organization-repository.ts';
import { randomUUID } from 'node:crypto';
import { readFrameworkFile, type FrameworkFile } from './referential/infrastructure/framework-file.ts';
import { assertValidReferential, loadReferential } from './referential/infrastructure/load-referential.ts';
import type { Referential } from './referential/domain/referential.ts';
import type { EvaluationDeps } from './evaluation/application/evaluation-deps.ts';
import { seedDemoData } from './seed/demo-seed.ts';
import { createLtiModule, type LtiModule } from './lti/lti-module.ts';
import { campaignsPort } from './lti/campaigns-port.ts';
import { campaignGradebook } from './lti/campaign-gradebook.ts';
import { buildGarContainer, type GarContainer } from './gar/gar-container.ts';
import { campaignActivityResult, campaignCompetenceResults, createCampaignsModule } from './campaigns/campaigns-module.ts';
import type { CampaignsDeps } from './campaigns/application/campaigns-deps.ts';
import { reportActivityResult } from './lti/application/usecases/report-activity-result.ts';
import { createLivretModule } from './livret/livret-module.ts';
import type { LivretDeps } from './livret/application/livret-deps.ts';

export const REFERENTIAL_DIR = fileURLToPath(new URL('../../referential', import.meta.url));
export const WIDGETS_DIST_DIR = fileURLToPath(new URL('../../widgets/dist', import.meta.url));
export const STATIC_DIR = fileURLToPath(new URL('../static', import.meta.url));

/** Everything the application is made of, built once from the configuration: the only place that wires. */
export interface Container {
  config: Config;
  logger: Logger;
  clock: Clock;
  keys: AppKeys;
  database: DatabaseHandle;
  tokens: SessionTokens;
  signedUrls: SignedUrls;
  accounts: AccountRepository;
  memberships: MembershipRepository;
  organizations: OrganizationRepository;
  framework: FrameworkFile;
  referential: Referential;
  evaluation: EvaluationDeps;
  lti: LtiModule;
  /** GAR (SAML): service provider, demo IdP, rosters. */
  gar: GarContainer;
  /** Campaigns (parcours): target profiles, participations, dashboard, export. */
  campaigns: CampaignsDeps;
  /** Livret scolaire: API clients and tokens, school levels, LSU connector. */
  livret: LivretDeps;
  close(): Promise<void>;
}

export interface ContainerOptions {
  logger?: Logger;
  clock?: Clock;
  /** Tests hand in an already migrated database. */
  database?: DatabaseHandle;
  /** Tests may hand in a referential (loaded once per file, or a small synthetic one). */
  referential?: Referential;
  seedDemo?: boolean;
  /** Background workers (the LTI score outbox): the server runs them, the CLI and tests do not. */
  workers?: boolean;
}

export async function buildContainer(config: Config, options: ContainerOptions = {}): Promise<Container> {
  const logger = options.logger ?? pino({ level: config.logLevel, base: { service: 'pix-embed' } });
  const clock = options.clock ?? systemClock;
  const keys = deriveKeys(resolveAppSecret(config));
  const framework = readFrameworkFile(REFERENTIAL_DIR);
  // An invalid referential stops start-up with the list of errors: never serve a broken épreuve.
  const referential = options.referential ?? assertValidReferential(await loadReferential(REFERENTIAL_DIR));
  const database = options.database ?? (await openDatabase(config.database));
  try {
    const { applied } = await migrate(database.db);
    if (applied.length) logger.info({ applied }, 'migrations applied');
    if (options.seedDemo ?? config.demoEnabled) {
      if (await seedDemoData(database.db, clock.now())) logger.info('demo data seeded');
    }
  } catch (error) {
    await database.close();
    throw error;
  }
  const signedUrls = createSignedUrls(keys.signedUrl, () => clock.now());
  const base: Omit<Container, 'lti' | 'gar' | 'livret' | 'campaigns'> = {
    config,
    logger,
    clock,
    keys,
    database,
    tokens: createSessionTokens(keys.session, config.sessionTtlSeconds, () => clock.now()),
    signedUrls,
    accounts: createAccountRepository(database.db),
    memberships: createMembershipRepository(database.db),
    organizations: createOrganizationRepository(database.db),
    framework,
    referential,
    evaluation: {
      db: database.db,
      referential: () => referential,
      signedUrls,
      clock,
      maxReachableLevel: config.maxReachableLevel,
      defaultMethod: 'adaptive',
      newSeed: () => randomUUID(),
    },
    close: () => database.close(),
  };
  let gar: GarContainer;
  try {
    gar = buildGarContainer({ ...base, config, db: database.db, clock, logger });
  } catch (error) {
    await database.close();
    throw error;
  }
  // GAR sessions end with single logout: every route family verifies tokens through the revocation check.
  base.tokens = gar.tokens;
  let lti: LtiModule;
  try {
    lti = await createLtiModule({
      db: database.db,
      clock,
      logger,
      publicUrl: config.publicUrl,
      allowedIssuers: config.ltiAllowedIssuers,
      maxReachableLevel: config.maxReachableLevel,
      encryptionKey: keys.encryption,
      accounts: base.accounts,
      memberships: base.memberships,
      organizations: base.organizations,
      tokens: base.tokens,
      evaluation: base.evaluation,
      framework,
      demoEnabled: config.demoEnabled,
    });
  } catch (error) {
    await database.close();
    throw error;
  }
  // Grades: a finished competence evaluation queues its LTI scores in the answer's transaction.
  base.evaluation.onCompetenceEvaluationCompleted = (event) => lti.competenceEvaluationCompleted(event);
  // Campaigns: campaign assessments read their frozen skills through hooks installed on `evaluation`; a shared
  // participation queues its grade (mastery %) for the LTI resource links of the campaign.
  const campaigns = createCampaignsModule({
    db: database.db,
    referential,
    memberships: base.memberships,
    evaluation: base.evaluation,
    clock,
    publicUrl: config.publicUrl,
    previewKey: keys.signedUrl,
    onParticipationShared: async (event) => {
      const queued = await reportActivityResult({
        db: event.db,
        userId: event.userId,
        activity: { kind: 'campaign', code: event.campaign.code },
        result: campaignActivityResult(event),
        extra: campaignCompetenceResults(event, referential, config.maxReachableLevel),
        now: event.now,
      });
      if (queued > 0) lti.worker.wake();
    },
  });
  // LTI campaign links land in the campaign widget; the deep-linking picker offers the organization's campaigns.
  lti.deps.campaigns = campaignsPort(campaigns);
  // Teachers see the grade sync of their campaigns, resend grades and list course members not started (LTI).
  campaigns.gradebook = campaignGradebook(lti.deps, () => lti.worker.wake());
  if (options.workers) lti.worker.start();
  return {
    ...base,
    lti,
    gar,
    campaigns,
    livret: createLivretModule({
      db: database.db,
      clock,
      sessionKey: keys.session,
      referential: () => referential,
      maxReachableLevel: config.maxReachableLevel,
      organizations: base.organizations,
      memberships: base.memberships,
      lsuSchemaDir: config.lsu.schemaDir,
      ...(config.lsu.levelMapping ? { lsuLevelMapping: config.lsu.levelMapping } : {}),
    }),
    close: async () => {
      await lti.close();
      await database.close();
    },
  };
}
