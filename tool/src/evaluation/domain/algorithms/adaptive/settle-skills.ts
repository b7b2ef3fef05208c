import type { Skill } from '../../../../referential/domain/referential.ts';
import type { KnowledgeElement, KnowledgeElementStatus } from '../../models/knowledge-element.ts';
import type { SelectionContext } from '../selection-context.ts';
import type { CompetenceEstimate } from './competence-estimate.ts';
import { probabilityAtLeast } from './posterior.ts';

/**
 * Settle rule: an acquis of level ℓ is mastered when θ ≥ ℓ (a typical épreuve of it is then passed more often
 * than not). For an untested, playable acquis: P(θ ≥ ℓ) ≥ p → validated, ≤ 1 − p → invalidated, otherwise it stays
 * unknown. Returns the acquis and the status each settles to.
 */
export function settledSkills({
  context,
  estimate,
  settleProbability,
}: {
  context: SelectionContext;
  estimate: CompetenceEstimate;
  settleProbability: number;
}): Array<{ skill: Skill; status: KnowledgeElementStatus | null }> {
  const { referential } = context;
  return context.targetSkills
    .filter(
      (skill) =>
        skill.competenceIndex === estimate.competenceIndex &&
        !context.testedSkillIds.has(skill.id) &&
        (referential.playableChallengesBySkill.get(skill.id)?.length ?? 0) > 0,
    )
    .map((skill) => {
      const mastery = probabilityAtLeast(estimate.posterior, skill.level);
      const status: KnowledgeElementStatus | null =
        mastery >= settleProbability ? 'validated' : mastery <= 1 - settleProbability ? 'invalidated' : null;
      return { skill, status };
    });
}

/** The inferred KEs written when the assessment ends, so the scorecard reads the same level as the engine. */
export function settleKnowledgeElements({
  context,
  estimate,
  settleProbability,
}: {
  context: SelectionContext;
  estimate: CompetenceEstimate;
  settleProbability: number;
}): KnowledgeElement[] {
  return settledSkills({ context, estimate, settleProbability }).flatMap(({ skill, status }) =>
    status === null
      ? []
      : [
          {
            userId: context.assessment.userId,
            assessmentId: context.assessment.id,
            answerId: null,
            skillId: skill.id,
            competenceIndex: skill.competenceIndex,
            source: 'inferred' as const,
            status,
            earnedPix: status === 'validated' ? skill.pixValue : 0,
            createdAt: context.now,
          },
        ],
  );
}
