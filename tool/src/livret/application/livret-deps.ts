import type { Referential } from '../../referential/domain/referential.ts';
import type { MembershipRepository } from '../../identity/infrastructure/membership-repository.ts';
import type { OrganizationRepository } from '../../identity/infrastructure/organization-repository.ts';
import type { LsuConnector, SchoolLevelsReader } from '../domain/livret-ports.ts';
import type { LsuLevelMapping } from '../domain/lsu-level-mapping.ts';
import type { ApiClientRepository } from '../infrastructure/api-client-repository.ts';
import type { LivretAccessTokens } from '../infrastructure/access-tokens.ts';

/** What the livret routes, use cases and CLI commands need; built once in the composition root. */
export interface LivretDeps {
  clients: ApiClientRepository;
  accessTokens: LivretAccessTokens;
  levels: SchoolLevelsReader;
  organizations: OrganizationRepository;
  memberships: MembershipRepository;
  referential: () => Referential;
  lsu: LsuConnector;
  lsuLevelMapping: LsuLevelMapping;
}
