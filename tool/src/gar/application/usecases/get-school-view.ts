import { getTotalPixOfUsers } from '../../../evaluation/application/usecases/get-total-pix-of-users.ts';
import { rankCandidates } from '../../domain/reconciliation-candidates.ts';
import { listSchoolClassesWithPupils } from '../../infrastructure/school-classes-query.ts';
import type { GarDeps } from '../gar-deps.ts';
import type { SchoolViewData } from '../pages/school-view.ts';

/** Pending requests shown at once: settling them makes room for the next ones. */
export const MAX_PENDING_SHOWN = 50;

type SchoolViewDeps = Pick<GarDeps, 'db' | 'evaluation' | 'roster' | 'reconciliation' | 'schoolSettings'>;

/**
 * What the teacher view shows, in a fixed number of queries whatever the school's size: classes and pupils (1),
 * their knowledge elements scored in one pass (1 per 1,000 pupils), the roster's counts (1), the settings (1),
 * the pending requests (2, the first 50 and their count), their pupils' class codes (1) and the free roster pupils they may be linked to (1).
 */
export async function getSchoolView(deps: SchoolViewDeps, organizationId: string): Promise<Pick<SchoolViewData, 'classes' | 'pendingReconciliations' | 'pendingTotal' | 'roster' | 'allowExternalLinks'>> {
  const classes = await listSchoolClassesWithPupils(deps.db, organizationId);
  const totals = await getTotalPixOfUsers(deps.evaluation, [...new Set(classes.flatMap((c) => c.pupils.map((p) => p.userId)))]);
  const roster = await deps.roster.counts(organizationId);
  const settings = await deps.schoolSettings.get(organizationId);
  const { rows: pending, total: pendingTotal } = await deps.reconciliation.listOpen(organizationId, MAX_PENDING_SHOWN);
  const codes = await deps.reconciliation.divisionCodesOf(
    organizationId,
    pending.map((p) => p.userId),
  );
  const requests = pending.map((p) => ({ ...p, divisionKeys: [...new Set([...p.divisions, ...(codes.get(p.userId) ?? [])])] }));
  const candidates = await deps.reconciliation.candidatesFor(organizationId, requests);
  const ranked = rankCandidates(requests, candidates);
  return {
    classes: classes.map((c) => ({ label: c.label, pupils: c.pupils.map((p) => ({ name: `${p.lastName} ${p.firstName}`.trim(), totalPix: totals.get(p.userId) ?? 0 })) })),
    pendingReconciliations: requests.map((r, i) => ({
      id: r.id,
      name: `${r.lastName} ${r.firstName}`.trim(),
      birthdate: r.birthdate,
      divisions: r.divisions,
      reason: r.reason,
      createdAt: r.createdAt,
      candidates: ranked[i]!.map((c) => ({ id: c.id, name: `${c.preferredLastName ?? c.lastName} ${c.firstName}`.trim(), birthdate: c.birthdate, division: c.division })),
    })),
    pendingTotal,
    roster: roster.total ? { active: roster.active, linked: roster.linked } : null,
    allowExternalLinks: settings.allowExternalLinks,
  };
}
