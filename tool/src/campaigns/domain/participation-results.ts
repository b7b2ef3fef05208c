import type { Referential } from '../../referential/domain/referential.ts';
import { currentKnowledgeElements } from '../../evaluation/domain/knowledge-elements/current-knowledge-elements.ts';
import type { KnowledgeElement } from '../../evaluation/domain/models/knowledge-element.ts';

export interface CompetenceCount {
  targeted: number;
  validated: number;
}

/** A participant's results on the campaign's skills (§4.3 `ParticipantResultsShared`, `AssessmentResult`). */
export interface ParticipationResults {
  targetedSkillsCount: number;
  testedSkillsCount: number;
  validatedSkillsCount: number;
  /** validated / targeted, 0–1. */
  masteryRate: number;
  pixScore: number;
  /** Per competence index, in referential order. */
  competences: Record<string, CompetenceCount>;
  /** Per tube name (the dashboard's weakest tubes). */
  tubes: Record<string, CompetenceCount>;
  /** Skills tested and not validated, for tutorials. */
  failedSkillIds: string[];
}

/** Results from the participant's knowledge (all of it: what she proved elsewhere counts, as upstream). */
export function computeParticipationResults(skillIds: readonly string[], knowledgeElements: readonly KnowledgeElement[], referential: Referential): ParticipationResults {
  const targeted = new Set(skillIds);
  const current = currentKnowledgeElements(knowledgeElements.filter((ke) => targeted.has(ke.skillId)));
  const bySkill = new Map(current.map((ke) => [ke.skillId, ke]));
  const competences: Record<string, CompetenceCount> = {};
  for (const competenceIndex of referential.competences.keys()) {
    for (const skillId of skillIds) {
      const skill = referential.skills.get(skillId);
      if (skill?.competenceIndex !== competenceIndex) continue;
      const counts = (competences[competenceIndex] ??= { targeted: 0, validated: 0 });
      counts.targeted++;
      if (bySkill.get(skillId)?.status === 'validated') counts.validated++;
    }
  }
  const tubes: Record<string, CompetenceCount> = {};
  for (const skillId of skillIds) {
    const skill = referential.skills.get(skillId);
    if (!skill) continue;
    const counts = (tubes[skill.tubeName] ??= { targeted: 0, validated: 0 });
    counts.targeted++;
    if (bySkill.get(skillId)?.status === 'validated') counts.validated++;
  }
  const validated = current.filter((ke) => ke.status === 'validated');
  const pix = validated.reduce((sum, ke) => sum + ke.earnedPix, 0);
  return {
    targetedSkillsCount: skillIds.length,
    testedSkillsCount: current.length,
    validatedSkillsCount: validated.length,
    masteryRate: skillIds.length === 0 ? 0 : validated.length / skillIds.length,
    pixScore: Math.floor(pix),
    competences,
    tubes,
    failedSkillIds: current.filter((ke) => ke.status === 'invalidated').map((ke) => ke.skillId),
  };
}

/** Learner-side mastery: rounded to 2 significant digits, as upstream shows it. */
export function displayedMasteryRate(rate: number): number {
  return rate === 0 ? 0 : Number(rate.toPrecision(2));
}
