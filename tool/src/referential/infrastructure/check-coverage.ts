import type { ChallengeType, Referential } from '../domain/referential.ts';
import { FRAMEWORK_FILE } from './read-referential-files.ts';
import type { ReferentialError } from './referential-error.ts';
import { CHALLENGE_TYPES } from './tube-file-schema.ts';

/** What the bank must offer for a placement test to be meaningful at every level of every competence. */
export const COVERAGE_TARGETS = {
  competences: 16,
  tubesPerCompetence: 3,
  /** Every competence has acquis at each of these levels. */
  levels: [1, 2, 3, 4, 5, 6],
  challenges: 480,
  challengesPerCompetence: 30,
  /** Level 2 is where most pupils start: the engine needs choice there. */
  level2PerCompetence: 4,
  withAttachments: 30,
  timed: 10,
} as const;

const BANK = 'competences/';

/**
 * Checks the coverage targets (`coverage.*` rules) on the loaded bank; only `validé` épreuves count,
 * since only they are played. Tube files are located by the naming rules the loader enforces.
 */
export function checkCoverage(referential: Referential): ReferentialError[] {
  const errors: ReferentialError[] = [];
  const playable = [...referential.challenges.values()].filter((challenge) => challenge.status === 'validé');
  const targets = COVERAGE_TARGETS;

  if (referential.competences.size !== targets.competences) {
    errors.push({ file: FRAMEWORK_FILE, rule: 'coverage.competences', message: `${referential.competences.size} compétences dans le cadre, ${targets.competences} attendues` });
  }

  for (const competence of referential.competences.values()) {
    const where = { file: `${BANK}${competence.index}/`, id: competence.index };
    const tubeCount = competence.tubeNames.length;
    if (tubeCount < targets.tubesPerCompetence) {
      errors.push({ ...where, field: 'tubes', rule: 'coverage.tubes', message: `${tubeCount} sujet(s), au moins ${targets.tubesPerCompetence} attendus` });
    }
    const skillLevels = new Set((referential.skillsByCompetence.get(competence.index) ?? []).map((skill) => skill.level));
    const missingLevels = targets.levels.filter((level) => !skillLevels.has(level));
    if (missingLevels.length > 0) {
      errors.push({ ...where, field: 'skills', rule: 'coverage.levels', message: `aucun acquis de niveau ${missingLevels.join(', ')}` });
    }
    const competencePlayable = playable.filter((challenge) => challenge.competenceIndex === competence.index);
    if (competencePlayable.length < targets.challengesPerCompetence) {
      errors.push({
        ...where,
        field: 'challenges',
        rule: 'coverage.challengesPerCompetence',
        message: `${competencePlayable.length} épreuve(s) validée(s), au moins ${targets.challengesPerCompetence} attendues`,
      });
    }
    const level2 = competencePlayable.filter((challenge) => challenge.level === 2).length;
    if (level2 < targets.level2PerCompetence) {
      errors.push({ ...where, field: 'challenges', rule: 'coverage.level2', message: `${level2} épreuve(s) validée(s) de niveau 2, au moins ${targets.level2PerCompetence} attendues` });
    }
  }

  if (playable.length < targets.challenges) {
    errors.push({ file: BANK, field: 'challenges', rule: 'coverage.challenges', message: `${playable.length} épreuves validées, au moins ${targets.challenges} attendues` });
  }
  const withAttachments = playable.filter((challenge) => challenge.attachments.length > 0).length;
  if (withAttachments < targets.withAttachments) {
    errors.push({ file: BANK, field: 'attachments', rule: 'coverage.attachments', message: `${withAttachments} épreuves validées avec pièce jointe, au moins ${targets.withAttachments} attendues` });
  }
  const timed = playable.filter((challenge) => challenge.timer !== undefined).length;
  if (timed < targets.timed) {
    errors.push({ file: BANK, field: 'timer', rule: 'coverage.timed', message: `${timed} épreuves validées chronométrées, au moins ${targets.timed} attendues` });
  }

  for (const area of referential.areas) {
    const types = new Set<ChallengeType>(playable.filter((challenge) => area.competenceIndexes.includes(challenge.competenceIndex)).map((challenge) => challenge.type));
    const missing = CHALLENGE_TYPES.filter((type) => !types.has(type));
    if (missing.length > 0) {
      errors.push({ file: BANK, id: `domaine ${area.code}`, field: 'type', rule: 'coverage.types', message: `aucune épreuve validée de type ${missing.join(', ')} dans le domaine ${area.code}` });
    }
  }

  const playableSkills = new Set(playable.map((challenge) => challenge.skillId));
  for (const tube of referential.tubes.values()) {
    const file = `${BANK}${tube.competenceIndex}/${tube.name}.yaml`;
    const skills = referential.skillsByTube.get(tube.name) ?? [];
    for (const skill of skills) {
      if (!playableSkills.has(skill.id)) {
        errors.push({ file, id: skill.id, field: 'challenges', rule: 'coverage.skillChallenge', message: `l’acquis ${skill.id} n’a aucune épreuve validée` });
      }
    }
    if (!skills.some((skill) => skill.tutorialIds.length > 0)) {
      errors.push({ file, id: tube.name, field: 'tutorials', rule: 'coverage.tubeTutorial', message: `aucun acquis du sujet « ${tube.name} » ne propose de tutoriel` });
    }
  }
  return errors;
}
