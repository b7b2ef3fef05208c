import type { AssessmentView } from '../../shared/api-contract/evaluation.ts';
import type { SignedUrls } from '../../identity/domain/signed-url.ts';
import { localize } from '../../referential/infrastructure/framework-file.ts';
import type { Referential } from '../../referential/domain/referential.ts';
import type { StoredAssessment } from '../infrastructure/assessment-repository.ts';
import { checkpointDue } from './evaluation-state.ts';
import { presentChallenge } from './present-challenge.ts';

export function presentAssessment(input: {
  stored: StoredAssessment;
  answeredCount: number;
  referential: Referential;
  signedUrls: SignedUrls;
  locale: string;
}): AssessmentView {
  const { stored, answeredCount, referential } = input;
  const competence = stored.competenceIndex ? referential.competences.get(stored.competenceIndex) : undefined;
  const due = checkpointDue(stored, answeredCount);
  const current = stored.state === 'started' && !due && stored.currentChallengeId ? referential.challenges.get(stored.currentChallengeId) : undefined;
  return {
    id: stored.id,
    type: stored.type,
    state: stored.state === 'completed' ? 'completed' : 'started',
    competence: competence ? { index: competence.index, name: localize(competence.name, input.locale) } : null,
    answeredCount,
    progressInSeries: (answeredCount % 5) + 1,
    checkpointDue: due,
    challenge: current ? presentChallenge(current, stored.currentChallengeAskedAt ?? new Date(), input.signedUrls, stored.seed) : null,
  };
}
