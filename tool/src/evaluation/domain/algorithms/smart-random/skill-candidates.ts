import type { Challenge, Skill } from '../../../../referential/domain/referential.ts';
import { isTimed } from '../selection-context.ts';

/** An acquis as smart random sees it (upstream `_getSkillsWithAddedInformations`). */
export interface SkillCandidate {
  skill: Skill;
  /** Its remaining épreuves. */
  challenges: Challenge[];
  isPlayable: boolean;
  /** Whether its first remaining épreuve is timed. */
  timed: boolean;
}

export interface SmartRandomTube {
  name: string;
  /** Only acquis that still have épreuves. */
  skills: Skill[];
  /** Difficulty of its hardest such acquis. */
  maxLevel: number;
}

export function describeSkills(
  targetSkills: readonly Skill[],
  remainingChallengesBySkill: ReadonlyMap<string, Challenge[]>,
): SkillCandidate[] {
  return targetSkills.map((skill) => {
    const challenges = remainingChallengesBySkill.get(skill.id) ?? [];
    const first = challenges[0];
    return { skill, challenges, isPlayable: challenges.length > 0, timed: first !== undefined && isTimed(first) };
  });
}

/** Tubes are built from the acquis that have épreuves only (upstream `_findTubes`). */
export function buildTubes(candidates: readonly SkillCandidate[]): Map<string, SmartRandomTube> {
  const tubes = new Map<string, SmartRandomTube>();
  for (const { skill, isPlayable } of candidates) {
    if (!isPlayable) continue;
    const tube = tubes.get(skill.tubeName);
    if (tube) {
      tube.skills.push(skill);
      tube.maxLevel = Math.max(tube.maxLevel, skill.level);
    } else tubes.set(skill.tubeName, { name: skill.tubeName, skills: [skill], maxLevel: skill.level });
  }
  return tubes;
}
