import type { Challenge, Referential, Skill } from '../../../referential/domain/referential.ts';
import { InvalidAssessmentTargetError, UnknownCompetenceError } from '../errors.ts';
import { currentKnowledgeElements } from '../knowledge-elements/current-knowledge-elements.ts';
import { forgetOldFailures } from '../knowledge-elements/forget-old-failures.ts';
import type { AnswerRecord } from '../models/answer-record.ts';
import type { Assessment } from '../models/assessment.ts';
import type { KnowledgeElement } from '../models/knowledge-element.ts';

/** What both algorithms read, computed once per selection from the assessment's plain data. */
export interface SelectionContext {
  referential: Referential;
  assessment: Assessment;
  seed: string;
  now: Date;
  /** The acquis measured, in referential order. */
  targetSkills: Skill[];
  targetSkillIds: ReadonlySet<string>;
  /** Current KEs on target acquis, old failures forgotten when improving. */
  knowledgeElements: KnowledgeElement[];
  testedSkillIds: ReadonlySet<string>;
  answers: readonly AnswerRecord[];
  lastAnswer: AnswerRecord | null;
  /** Validated épreuves not answered yet in this assessment, in an acceptable locale, by acquis. */
  remainingChallengesBySkill: ReadonlyMap<string, Challenge[]>;
  /** Acceptable épreuve locales, preferred first; empty = any. */
  locales: readonly string[];
}

export interface SelectionContextInput {
  assessment: Assessment;
  referential: Referential;
  knowledgeElements: readonly KnowledgeElement[];
  answers: readonly AnswerRecord[];
  now: Date;
  seed?: string;
  locales?: readonly string[];
}

/** The acquis an assessment measures: its competence's (competence evaluation) or its target profile's (campaign). */
export function targetSkillsOf(assessment: Assessment, referential: Referential): Skill[] {
  if (assessment.type === 'COMPETENCE_EVALUATION') {
    if (assessment.competenceIndex === null) throw new InvalidAssessmentTargetError(assessment.id);
    const skills = referential.skillsByCompetence.get(assessment.competenceIndex);
    if (!skills) throw new UnknownCompetenceError(assessment.competenceIndex);
    return [...skills];
  }
  if (!assessment.targetSkillIds) throw new InvalidAssessmentTargetError(assessment.id);
  return assessment.targetSkillIds.flatMap((id) => {
    const skill = referential.skills.get(id);
    return skill ? [skill] : [];
  });
}

export function buildSelectionContext(input: SelectionContextInput): SelectionContext {
  const { assessment, referential, answers, now } = input;
  const targetSkills = targetSkillsOf(assessment, referential);
  const targetSkillIds = new Set(targetSkills.map((skill) => skill.id));
  const onTargets = input.knowledgeElements.filter((ke) => targetSkillIds.has(ke.skillId));
  const current = currentKnowledgeElements(onTargets);
  const knowledgeElements = assessment.isImproving
    ? forgetOldFailures({ knowledgeElements: current, referenceDate: assessment.createdAt })
    : current;

  const answered = new Set(answers.map((answer) => answer.challengeId));
  const locales = input.locales ?? [];
  const remainingChallengesBySkill = new Map<string, Challenge[]>();
  for (const skill of targetSkills) {
    const playable = referential.playableChallengesBySkill.get(skill.id) ?? [];
    remainingChallengesBySkill.set(
      skill.id,
      playable.filter((c) => !answered.has(c.id) && (locales.length === 0 || c.locales.some((l) => locales.includes(l)))),
    );
  }
  return {
    referential,
    assessment,
    seed: input.seed ?? assessment.id,
    now,
    targetSkills,
    targetSkillIds,
    knowledgeElements,
    testedSkillIds: new Set(knowledgeElements.map((ke) => ke.skillId)),
    answers,
    lastAnswer: answers.at(-1) ?? null,
    remainingChallengesBySkill,
    locales,
  };
}

export function isTimed(challenge: Challenge): boolean {
  return challenge.timer !== undefined && Number.isFinite(challenge.timer);
}
