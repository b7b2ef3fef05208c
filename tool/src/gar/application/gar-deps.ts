import type { Logger } from 'pino';
import type { Clock } from '../../shared/domain/clock.ts';
import type { SessionTokens } from '../../identity/domain/session-token.ts';
import type { AccountRepository } from '../../identity/infrastructure/account-repository.ts';
import type { MembershipRepository } from '../../identity/infrastructure/membership-repository.ts';
import type { OrganizationRepository } from '../../identity/infrastructure/organization-repository.ts';
import type { EvaluationDeps } from '../../evaluation/application/evaluation-deps.ts';
import type { SamlSettings } from '../gar-config.ts';
import type { GarAccountLinks } from '../infrastructure/gar-account-links.ts';
import type { ReconciliationRepository } from '../infrastructure/reconciliation-repository.ts';
import type { RosterRepository } from '../infrastructure/roster-repository.ts';
import type { IdpRegistry } from '../infrastructure/saml/idp-registry.ts';
import type { SamlClient, ServiceProvider } from '../infrastructure/saml/saml-client.ts';
import type { GarStores } from '../infrastructure/stores.ts';
import type { SchoolSettings } from '../infrastructure/school-settings.ts';
import type { Database } from '../../shared/infrastructure/db/database.ts';

/** Everything the GAR context needs, wired once in the composition root. */
export interface GarDeps {
  settings: SamlSettings;
  publicUrl: string;
  sp: ServiceProvider & { nextSigningCertPem: string | null; resourceUrl: string; metadataUrl: string };
  registry: IdpRegistry;
  saml: SamlClient;
  stores: GarStores;
  roster: RosterRepository;
  reconciliation: ReconciliationRepository;
  links: GarAccountLinks;
  accounts: AccountRepository;
  memberships: MembershipRepository;
  organizations: OrganizationRepository;
  tokens: SessionTokens;
  clock: Clock;
  logger: Logger;
  evaluation: EvaluationDeps;
  schoolSettings: SchoolSettings;
  db: Database;
}

/** How long a login step (school choice, birthdate) may wait. */
export const STEP_TTL_SECONDS = 15 * 60;
