/** What a verified and validated LTI launch says, in the tool's words. */

export interface LaunchPerson {
  givenName: string;
  familyName: string;
  name: string;
  email: string | null;
}

export interface LaunchContext {
  id: string;
  label: string;
  title: string;
}

export interface AgsEndpoint {
  scopes: string[];
  lineItemsUrl: string | null;
  lineItemUrl: string | null;
}

interface LaunchCommon {
  issuer: string;
  clientId: string;
  deploymentId: string;
  /** The platform's stable user id (`sub`). */
  subject: string;
  roles: string[];
  person: LaunchPerson;
  context: LaunchContext | null;
  /** Custom parameters, values as strings. */
  custom: Record<string, string>;
  locale: string | null;
  returnUrl: string | null;
  ags: AgsEndpoint | null;
  nrpsUrl: string | null;
}

export interface ResourceLinkLaunch extends LaunchCommon {
  kind: 'resourceLink';
  resourceLink: { id: string; title: string };
}

export interface DeepLinkingSettings {
  returnUrl: string;
  acceptTypes: string[];
  acceptPresentationDocumentTargets: string[];
  acceptMultiple: boolean;
  autoCreate: boolean;
  /** Opaque; echoed verbatim in the response. */
  data: string | null;
}

export interface DeepLinkingLaunch extends LaunchCommon {
  kind: 'deepLinking';
  settings: DeepLinkingSettings;
}

export type LaunchMessage = ResourceLinkLaunch | DeepLinkingLaunch;
