import { resolve } from 'node:path';
import { failure, ok, type CliCommand } from '../command.ts';
import { importRoster, type ImportProgress } from '../../gar/application/usecases/import-roster.ts';
import { createRosterRepository } from '../../gar/infrastructure/roster-repository.ts';
import { AppError } from '../../shared/domain/errors.ts';

/** A progress bar on stderr, only for a person at a terminal. */
function progressBar(enabled: boolean) {
  if (!enabled) return undefined;
  return (progress: ImportProgress) => {
    if (progress.phase === 'read') process.stderr.write(`\r  Lecture du fichier… ${progress.pupils} élèves`);
    else {
      const width = 30;
      const filled = progress.total ? Math.round((progress.done / progress.total) * width) : width;
      process.stderr.write(`\r  Enregistrement [${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${progress.done}/${progress.total}   `);
      if (progress.done === progress.total) process.stderr.write('\n');
    }
  };
}

export const rosterImportCommand: CliCommand = {
  words: ['roster', 'import'],
  usage: 'roster import --uai 0000000A FICHIER [--json]',
  summary: 'Importe la liste des élèves d’un établissement (export SIECLE XML/ZIP ou CSV INE;Nom;Prénom;Date de naissance;Classe[;ELEVE_ID])',
  needsDatabase: true,
  async run({ args, options, container }) {
    const uai = typeof options.uai === 'string' ? options.uai.toUpperCase() : '';
    const file = args[0];
    if (!/^[0-9]{7}[A-Z]$/.test(uai) || !file) return failure('CLI_USAGE', 'Usage : npx pix-embed roster import --uai 0000000A FICHIER [--json]', 2);
    try {
      const report = await importRoster(
        { roster: createRosterRepository(container!.database.db), organizations: container!.organizations, clock: container!.clock },
        { uai, path: resolve(file), byUserId: null, onProgress: progressBar(options.json !== true && process.stderr.isTTY === true) },
      );
      const lines = [
        `${report.imported} élèves ajoutés, ${report.updated} mis à jour, ${report.inactivated} inactivés, ${report.errors.length} erreurs.`,
        ...report.errors.slice(0, 200).map((e) => `  ligne ${e.line} — ${e.field} : ${e.reason}`),
        ...(report.errors.length > 200 ? [`  … et ${report.errors.length - 200} autres (--json pour tout voir)`] : []),
      ];
      return { ...ok(report, lines.join('\n')), exitCode: report.errors.length ? 3 : 0 };
    } catch (error) {
      if (error instanceof AppError) return failure(error.code, error.message);
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return failure('ROSTER_FILE_NOT_FOUND', `Fichier introuvable : ${file}`);
      throw error;
    }
  },
};
