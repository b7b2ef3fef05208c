import { isSuccess } from '../../models/answer-record.ts';
import type { SelectionContext } from '../selection-context.ts';
import type { AdaptiveConfig } from './adaptive-config.ts';
import { itemParameters } from './item-parameters.ts';
import { computePosterior, posteriorMean, posteriorSd, type Observation, type Posterior } from './posterior.ts';

/** The engine's belief about one competence of the learner. */
export interface CompetenceEstimate {
  competenceIndex: string;
  posterior: Posterior;
  /** EAP estimate of θ on the level scale. */
  level: number;
  sd: number;
  /** Épreuves of this competence answered in this assessment. */
  answeredCount: number;
}

/**
 * Observations of a competence: this assessment's answers with their épreuve's IRT parameters, plus direct KEs
 * from earlier assessments (an acquis at its level), e.g. when improving or in a campaign after a competence
 * evaluation. Answers on épreuves no longer in the referential are skipped.
 */
export function estimateCompetence(
  context: SelectionContext,
  competenceIndex: string,
  config: AdaptiveConfig,
): CompetenceEstimate {
  const { referential, assessment } = context;
  const observations: Observation[] = [];
  let answeredCount = 0;
  for (const answer of context.answers) {
    const challenge = referential.challenges.get(answer.challengeId);
    if (!challenge || challenge.competenceIndex !== competenceIndex) continue;
    answeredCount += 1;
    observations.push({ item: itemParameters(challenge, config), correct: isSuccess(answer.result) });
  }
  for (const ke of context.knowledgeElements) {
    if (ke.source !== 'direct' || ke.assessmentId === assessment.id || ke.competenceIndex !== competenceIndex) continue;
    const skill = referential.skills.get(ke.skillId);
    if (!skill) continue;
    observations.push({
      item: { difficulty: skill.level, discrimination: config.defaultDiscrimination, lapse: config.lapseRate },
      correct: ke.status === 'validated',
    });
  }
  const posterior = computePosterior(observations, config);
  return { competenceIndex, posterior, level: posteriorMean(posterior), sd: posteriorSd(posterior), answeredCount };
}
