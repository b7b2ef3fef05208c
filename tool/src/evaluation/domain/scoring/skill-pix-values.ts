import type { Skill } from '../../../referential/domain/referential.ts';
import { PIX_COUNT_BY_LEVEL } from '../evaluation-rules.ts';

/** A single acquis at a level is worth at most 4 pix (§1.6). */
const MAX_PIX_BY_SKILL = 4;

/**
 * pixValue of each acquis (§1.6): min(4, 8 ÷ N), N = playable acquis of the same competence and level; 0 for an
 * acquis without a validated épreuve. The referential loader stores it in Skill.pixValue; this is the rule, for
 * whoever builds a referential (and the tests).
 */
export function computeSkillPixValues({
  skills,
  isPlayable,
}: {
  skills: readonly Pick<Skill, 'id' | 'competenceIndex' | 'level'>[];
  isPlayable: (skillId: string) => boolean;
}): Map<string, number> {
  const countByCompetenceLevel = new Map<string, number>();
  const key = (skill: Pick<Skill, 'competenceIndex' | 'level'>) => `${skill.competenceIndex}#${skill.level}`;
  for (const skill of skills) {
    if (isPlayable(skill.id)) countByCompetenceLevel.set(key(skill), (countByCompetenceLevel.get(key(skill)) ?? 0) + 1);
  }
  const values = new Map<string, number>();
  for (const skill of skills) {
    const count = countByCompetenceLevel.get(key(skill)) ?? 0;
    values.set(skill.id, isPlayable(skill.id) && count > 0 ? Math.min(MAX_PIX_BY_SKILL, PIX_COUNT_BY_LEVEL / count) : 0);
  }
  return values;
}
