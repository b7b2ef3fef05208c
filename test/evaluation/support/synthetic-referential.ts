import type { Challenge, ChallengeType, Competence, Referential, Skill, Tube } from '../../../tool/src/referential/domain/referential.ts';
import { computeSkillPixValues } from '../../../tool/src/evaluation/domain/scoring/skill-pix-values.ts';

/** A tube of a synthetic referential: its levels and how its épreuves look. */
export interface TubeSpec {
  name: string;
  levels: number[];
  /** Épreuves per acquis (default 2). */
  challengesPerSkill?: number;
  /** Levels whose épreuves are timed. */
  timedLevels?: number[];
  /** Levels without any validated épreuve (their acquis are not playable). */
  unplayableLevels?: number[];
  type?: ChallengeType;
  /** QCU proposals count (default 4). */
  proposals?: number;
}

export interface CompetenceSpec {
  index: string;
  tubes: TubeSpec[];
}

const text = (fr: string) => ({ fr, en: fr });

/** A small in-memory referential with the loader's indexes, for unit tests of the evaluation domain. */
export function buildSyntheticReferential(competenceSpecs: CompetenceSpec[]): Referential {
  const competences = new Map<string, Competence>();
  const tubes = new Map<string, Tube>();
  const rawSkills: Array<Omit<Skill, 'pixValue'>> = [];
  const challenges = new Map<string, Challenge>();
  const playable = new Map<string, Challenge[]>();

  for (const spec of competenceSpecs) {
    competences.set(spec.index, {
      index: spec.index,
      areaCode: spec.index.split('.')[0]!,
      name: text(`Compétence ${spec.index}`),
      description: text(''),
      lsuCode: `CN_${spec.index}`,
      tubeNames: spec.tubes.map((t) => t.name),
    });
    for (const tubeSpec of spec.tubes) {
      const levels = [...tubeSpec.levels].sort((a, b) => a - b);
      tubes.set(tubeSpec.name, {
        name: tubeSpec.name,
        competenceIndex: spec.index,
        title: text(tubeSpec.name),
        description: text(''),
        skillIds: levels.map((level) => `@${tubeSpec.name}${level}`),
        maxLevel: Math.max(...levels),
      });
      for (const level of levels) {
        const skillId = `@${tubeSpec.name}${level}`;
        rawSkills.push({ id: skillId, tubeName: tubeSpec.name, competenceIndex: spec.index, level, hint: text(''), tutorialIds: [] });
        const list: Challenge[] = [];
        if (tubeSpec.unplayableLevels?.includes(level)) {
          playable.set(skillId, list);
          continue;
        }
        for (let i = 0; i < (tubeSpec.challengesPerSkill ?? 2); i += 1) {
          const challenge = makeChallenge({ tubeSpec, skillId, competenceIndex: spec.index, level, letter: String.fromCharCode(97 + i) });
          challenges.set(challenge.id, challenge);
          list.push(challenge);
        }
        playable.set(skillId, list);
      }
    }
  }

  const pixValues = computeSkillPixValues({ skills: rawSkills, isPlayable: (id) => (playable.get(id)?.length ?? 0) > 0 });
  const skills = new Map(rawSkills.map((s) => [s.id, { ...s, pixValue: pixValues.get(s.id) ?? 0 }] as const));
  const group = <T, K>(items: Iterable<T>, key: (item: T) => K) => {
    const map = new Map<K, T[]>();
    for (const item of items) map.set(key(item), [...(map.get(key(item)) ?? []), item]);
    return map;
  };
  return {
    version: 'synthetic',
    areas: [],
    competences,
    tubes,
    skills,
    challenges,
    tutorials: new Map(),
    skillsByCompetence: group(skills.values(), (s) => s.competenceIndex),
    skillsByTube: group(skills.values(), (s) => s.tubeName),
    playableChallengesBySkill: playable,
    challengesByCompetence: group(challenges.values(), (c) => c.competenceIndex),
  };
}

function makeChallenge({
  tubeSpec,
  skillId,
  competenceIndex,
  level,
  letter,
}: {
  tubeSpec: TubeSpec;
  skillId: string;
  competenceIndex: string;
  level: number;
  letter: string;
}): Challenge {
  const type = tubeSpec.type ?? 'QCU';
  const id = `${tubeSpec.name}${level}-${letter}`;
  const choices = Array.from({ length: tubeSpec.proposals ?? 4 }, (_, i) => `choix ${i + 1}`);
  return {
    id,
    skillId,
    tubeName: tubeSpec.name,
    competenceIndex,
    level,
    type,
    status: 'validé',
    locales: ['fr-fr'],
    instruction: `Épreuve ${id}`,
    instructionHtml: `<p>Épreuve ${id}</p>`,
    proposals: type === 'QCU' || type === 'QCM' ? { kind: 'choices', choicesHtml: choices } : { kind: 'blocks', parsed: { lines: [], blocks: [] } },
    solution:
      type === 'QCU'
        ? { type: 'QCU', value: 1 }
        : type === 'QCM'
          ? { type: 'QCM', values: [1, 2] }
          : { type: 'QROC', accepted: ['réponse'], treatments: ['t1'], blockKind: 'input' },
    attachments: [],
    ...(tubeSpec.timedLevels?.includes(level) ? { timer: 60 } : {}),
    focused: false,
    accessibility: { blind: 'OK', colorBlind: 'OK' },
    irt: { difficulty: level, discrimination: 1.5 },
  };
}

/** A bank shaped like a real competence: 7 tubes from easy (max level ≤ 3) to expert, a few timed épreuves. */
export function realisticCompetence(index: string, prefix: string): CompetenceSpec {
  return {
    index,
    tubes: [
      { name: `${prefix}A`, levels: [1, 2, 3], challengesPerSkill: 2 },
      { name: `${prefix}B`, levels: [1, 2, 3, 4], challengesPerSkill: 2, type: 'QROC' },
      { name: `${prefix}C`, levels: [2, 3, 4, 5, 6], challengesPerSkill: 2, timedLevels: [4] },
      { name: `${prefix}D`, levels: [2, 3, 4, 5], challengesPerSkill: 2, type: 'QROC' },
      { name: `${prefix}E`, levels: [3, 4, 5, 6, 7], challengesPerSkill: 2 },
      { name: `${prefix}F`, levels: [1, 2, 3, 4, 5, 6], challengesPerSkill: 2, type: 'QCM' },
      { name: `${prefix}G`, levels: [3, 4, 5, 6], challengesPerSkill: 2, type: 'QROC', timedLevels: [6] },
    ],
  };
}
