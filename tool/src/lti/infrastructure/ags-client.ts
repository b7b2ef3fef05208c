import { MEDIA_TYPE, SCOPE } from '../domain/lti-claims.ts';
import { COMPETENCE_TAG_PREFIX } from '../domain/extra-line-items.ts';
import { isAcceptedStatus, scoresUrl, type ScoreBody } from '../domain/ags-score.ts';
import type { AccessTokens } from './access-tokens.ts';
import { nextLink, PlatformHttpError, type PlatformHttp, type PlatformResponse } from './platform-http.ts';
import type { Platform } from './platform-repository.ts';
import type { LineItem, ResourceLink } from './resource-link-repository.ts';
import { PlatformServiceError } from './platform-service-error.ts';

/** Every AGS scope the tool uses; the access token asks for those the platform granted. */
export const AGS_SCOPES = [SCOPE.lineItem, SCOPE.lineItemReadonly, SCOPE.score];

const MAX_PAGES = 20;

export interface AgsClient {
  /**
   * The line item of a resource link: found by `resource_link_id` (paging followed), else created. `byTag`: an
   * extra column under the link, found by `resource_link_id` and `tag` together.
   */
  findOrCreateLineItem(input: { platform: Platform; link: ResourceLink; wanted: Omit<LineItem, 'url'>; byTag?: boolean }): Promise<LineItem>;
  /** POST `{lineitem}/scores`; resolves when the platform answered 200, 201, 202 or 204. */
  postScore(input: { platform: Platform; lineItemUrl: string; score: ScoreBody }): Promise<number>;
}

export function createAgsClient(deps: { http: PlatformHttp; accessTokens: AccessTokens }): AgsClient {
  async function call(platform: Platform, url: string, init: { method?: string; headers: Record<string, string>; body?: string }): Promise<PlatformResponse> {
    const { token } = await deps.accessTokens.get(platform, AGS_SCOPES);
    let response: PlatformResponse;
    try {
      response = await deps.http.request(url, { ...init, headers: { ...init.headers, authorization: `Bearer ${token}` } });
    } catch (error) {
      if (error instanceof PlatformHttpError) throw new PlatformServiceError(error.message, 0);
      throw error;
    }
    if (response.status === 401) await deps.accessTokens.invalidate(platform, AGS_SCOPES);
    return response;
  }

  return {
    async findOrCreateLineItem({ platform, link, wanted, byTag = false }) {
      if (!link.agsLineItemsUrl) throw new PlatformServiceError('no line items URL for this resource link', 404);
      const tag = byTag ? wanted.tag : null;
      // The link's own column is never one of its extra (per-competence) columns, and the other way round.
      const isWanted = (item: Record<string, unknown>) =>
        tag !== null
          ? item.tag === tag && item.resourceLinkId === link.resourceLinkId
          : !(typeof item.tag === 'string' && item.tag.startsWith(COMPETENCE_TAG_PREFIX)) &&
            (item.resourceLinkId === link.resourceLinkId || (wanted.resourceId !== null && item.resourceId === wanted.resourceId && item.resourceLinkId === undefined));
      let url: string | null = withQuery(link.agsLineItemsUrl, { resource_link_id: link.resourceLinkId, ...(tag !== null ? { tag } : {}) });
      for (let page = 0; url && page < MAX_PAGES; page += 1) {
        const response = await call(platform, url, { headers: { accept: MEDIA_TYPE.lineItemContainer } });
        if (response.status !== 200) throw new PlatformServiceError(`line items answered ${response.status}`, response.status);
        const items = response.json();
        if (Array.isArray(items)) {
          const found = items.find((item): item is Record<string, unknown> => typeof item === 'object' && item !== null && typeof item.id === 'string' && isWanted(item));
          if (found) return lineItemOf(found);
        }
        url = nextLink(response.headers);
      }
      const response = await call(platform, link.agsLineItemsUrl, {
        method: 'POST',
        headers: { 'content-type': MEDIA_TYPE.lineItem, accept: MEDIA_TYPE.lineItem },
        body: JSON.stringify({
          scoreMaximum: wanted.scoreMaximum,
          label: wanted.label,
          resourceId: wanted.resourceId,
          tag: wanted.tag,
          resourceLinkId: link.resourceLinkId,
        }),
      });
      if (response.status !== 200 && response.status !== 201) throw new PlatformServiceError(`line item creation answered ${response.status}`, response.status);
      const created = response.json();
      if (typeof created !== 'object' || created === null || typeof (created as { id?: unknown }).id !== 'string') {
        throw new PlatformServiceError('created line item has no id', 502);
      }
      return lineItemOf(created as Record<string, unknown>);
    },
    async postScore({ platform, lineItemUrl, score }) {
      const response = await call(platform, scoresUrl(lineItemUrl), {
        method: 'POST',
        headers: { 'content-type': MEDIA_TYPE.score },
        body: JSON.stringify(score),
      });
      if (!isAcceptedStatus(response.status)) throw new PlatformServiceError(`score answered ${response.status}: ${response.text.slice(0, 200)}`, response.status);
      return response.status;
    },
  };
}

function lineItemOf(item: Record<string, unknown>): LineItem {
  return {
    url: String(item.id),
    scoreMaximum: typeof item.scoreMaximum === 'number' ? item.scoreMaximum : null,
    label: typeof item.label === 'string' ? item.label : null,
    resourceId: typeof item.resourceId === 'string' ? item.resourceId : null,
    tag: typeof item.tag === 'string' ? item.tag : null,
  };
}

/** Adds query parameters to a URL that may already have some (Moodle's `?type_id=1`). */
export function withQuery(url: string, params: Record<string, string>): string {
  const parsed = new URL(url);
  for (const [name, value] of Object.entries(params)) parsed.searchParams.set(name, value);
  return parsed.toString();
}
