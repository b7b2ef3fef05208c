import type { Area, Challenge, Competence, Referential, Skill, Tube, Tutorial } from '../domain/referential.ts';
import type { BuiltTube } from './build-tube.ts';
import type { FrameworkFile } from './framework-file.ts';
import { compareCodeUnits } from './read-referential-files.ts';

/** Most Pix an acquis can be worth, and the Pix shared by the playable acquis of one competence and level. */
const MAX_PIX_VALUE = 4;
const PIX_PER_LEVEL = 8;

/**
 * Puts the built tubes together into the indexed, read-only referential the engine queries. Every list is
 * sorted by id so that two loads of the same files give the same referential, whatever the file system's
 * order; every competence and skill has an entry in the indexes, possibly empty.
 */
export function assembleReferential(version: string, framework: FrameworkFile | null, builtTubes: BuiltTube[]): Referential {
  const tubes = builtTubes.map((built) => built.tube).sort((a, b) => compareCodeUnits(a.name, b.name));
  const challenges = builtTubes.flatMap((built) => built.challenges).sort(byId);
  const tutorials = builtTubes.flatMap((built) => built.tutorials).sort(byId);
  const skills = withPixValues(builtTubes.flatMap((built) => built.skills), challenges).sort(byId);

  const areas: Area[] = (framework?.areas ?? []).map((area) => ({
    code: area.code,
    name: area.name,
    color: area.color,
    competenceIndexes: area.competences.map((competence) => competence.index),
  }));
  const competences = new Map<string, Competence>();
  for (const area of framework?.areas ?? []) {
    for (const competence of area.competences) {
      competences.set(competence.index, {
        index: competence.index,
        areaCode: area.code,
        name: competence.name,
        description: competence.description,
        lsuCode: competence.lsuCode,
        tubeNames: tubes.filter((tube) => tube.competenceIndex === competence.index).map((tube) => tube.name),
      });
    }
  }

  const playable = challenges.filter((challenge) => challenge.status === 'validé');
  return {
    version,
    areas,
    competences,
    tubes: new Map(tubes.map((tube): [string, Tube] => [tube.name, tube])),
    skills: new Map(skills.map((skill): [string, Skill] => [skill.id, skill])),
    challenges: new Map(challenges.map((challenge): [string, Challenge] => [challenge.id, challenge])),
    tutorials: new Map(tutorials.map((tutorial): [string, Tutorial] => [tutorial.id, tutorial])),
    skillsByCompetence: groupBy(skills, (skill) => skill.competenceIndex, [...competences.keys()]),
    // Ids of one tube differ only by their level digit: id order is easiest first.
    skillsByTube: groupBy(skills, (skill) => skill.tubeName, tubes.map((tube) => tube.name)),
    playableChallengesBySkill: groupBy(playable, (challenge) => challenge.skillId, skills.map((skill) => skill.id)),
    challengesByCompetence: groupBy(challenges, (challenge) => challenge.competenceIndex, [...competences.keys()]),
  };
}

/** pixValue = min(4, 8 ÷ N), N = playable acquis of the same competence and level; 0 when not playable. */
function withPixValues(skills: Skill[], challenges: Challenge[]): Skill[] {
  const playableSkillIds = new Set(challenges.filter((challenge) => challenge.status === 'validé').map((challenge) => challenge.skillId));
  const playableCount = new Map<string, number>();
  for (const skill of skills) {
    if (!playableSkillIds.has(skill.id)) continue;
    const key = `${skill.competenceIndex}|${skill.level}`;
    playableCount.set(key, (playableCount.get(key) ?? 0) + 1);
  }
  return skills.map((skill) => {
    const count = playableSkillIds.has(skill.id) ? (playableCount.get(`${skill.competenceIndex}|${skill.level}`) ?? 0) : 0;
    return { ...skill, pixValue: count === 0 ? 0 : Math.min(MAX_PIX_VALUE, PIX_PER_LEVEL / count) };
  });
}

/** Groups already sorted items, keeping their order; `keys` get an entry even when nothing falls in them. */
function groupBy<T>(items: T[], keyOf: (item: T) => string, keys: string[]): Map<string, T[]> {
  const groups = new Map<string, T[]>(keys.map((key) => [key, []]));
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

function byId(a: { id: string }, b: { id: string }): number {
  return compareCodeUnits(a.id, b.id);
}
