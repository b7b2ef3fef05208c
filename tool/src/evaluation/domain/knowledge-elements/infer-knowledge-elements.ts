import type { Challenge, Referential, Skill } from '../../../referential/domain/referential.ts';
import { isSuccess, type AnswerRecord } from '../models/answer-record.ts';
import type { KnowledgeElement, KnowledgeElementSource, KnowledgeElementStatus } from '../models/knowledge-element.ts';
import { currentKnowledgeElements } from './current-knowledge-elements.ts';

export interface InferKnowledgeElementsInput {
  answer: AnswerRecord;
  challenge: Challenge;
  referential: Referential;
  /** The skills the assessment measures: no KE outside them. */
  targetSkillIds: ReadonlySet<string>;
  /** The KEs already written by this assessment: a skill assessed here is not assessed twice. */
  assessmentKnowledgeElements: readonly KnowledgeElement[];
  userId: string;
  now: Date;
}

/**
 * The KEs an answer creates (§2.2): a direct KE on the épreuve's acquis, then inference along its tube —
 * success validates the easier acquis, anything else (ko, « Je passe », timed out) invalidates the harder ones.
 * Inferred KEs are written even over knowledge from other assessments, to refresh it.
 */
export function inferKnowledgeElements(input: InferKnowledgeElementsInput): KnowledgeElement[] {
  const { answer, challenge, referential, targetSkillIds, userId, now } = input;
  const skill = referential.skills.get(challenge.skillId);
  const assessed = new Set(currentKnowledgeElements(input.assessmentKnowledgeElements).map((ke) => ke.skillId));
  if (!skill || !targetSkillIds.has(skill.id) || assessed.has(skill.id)) return [];

  const succeeded = isSuccess(answer.result);
  const status: KnowledgeElementStatus = succeeded ? 'validated' : 'invalidated';
  const make = (target: Skill, source: KnowledgeElementSource): KnowledgeElement => ({
    userId,
    assessmentId: answer.assessmentId,
    answerId: answer.id,
    skillId: target.id,
    competenceIndex: target.competenceIndex,
    source,
    status,
    earnedPix: succeeded ? target.pixValue : 0,
    createdAt: now,
  });

  const inferred = (referential.skillsByTube.get(skill.tubeName) ?? [])
    .filter((other) => other.id !== skill.id && targetSkillIds.has(other.id) && !assessed.has(other.id))
    .filter((other) => (succeeded ? other.level < skill.level : other.level > skill.level))
    .map((other) => make(other, 'inferred'));
  return [make(skill, 'direct'), ...inferred];
}
