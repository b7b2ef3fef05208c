import type { Skill } from '../../../../referential/domain/referential.ts';
import type { KnowledgeElement, KnowledgeElementStatus } from '../../models/knowledge-element.ts';
import type { SelectionContext } from '../selection-context.ts';
import type { CompetenceEstimate } from './competence-estimate.ts';
import { probabilityAtLeast } from './posterior.ts';

/** An untested, playable acquis of the competence and the posterior probability that it is mastered. */
export interface SkillMastery {
  skill: Skill;
  /** P(θ ≥ level): at θ = level a typical épreuve of the acquis is passed one time in two. */
  mastery: number;
}

/** The acquis the engine has to settle at the end: untested (no current KE) and playable. */
export function untestedSkillMasteries(context: SelectionContext, estimate: CompetenceEstimate): SkillMastery[] {
  const { referential } = context;
  return context.targetSkills
    .filter(
      (skill) =>
        skill.competenceIndex === estimate.competenceIndex &&
        !context.testedSkillIds.has(skill.id) &&
        (referential.playableChallengesBySkill.get(skill.id)?.length ?? 0) > 0,
    )
    .map((skill) => ({ skill, mastery: probabilityAtLeast(estimate.posterior, skill.level) }));
}

/**
 * Settle rule, applied when the assessment ends: every untested acquis takes its more probable status —
 * validated when P(θ ≥ level) ≥ 0.5, invalidated otherwise — as an inferred KE, so the scorecard reads the level
 * the engine estimated. (The stopping rule is what makes these decisions sure enough.)
 */
export function settleKnowledgeElements(context: SelectionContext, estimate: CompetenceEstimate): KnowledgeElement[] {
  return untestedSkillMasteries(context, estimate).map(({ skill, mastery }) => {
    const status: KnowledgeElementStatus = mastery >= 0.5 ? 'validated' : 'invalidated';
    return {
      userId: context.assessment.userId,
      assessmentId: context.assessment.id,
      answerId: null,
      skillId: skill.id,
      competenceIndex: skill.competenceIndex,
      source: 'inferred',
      status,
      earnedPix: status === 'validated' ? skill.pixValue : 0,
      createdAt: context.now,
    };
  });
}
