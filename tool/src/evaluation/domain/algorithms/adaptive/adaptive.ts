import type { Challenge } from '../../../../referential/domain/referential.ts';
import type { KnowledgeElement } from '../../models/knowledge-element.ts';
import { createRandom } from '../../random/seeded-random.ts';
import type { SelectionContext } from '../selection-context.ts';
import type { AdaptiveConfig } from './adaptive-config.ts';
import { chooseChallenge } from './choose-challenge.ts';
import { estimateCompetence, type CompetenceEstimate } from './competence-estimate.ts';
import { eligibleChallenges } from './eligible-challenges.ts';
import { settleKnowledgeElements, untestedSkillMasteries } from './settle-skills.ts';
import { shouldStop } from './stopping-rule.ts';

export type AdaptiveOutcome =
  | { ended: false; challenge: Challenge; estimate: CompetenceEstimate }
  | { ended: true; settledKnowledgeElements: KnowledgeElement[]; estimates: CompetenceEstimate[] };

/**
 * Our adaptive engine: one EAP posterior per competence of the assessment, the next épreuve drawn among the most
 * informative eligible ones; each competence stops by the stopping rule; when all have stopped, the untested
 * acquis are settled from the estimates as inferred KEs. Stateless: everything is recomputed from the answers.
 */
export function selectWithAdaptive(context: SelectionContext, config: AdaptiveConfig): AdaptiveOutcome {
  const competenceIndexes = [...new Set(context.targetSkills.map((skill) => skill.competenceIndex))];
  const open: Array<{ estimate: CompetenceEstimate; eligible: Challenge[] }> = [];
  const estimates: CompetenceEstimate[] = [];
  for (const competenceIndex of competenceIndexes) {
    const estimate = estimateCompetence(context, competenceIndex, config);
    estimates.push(estimate);
    const eligible = eligibleChallenges({ context, estimate, config });
    const confidence = config.stopSettledConfidence;
    const allSettled = untestedSkillMasteries(context, estimate).every(
      ({ mastery }) => mastery >= confidence || mastery <= 1 - confidence,
    );
    const stop = shouldStop({
      answeredCount: estimate.answeredCount,
      sd: estimate.sd,
      allSettled,
      hasEligibleChallenge: eligible.length > 0,
      config,
    });
    if (!stop) open.push({ estimate, eligible });
  }

  // Campaigns span several competences: serve the least measured one first.
  open.sort((a, b) => a.estimate.answeredCount - b.estimate.answeredCount || b.estimate.sd - a.estimate.sd);
  const next = open[0];
  if (next) {
    const challenge = chooseChallenge({
      challenges: next.eligible,
      posterior: next.estimate.posterior,
      size: config.randomesqueSize,
      random: createRandom(`${context.seed}:${context.answers.length}`),
      config,
    });
    if (challenge) return { ended: false, challenge, estimate: next.estimate };
  }
  // A competence where nothing could be asked keeps its prior: no evidence, nothing settled.
  const settledKnowledgeElements = estimates
    .filter((estimate) => estimate.answeredCount > 0)
    .flatMap((estimate) => settleKnowledgeElements(context, estimate));
  return { ended: true, settledKnowledgeElements, estimates };
}
