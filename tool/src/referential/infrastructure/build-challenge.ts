import type { Challenge } from '../domain/referential.ts';
import { renderMarkdown } from '../../shared/markdown/index.ts';
import { buildChallengeAnswer, type ReportField } from './build-challenge-answer.ts';
import { defineLazyProperty } from './define-lazy-property.ts';
import type { ChallengeRecord } from './tube-file-schema.ts';

/** What an épreuve inherits from its acquis. */
export interface ChallengeSkill {
  id: string;
  tubeName: string;
  competenceIndex: string;
  level: number;
}

export const TIMER_RANGE = { min: 10, max: 600 } as const;
/** Without `irt`, an épreuve is as hard as its acquis (docs/adaptive-testing.md). */
export const DEFAULT_DISCRIMINATION = 1.5;

/**
 * Builds one épreuve of the domain from its validated record, checking what the schema cannot: the id
 * follows its acquis, the timer is sensible, the files it shows exist, and the answer matches the
 * proposals. Null when the proposals cannot be read (the error is reported).
 */
export function buildChallenge(
  record: ChallengeRecord,
  skill: ChallengeSkill,
  attachments: ReadonlySet<string>,
  report: ReportField,
): Challenge | null {
  const idPrefix = `${skill.id.slice(1)}-`;
  if (!record.id.startsWith(idPrefix) || record.id.length === idPrefix.length) {
    report('challenge.idPattern', 'id', `l’identifiant doit être « ${idPrefix}<lettre> », du nom de son acquis ${skill.id}`);
  }
  if (record.timer !== undefined && (record.timer < TIMER_RANGE.min || record.timer > TIMER_RANGE.max)) {
    report('timer.range', 'timer', `un temps limite va de ${TIMER_RANGE.min} à ${TIMER_RANGE.max} secondes (ici : ${record.timer})`);
  }
  checkFiles(record, attachments, report);

  const answer = buildChallengeAnswer(record, report);
  if (!answer) return null;

  const challenge: Challenge = {
    id: record.id,
    skillId: skill.id,
    tubeName: skill.tubeName,
    competenceIndex: skill.competenceIndex,
    level: skill.level,
    type: record.type,
    status: record.status,
    locales: record.locales ?? ['fr-fr'],
    instruction: record.instruction,
    instructionHtml: '',
    proposals: answer.proposals,
    solution: answer.solution,
    attachments: record.attachments ?? [],
    focused: record.focused ?? false,
    // Nothing declared means nothing to report ("RAS"), which upstream Pix counts as accessible.
    accessibility: record.accessibility ?? { blind: 'RAS', colorBlind: 'RAS' },
    irt: record.irt ?? { difficulty: skill.level, discrimination: DEFAULT_DISCRIMINATION },
  };
  defineLazyProperty(challenge, 'instructionHtml', () => renderMarkdown(record.instruction));
  if (record.alternativeInstruction !== undefined) challenge.alternativeInstruction = record.alternativeInstruction;
  if (record.type !== 'QCU' && record.type !== 'QCM' && record.format !== undefined) challenge.format = record.format;
  if ((record.type === 'QCU' || record.type === 'QCM') && record.shuffled === false) challenge.shuffled = false;
  if (record.illustration !== undefined) challenge.illustration = record.illustration;
  if (record.embed !== undefined) challenge.embed = record.embed;
  if (record.timer !== undefined) challenge.timer = record.timer;
  return challenge;
}

/** Every file shown by the épreuve lives in attachments/<id>/, named without any path. */
function checkFiles(record: ChallengeRecord, attachments: ReadonlySet<string>, report: ReportField): void {
  const files: Array<{ field: string; name: string }> = (record.attachments ?? []).map((name, index) => ({ field: `attachments[${index}]`, name }));
  if (record.illustration) files.push({ field: 'illustration.file', name: record.illustration.file });
  if (record.embed) files.push({ field: 'embed.file', name: record.embed.file });

  for (const { field, name } of files) {
    if (name.includes('/') || name.includes('\\') || name.includes('..') || name.startsWith('.')) {
      report('attachment.fileName', field, `« ${name} » : un simple nom de fichier est attendu, sans dossier ni « .. »`);
    } else if (!attachments.has(`${record.id}/${name}`)) {
      report('attachment.missing', field, `fichier introuvable : attachments/${record.id}/${name}`);
    }
  }
}
