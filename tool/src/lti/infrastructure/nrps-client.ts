import { MEDIA_TYPE, SCOPE } from '../domain/lti-claims.ts';
import type { AccessTokens } from './access-tokens.ts';
import { nextLink, PlatformHttpError, type PlatformHttp } from './platform-http.ts';
import type { Platform } from './platform-repository.ts';
import { PlatformServiceError } from './platform-service-error.ts';
import { withQuery } from './ags-client.ts';

export interface NrpsMember {
  userId: string;
  roles: string[];
  status: 'Active' | 'Inactive' | 'Deleted';
  name: string;
  givenName: string;
  familyName: string;
  email: string | null;
}

const MAX_PAGES = 50;
const MAX_MEMBERS = 5000;

/** Names and Role Provisioning Services 2.0: every member of a context, following `Link: rel="next"`. */
export async function fetchMemberships(deps: { http: PlatformHttp; accessTokens: AccessTokens }, input: {
  platform: Platform;
  url: string;
  role?: string;
  limit?: number;
}): Promise<NrpsMember[]> {
  const { token } = await deps.accessTokens.get(input.platform, [SCOPE.membershipReadonly]);
  const members: NrpsMember[] = [];
  const params: Record<string, string> = { limit: String(input.limit ?? 100) };
  if (input.role) params.role = input.role;
  let url: string | null = withQuery(input.url, params);
  for (let page = 0; url && page < MAX_PAGES && members.length < MAX_MEMBERS; page += 1) {
    let response;
    try {
      response = await deps.http.request(url, { headers: { accept: MEDIA_TYPE.membershipContainer, authorization: `Bearer ${token}` } });
    } catch (error) {
      if (error instanceof PlatformHttpError) throw new PlatformServiceError(error.message, 0);
      throw error;
    }
    if (response.status === 401) await deps.accessTokens.invalidate(input.platform, [SCOPE.membershipReadonly]);
    if (response.status !== 200) throw new PlatformServiceError(`memberships answered ${response.status}`, response.status);
    const body = response.json() as { members?: unknown };
    for (const raw of Array.isArray(body.members) ? body.members : []) {
      if (typeof raw !== 'object' || raw === null) continue;
      const member = raw as Record<string, unknown>;
      if (typeof member.user_id !== 'string') continue;
      const status = member.status === 'Inactive' || member.status === 'Deleted' ? member.status : 'Active';
      members.push({
        userId: member.user_id,
        roles: Array.isArray(member.roles) ? member.roles.filter((r): r is string => typeof r === 'string') : [],
        status,
        name: typeof member.name === 'string' ? member.name : '',
        givenName: typeof member.given_name === 'string' ? member.given_name : '',
        familyName: typeof member.family_name === 'string' ? member.family_name : '',
        email: typeof member.email === 'string' ? member.email : null,
      });
    }
    url = nextLink(response.headers);
  }
  return members;
}
