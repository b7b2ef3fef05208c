import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import type { WidgetPages } from '../../widgets-host/widget-pages.ts';
import type { Clock } from '../../shared/domain/clock.ts';
import type { Database } from '../../shared/infrastructure/db/database.ts';
import type { SessionTokens } from '../../identity/domain/session-token.ts';
import type { AccountRepository } from '../../identity/infrastructure/account-repository.ts';
import type { MembershipRepository } from '../../identity/infrastructure/membership-repository.ts';
import type { OrganizationRepository } from '../../identity/infrastructure/organization-repository.ts';
import type { EvaluationDeps } from '../../evaluation/application/evaluation-deps.ts';
import type { FrameworkFile } from '../../referential/infrastructure/framework-file.ts';
import type { KeyStore } from '../infrastructure/key-store.ts';
import type { LaunchStateRepository } from '../infrastructure/launch-state-repository.ts';
import type { PlatformHttp } from '../infrastructure/platform-http.ts';
import type { RegistrationCache } from '../infrastructure/registration-cache.ts';
import type { PlatformKeys } from '../infrastructure/platform-jwks.ts';
import type { Platform, PlatformRepository } from '../infrastructure/platform-repository.ts';
import type { ResourceLinkRepository } from '../infrastructure/resource-link-repository.ts';
import type { ScoreOutboxRepository } from '../infrastructure/score-outbox-repository.ts';
import type { AccessTokens } from '../infrastructure/access-tokens.ts';
import type { AgsClient } from '../infrastructure/ags-client.ts';
import type { NrpsMember } from '../infrastructure/nrps-client.ts';

/** The campaigns context as LTI sees it (adapter: lti/campaigns-port.ts), absent until wired. */
export interface CampaignsPort {
  /** The organization's active campaigns, for the picker. */
  listForPicker(organizationId: string): Promise<Array<{ code: string; name: string }>>;
  /** A learner opening a campaign link: the campaign widget, landed on that code. */
  sendLearnerPage(pages: WidgetPages, req: Request, res: Response, input: { token: string; actor: LtiActor; code: string }): Promise<void>;
  /** A teacher opening a campaign link: the teacher space, on that campaign's dashboard. */
  sendTeacherPage(pages: WidgetPages, req: Request, res: Response, input: { token: string; actor: LtiActor; code: string }): Promise<void>;
}

export interface LtiActor {
  userId: string;
  organizationId: string;
  role: 'ADMIN' | 'MEMBER' | 'PUPIL';
  locale: string;
}

/** What the LTI use cases need, wired once in the composition root. */
export interface LtiDeps {
  db: Database;
  clock: Clock;
  logger: Logger;
  /** Public base URL of the tool: every LTI URL is built from it. */
  publicUrl: string;
  /** Issuers allowed to use Dynamic Registration (LTI_ALLOWED_ISSUERS). */
  allowedIssuers: readonly string[];
  maxReachableLevel: number;
  platforms: PlatformRepository;
  states: LaunchStateRepository;
  links: ResourceLinkRepository;
  outbox: ScoreOutboxRepository;
  toolKeys: KeyStore;
  platformKeys: PlatformKeys;
  accessTokens: AccessTokens;
  http: PlatformHttp;
  ags: AgsClient;
  /** NRPS: every member of a context (paged). */
  nrps(input: { platform: Platform; url: string; role?: string }): Promise<NrpsMember[]>;
  accounts: AccountRepository;
  memberships: MembershipRepository;
  organizations: OrganizationRepository;
  tokens: SessionTokens;
  evaluation: EvaluationDeps;
  framework: FrameworkFile;
  /** HS256 key of the short-lived deep-linking context token handed to the picker. */
  deepLinkingKey: Uint8Array;
  /** Registrations as a launch reads them (cached briefly). */
  registrations: RegistrationCache;
  /** Called after a registration changes: clears the cached registrations and frame-ancestors origins. */
  registrationsChanged?: () => Promise<void>;
  /** Campaign links and the picker's campaigns (set once the campaigns context is built). */
  campaigns?: CampaignsPort;
  /** Random URL-safe string (state, nonce, jti). */
  randomId(): string;
}

/** The tool's LTI URLs, for pages, tool-config and Dynamic Registration. */
export function toolUrls(publicUrl: string) {
  return {
    login: `${publicUrl}/lti/login`,
    launch: `${publicUrl}/lti/launch`,
    jwks: `${publicUrl}/lti/jwks`,
    register: `${publicUrl}/lti/register`,
    deepLinking: `${publicUrl}/lti/launch`,
  };
}
