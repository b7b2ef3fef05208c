import { Router } from 'express';
import { sessionOf } from './require-session.ts';
import { notFound } from '../../shared/domain/errors.ts';
import type { AccountRepository } from '../infrastructure/account-repository.ts';
import type { MembershipRepository } from '../infrastructure/membership-repository.ts';

/** `GET /api/me` (mounted under /api): who the session belongs to, in which school and classes. */
export function meRoutes(deps: { accounts: AccountRepository; memberships: MembershipRepository }): Router {
  const router = Router();
  router.get('/me', async (_req, res) => {
    const session = sessionOf(res);
    const account = await deps.accounts.findById(session.userId);
    if (!account) throw notFound('Compte introuvable.');
    const organizations = await deps.memberships.listForUser(account.id);
    const classes = session.organizationId ? await deps.memberships.listClassesOfUser(account.id, session.organizationId) : [];
    res.json({
      user: { id: account.id, firstName: account.firstName, lastName: account.lastName, locale: account.locale },
      role: session.role,
      organizationId: session.organizationId,
      organizations,
      classes: classes.map((c) => ({ id: c.id, label: c.label, role: c.role })),
    });
  });
  return router;
}
