import { ok, type CliCommand, type CommandResult } from '../command.ts';
import { loadReferential, type ReferentialError } from '../../referential/infrastructure/load-referential.ts';
import { DEFAULT_REFERENTIAL_DIR } from '../../referential/infrastructure/referential-dir.ts';
import { summarizeReferential, type ReferentialSummary } from '../../referential/infrastructure/summarize-referential.ts';

/** Validates the whole referential, content quality and coverage included, as authors run it after each edit. */
export const referentialCheckCommand: CliCommand = {
  words: ['referential', 'check'],
  usage: 'referential check [--json] [--dir <dossier>]',
  summary: 'Vérifie le référentiel (schéma, cohérence, doublons, couverture, indice de longueur) ; code 1 en cas d’erreur',
  needsDatabase: false,
  async run({ options }) {
    const dir = typeof options.dir === 'string' ? options.dir : DEFAULT_REFERENTIAL_DIR;
    const { referential, errors } = await loadReferential(dir, { checkSimilarity: true, checkCoverage: true, checkLengthCue: true, verifyYaml: true });
    const summary = summarizeReferential(referential, errors);
    const text = [`Référentiel ${dir} (version ${referential.version})`, '', ...summaryLines(summary), '', ...errorLines(errors)].join('\n');
    const result: CommandResult = ok(summary, text);
    return errors.length > 0 ? { ...result, exitCode: 1 } : result;
  },
};

function summaryLines(summary: ReferentialSummary): string[] {
  const types = Object.entries(summary.byType).map(([type, count]) => `${type} ${count}`);
  const rows = Object.entries(summary.byCompetence).map(
    ([index, competence]) =>
      `${index.padEnd(10)}  ${String(competence.skills).padStart(6)}  ${String(competence.challenges).padStart(8)}  ${competence.levels.join(' ')}`,
  );
  return [
    `${summary.areas} domaines · ${summary.competences} compétences · ${summary.tubes} sujets · ${summary.skills} acquis · ${summary.challenges} épreuves validées`,
    `Par type : ${types.join(' · ')}`,
    '',
    'Compétence  Acquis  Épreuves  Niveaux joués',
    ...rows,
  ];
}

/** Errors grouped by file, in file order, so that an author fixes one file at a time. */
function errorLines(errors: ReferentialError[]): string[] {
  if (errors.length === 0) return ['Référentiel valide.'];
  const byFile = new Map<string, ReferentialError[]>();
  for (const error of errors) byFile.set(error.file, [...(byFile.get(error.file) ?? []), error]);
  const lines = [`${errors.length} erreur(s) dans ${byFile.size} fichier(s) :`];
  for (const [file, fileErrors] of byFile) {
    lines.push('', file);
    for (const error of fileErrors) {
      const where = [error.id, error.field].filter((part) => part !== undefined).join(' · ');
      lines.push(`  ${where === '' ? '' : `${where}  `}[${error.rule}] ${error.message}`);
    }
  }
  lines.push('', `Référentiel invalide : ${errors.length} erreur(s).`);
  return lines;
}
