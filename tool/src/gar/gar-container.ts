import type { Logger } from 'pino';
import type { Config } from '../config/config.ts';
import type { Clock } from '../shared/domain/clock.ts';
import type { Database } from '../shared/infrastructure/db/database.ts';
import type { SessionTokens } from '../identity/domain/session-token.ts';
import type { AccountRepository } from '../identity/infrastructure/account-repository.ts';
import type { MembershipRepository } from '../identity/infrastructure/membership-repository.ts';
import type { OrganizationRepository } from '../identity/infrastructure/organization-repository.ts';
import type { EvaluationDeps } from '../evaluation/application/evaluation-deps.ts';
import type { GarDeps } from './application/gar-deps.ts';
import { withGarSessionRevocation } from './application/revocable-session-tokens.ts';
import { createDemoIdp, type DemoIdp } from './demo/demo-idp.ts';
import { createGarAccountLinks } from './infrastructure/gar-account-links.ts';
import { resolveKeyPair, readPem, type KeyPairSource } from './infrastructure/keys/key-files.ts';
import { createReconciliationRepository } from './infrastructure/reconciliation-repository.ts';
import { createRosterRepository } from './infrastructure/roster-repository.ts';
import { createIdpRegistry } from './infrastructure/saml/idp-registry.ts';
import { createSamlClient } from './infrastructure/saml/saml-client.ts';
import { createSchoolSettings } from './infrastructure/school-settings.ts';
import { createGarStores } from './infrastructure/stores.ts';

export interface GarContainer {
  /** Null in production without SAML keys: the SAML routes then answer SAML_NOT_CONFIGURED. */
  deps: GarDeps | null;
  demoIdp: DemoIdp | null;
  /** Session tokens that honour single logout. */
  tokens: SessionTokens;
}

/** Where a key pair comes from: files, else DATA_DIR in development, else memory (tests, --memory). */
function keySource(config: Config, baseName: string, commonName: string): KeyPairSource | null {
  if (config.env === 'production') return null;
  if (config.env === 'test' || (config.database.kind === 'pglite' && config.database.dataDir === null)) return { kind: 'memory', commonName };
  return { kind: 'data-dir', dataDir: config.dataDir, baseName, commonName };
}

/** Builds the GAR context from the configuration: SP keys, IdPs (the demo one too), stores, repositories. */
export function buildGarContainer(input: {
  config: Config;
  db: Database;
  clock: Clock;
  logger: Logger;
  tokens: SessionTokens;
  accounts: AccountRepository;
  memberships: MembershipRepository;
  organizations: OrganizationRepository;
  evaluation: EvaluationDeps;
}): GarContainer {
  const { config, clock } = input;
  const settings = config.saml;
  const stores = createGarStores(input.db);
  const tokens = withGarSessionRevocation(input.tokens, stores.sessions);
  const now = clock.now();
  const signingSource: KeyPairSource | null =
    settings.spKeyFile && settings.spCertFile ? { kind: 'files', keyFile: settings.spKeyFile, certFile: settings.spCertFile } : keySource(config, 'saml-sp', 'Pix Embed SAML SP');
  if (!signingSource) return { deps: null, demoIdp: null, tokens };
  const signing = resolveKeyPair(signingSource, now);
  const encryption =
    settings.spEncryptionKeyFile && settings.spEncryptionCertFile
      ? resolveKeyPair({ kind: 'files', keyFile: settings.spEncryptionKeyFile, certFile: settings.spEncryptionCertFile }, now)
      : signing;
  const base = config.publicUrl;
  const sp = {
    entityId: `${base}/saml/metadata.xml`,
    metadataUrl: `${base}/saml/metadata.xml`,
    acsUrl: `${base}/saml/acs`,
    sloUrl: `${base}/saml/slo`,
    resourceUrl: settings.resourceUrl ?? `${base}/saml/login`,
    signingKeyPem: signing.privateKeyPem,
    signingCertPem: signing.certificatePem,
    encryptionKeyPem: encryption.privateKeyPem,
    encryptionCertPem: encryption.certificatePem,
    nextSigningCertPem: settings.spNextCertFile ? readPem(settings.spNextCertFile, 'SAML_SP_NEXT_CERT_FILE') : null,
    clockSkewMs: settings.clockSkewSeconds * 1000,
  };

  let demoIdp: DemoIdp | null = null;
  const demoSource = config.demoEnabled ? keySource(config, 'demo-idp', 'Pix Embed demo IdP') : null;
  if (demoSource) {
    const keys = resolveKeyPair(demoSource, now);
    demoIdp = createDemoIdp({
      entityId: `${base}/demo/gar-idp/metadata.xml`,
      ssoUrl: `${base}/demo/gar-idp/sso`,
      sloUrl: `${base}/demo/gar-idp/slo`,
      keyPem: keys.privateKeyPem,
      certPem: keys.certificatePem,
      sp: () => ({ entityId: sp.entityId, acsUrl: sp.acsUrl, signingCertPem: sp.signingCertPem }),
      now: () => clock.now(),
    });
  }
  const registry = createIdpRegistry({
    idps: settings.idps,
    builtin: demoIdp ? { demo: () => demoIdp.metadataXml() } : {},
    now: () => clock.now(),
    refreshHours: settings.metadataRefreshHours,
    logger: input.logger,
  });
  return {
    tokens,
    demoIdp,
    deps: {
      settings,
      publicUrl: base,
      sp,
      registry,
      saml: createSamlClient(sp),
      stores,
      roster: createRosterRepository(input.db),
      reconciliation: createReconciliationRepository(input.db),
      links: createGarAccountLinks(input.db),
      schoolSettings: createSchoolSettings(input.db),
      accounts: input.accounts,
      memberships: input.memberships,
      organizations: input.organizations,
      tokens,
      clock,
      logger: input.logger,
      evaluation: input.evaluation,
      db: input.db,
    },
  };
}
