import { garError } from '../../domain/gar-errors.ts';
import { createReconciliationRepository } from '../../infrastructure/reconciliation-repository.ts';
import { createRosterRepository } from '../../infrastructure/roster-repository.ts';
import type { GarDeps } from '../gar-deps.ts';

type SettleDeps = Pick<GarDeps, 'db' | 'clock' | 'logger'>;

export interface Settlement {
  /** The school of the teacher's session: requests and roster pupils of other schools are unknown to her. */
  organizationId: string;
  requestId: string;
  /** The teacher or administrator deciding (kept for audit). */
  byUserId: string;
}

/**
 * A teacher links a pending request to a roster pupil of her school: the pupil's account gets the INE and SIECLE
 * ids exactly as an automatic match would (`gar_roster_pupils.user_id`), the request is RESOLVED with who and
 * when. One transaction with the request and the roster pupil row-locked: a second settlement, or a roster pupil
 * another account holds (here or, by INE, in another school), is refused with a code and changes nothing.
 */
export async function linkReconciliationRequest(deps: SettleDeps, input: Settlement & { rosterPupilId: string }): Promise<void> {
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const requests = createReconciliationRepository(tx);
    const roster = createRosterRepository(tx);
    const request = await requests.findInSchool(input.organizationId, input.requestId);
    if (!request) throw garError('GAR_RECONCILIATION_NOT_FOUND');
    if (request.status !== 'OPEN') throw garError('GAR_RECONCILIATION_ALREADY_SETTLED');
    const pupil = await roster.findInSchool(input.organizationId, input.rosterPupilId);
    if (!pupil || !pupil.active) throw garError('GAR_ROSTER_PUPIL_NOT_FOUND');
    if (pupil.userId && pupil.userId !== request.userId) throw garError('GAR_ROSTER_PUPIL_ALREADY_LINKED', 'held in this school');
    const elsewhere = await roster.findAccountByIne(pupil.ine, pupil.id);
    // Merging two accounts is not something a teacher should do from a list: refuse, the request may be dismissed.
    if (elsewhere && elsewhere !== request.userId) throw garError('GAR_ROSTER_PUPIL_ALREADY_LINKED', 'INE held in another school');
    const linked = await roster.findLinked(input.organizationId, request.userId);
    if (linked && linked.id !== pupil.id) throw garError('GAR_ACCOUNT_ALREADY_LINKED');
    if (!(await requests.settle({ requestId: request.id, organizationId: input.organizationId, outcome: 'RESOLVED', rosterPupilId: pupil.id, byUserId: input.byUserId, now }))) {
      throw garError('GAR_RECONCILIATION_ALREADY_SETTLED');
    }
    if (!(await roster.linkIfFree(pupil.id, request.userId, now))) throw garError('GAR_ROSTER_PUPIL_ALREADY_LINKED', 'taken concurrently');
  });
  deps.logger.info({ requestId: input.requestId, byUserId: input.byUserId }, 'GAR reconciliation request linked by hand');
}

/** A teacher decides not to link the pupil: the request is DISMISSED (who, when); she keeps using the tool. */
export async function dismissReconciliationRequest(deps: SettleDeps, input: Settlement): Promise<void> {
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const requests = createReconciliationRepository(tx);
    const request = await requests.findInSchool(input.organizationId, input.requestId);
    if (!request) throw garError('GAR_RECONCILIATION_NOT_FOUND');
    if (!(await requests.settle({ requestId: request.id, organizationId: input.organizationId, outcome: 'DISMISSED', rosterPupilId: null, byUserId: input.byUserId, now }))) {
      throw garError('GAR_RECONCILIATION_ALREADY_SETTLED');
    }
  });
  deps.logger.info({ requestId: input.requestId, byUserId: input.byUserId }, 'GAR reconciliation request dismissed');
}
