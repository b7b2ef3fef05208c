import type { Challenge, Skill, Tube, Tutorial } from '../domain/referential.ts';
import { renderMarkdown } from '../../shared/markdown/index.ts';
import { buildChallenge } from './build-challenge.ts';
import { defineLazyProperty } from './define-lazy-property.ts';
import type { ReportError } from './referential-error.ts';
import type { TubeFileRecords } from './validate-tube-file.ts';

/** One tube file turned into domain objects; skills' pixValue is set once the whole bank is known. */
export interface BuiltTube {
  /** Relative path of its file. */
  file: string;
  tube: Tube;
  skills: Skill[];
  tutorials: Tutorial[];
  challenges: Challenge[];
}

export interface TubeBuildContext {
  /** Competences of the framework; null when framework.yaml could not be read (nothing to check against). */
  competenceIndexes: ReadonlySet<string> | null;
  attachments: ReadonlySet<string>;
}

const SKILL_REFERENCE = /^@(.+)([1-8])$/;

/**
 * Builds a tube, its acquis, tutorials and épreuves, checking the file's own consistency: it is named
 * after its tube and lives in its competence's folder, acquis refer to tutorials of the file, épreuves
 * to acquis of the file.
 */
export function buildTube(file: string, records: TubeFileRecords, context: TubeBuildContext, report: ReportError): BuiltTube {
  const { header } = records;
  const [, folder = '', baseName = ''] = /^competences\/([^/]+)\/([^/]+)\.yaml$/.exec(file) ?? [];
  if (header.name !== baseName) {
    report('tube.fileName', `le fichier du sujet « ${header.name} » doit s’appeler ${header.name}.yaml`, { id: header.name, field: 'name' });
  }
  if (header.competence !== folder) {
    report('tube.folder', `un sujet de la compétence ${header.competence} est rangé dans competences/${header.competence}/`, { id: header.name, field: 'competence' });
  }
  if (context.competenceIndexes && !context.competenceIndexes.has(header.competence)) {
    report('tube.competenceUnknown', `la compétence ${header.competence} n’est pas dans framework.yaml`, { id: header.name, field: 'competence' });
  }

  const tutorials = records.tutorials.map((record): Tutorial => {
    if ((record.format === 'page') !== (record.body !== undefined)) {
      const message = record.format === 'page' ? 'un tutoriel « page » est écrit ici (body), sans url' : `un tutoriel « ${record.format} » pointe vers une adresse (url)`;
      report('tutorial.format', message, { id: record.id, field: 'format' });
    }
    const tutorial: Tutorial = { id: record.id, tubeName: header.name, title: record.title, format: record.format, durationMinutes: record.duration };
    if (record.source !== undefined) tutorial.source = record.source;
    if (record.url !== undefined) tutorial.url = record.url;
    const body = record.body;
    if (body !== undefined) {
      defineLazyProperty(tutorial, 'bodyHtml', () => renderMarkdown(body));
      defineLazyProperty(tutorial, 'bodyHtmlLinksAsText', () => renderMarkdown(body, { allowLinks: false }));
    }
    return tutorial;
  });
  const tutorialIds = new Set(tutorials.map((tutorial) => tutorial.id));

  const skillsByLevel = new Map<number, Skill>();
  for (const record of records.skills) {
    const id = `@${header.name}${record.level}`;
    if (skillsByLevel.has(record.level)) {
      report('skill.duplicateLevel', `le niveau ${record.level} est déclaré deux fois`, { id, field: 'level' });
      continue;
    }
    record.tutorials.forEach((tutorialId, index) => {
      if (!tutorialIds.has(tutorialId)) {
        report('skill.tutorialUnknown', `le tutoriel « ${tutorialId} » n’est pas défini dans ce fichier`, { id, field: `tutorials[${index}]` });
      }
    });
    skillsByLevel.set(record.level, {
      id,
      tubeName: header.name,
      competenceIndex: header.competence,
      level: record.level,
      hint: record.hint,
      tutorialIds: record.tutorials.filter((tutorialId) => tutorialIds.has(tutorialId)),
      pixValue: 0,
    });
  }
  const skills = [...skillsByLevel.values()].sort((a, b) => a.level - b.level);

  const challenges: Challenge[] = [];
  for (const record of records.challenges) {
    const reportField = (rule: string, field: string, message: string): void => report(rule, message, { id: record.id, field });
    const [, skillTube, skillLevel] = SKILL_REFERENCE.exec(record.skill) ?? [];
    const skill = skillTube === header.name ? skillsByLevel.get(Number(skillLevel)) : undefined;
    if (!skill) {
      const why = skillTube === header.name ? `le niveau ${skillLevel ?? '?'} n’est pas déclaré dans skills` : `ce fichier ne contient que les acquis @${header.name}<niveau>`;
      reportField('challenge.skillUnknown', 'skill', `acquis ${record.skill} inconnu : ${why}`);
      continue;
    }
    const challenge = buildChallenge(record, skill, context.attachments, reportField);
    if (challenge) challenges.push(challenge);
  }

  const tube: Tube = {
    name: header.name,
    competenceIndex: header.competence,
    title: header.title,
    description: header.description,
    skillIds: skills.map((skill) => skill.id),
    maxLevel: Math.max(0, ...skills.map((skill) => skill.level)),
  };
  return { file, tube, skills, tutorials, challenges };
}
