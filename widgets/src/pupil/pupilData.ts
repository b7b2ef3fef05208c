// boot.data of the pupil widget: the first screen, rendered without any request.
import type { AssessmentView, ProfileView } from '../../../tool/src/shared/api-contract/evaluation.ts';
import { isRecord } from '../kit/guards.ts';

/**
 * `{ screen: 'profile', profile }`, or `{ screen: 'assessment', assessment }` for a direct launch; `outboundLinks:
 * 'text'` in GAR sessions whose school does not allow links (external addresses shown as text).
 */
export type PupilData = { outboundLinks?: 'links' | 'text' } & (
  | { screen: 'profile'; profile: ProfileView }
  | { screen: 'assessment'; assessment: AssessmentView }
);

/**
 * Checks the discriminant and that its payload is an object, not every field: the server's
 * presenters are typed against the same contract, and a full validator would not fit the size budget.
 */
export function readPupilData(data: unknown): PupilData | null {
  return isRecord(data) && (data.screen === 'profile' || data.screen === 'assessment') && isRecord(data[data.screen])
    ? (data as unknown as PupilData)
    : null;
}
