import type { Database } from '../../shared/infrastructure/db/database.ts';
import { outboundLinkPolicy, type OutboundLinks } from '../domain/outbound-links.ts';
import { createSchoolSettings } from '../infrastructure/school-settings.ts';

/**
 * The outbound-link policy of a session, for pages that other contexts serve (the campaign player and page):
 * only a GAR session reads its school's setting.
 */
export function sessionLinkPolicy(db: Database): (session: { via: string; organizationId: string | null }) => Promise<OutboundLinks> {
  const settings = createSchoolSettings(db);
  return async ({ via, organizationId }) => {
    if (via !== 'gar') return outboundLinkPolicy({ via, schoolAllowsLinks: true });
    return outboundLinkPolicy({ via, schoolAllowsLinks: organizationId ? (await settings.get(organizationId)).allowExternalLinks : false });
  };
}
