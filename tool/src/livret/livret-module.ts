import { createLsuConnector } from '../../../connectors/livret-scolaire/lsu/lsu-connector.ts';
import type { Clock } from '../shared/domain/clock.ts';
import type { Database } from '../shared/infrastructure/db/database.ts';
import type { Referential } from '../referential/domain/referential.ts';
import type { MembershipRepository } from '../identity/infrastructure/membership-repository.ts';
import type { OrganizationRepository } from '../identity/infrastructure/organization-repository.ts';
import type { LivretDeps } from './application/livret-deps.ts';
import { DEFAULT_LSU_LEVEL_MAPPING, parseLsuLevelMapping } from './domain/lsu-level-mapping.ts';
import { createApiClientRepository } from './infrastructure/api-client-repository.ts';
import { createLivretAccessTokens } from './infrastructure/access-tokens.ts';
import { createSchoolLevelsReader } from './infrastructure/school-levels-query.ts';

/** Access tokens live 20 minutes, as Pix's `accessTokenLifespanMs` default. */
export const LIVRET_TOKEN_LIFETIME_SECONDS = 20 * 60;

/** Builds the livret scolaire context: API clients and tokens, the levels read model, the LSU connector. */
export function createLivretModule(input: {
  db: Database;
  clock: Clock;
  sessionKey: Uint8Array;
  referential: () => Referential;
  maxReachableLevel: number;
  organizations: OrganizationRepository;
  memberships: MembershipRepository;
  /** Folder of the LSU XSD files (not shipped with the tool). */
  lsuSchemaDir: string;
  /** Written form of the CRCN → LSU level table; the documented default when absent. */
  lsuLevelMapping?: string;
  xmllintPath?: string;
}): LivretDeps {
  const now = () => input.clock.now();
  return {
    clients: createApiClientRepository(input.db, now),
    accessTokens: createLivretAccessTokens(input.sessionKey, LIVRET_TOKEN_LIFETIME_SECONDS, now),
    levels: createSchoolLevelsReader(input.db, {
      competenceIndexes: () => [...input.referential().competences.keys()],
      maxReachableLevel: input.maxReachableLevel,
    }),
    organizations: input.organizations,
    memberships: input.memberships,
    referential: input.referential,
    lsu: createLsuConnector({ schemaDir: input.lsuSchemaDir, ...(input.xmllintPath ? { xmllintPath: input.xmllintPath } : {}) }),
    lsuLevelMapping: input.lsuLevelMapping ? parseLsuLevelMapping(input.lsuLevelMapping) : DEFAULT_LSU_LEVEL_MAPPING,
  };
}
