import { resolve } from 'node:path';
import { failure, ok, type CliCommand } from '../command.ts';
import { exportLsu } from '../../livret/domain/usecases/export-lsu.ts';
import { parseLsuLevelMapping } from '../../livret/domain/lsu-level-mapping.ts';
import { AppError } from '../../shared/domain/errors.ts';

/** `export lsu`: the school's LSU export, enriched with the cycle 3 digital competences block. */
export const exportLsuCommand: CliCommand = {
  words: ['export', 'lsu'],
  usage: 'export lsu --uai 0000000A --in ECOLE.xml --out ENRICHI.xml [--last-only] [--appreciation TEXTE] [--mapping 0:-,1:1,…] [--json]',
  summary: 'Ajoute les compétences numériques (CM2, 6e) à l’export LSU de l’établissement ; liste les élèves écartés',
  needsDatabase: true,
  async run({ options, container }) {
    const uai = typeof options.uai === 'string' ? options.uai.toUpperCase() : '';
    const input = typeof options.in === 'string' ? options.in : '';
    const output = typeof options.out === 'string' ? options.out : '';
    if (!/^[0-9]{7}[A-Z]$/.test(uai) || !input || !output) return failure('CLI_USAGE', `Usage : npx pix-embed ${exportLsuCommand.usage}`, 2);
    if (resolve(input) === resolve(output)) return failure('CLI_USAGE', '--out doit être un autre fichier que --in.', 2);
    try {
      const livret = container!.livret;
      const mapping = typeof options.mapping === 'string' ? parseLsuLevelMapping(options.mapping) : livret.lsuLevelMapping;
      const report = await exportLsu({
        uai,
        inputPath: resolve(input),
        outputPath: resolve(output),
        displayName: input,
        lastReportOnly: options['last-only'] === true,
        ...(typeof options.appreciation === 'string' ? { appreciation: options.appreciation } : {}),
        mapping,
        lsu: livret.lsu,
        levels: livret.levels,
        organizations: livret.organizations,
      });
      const text = [
        `${report.enriched} élèves enrichis (${report.reportsWritten} bilans périodiques), schemaVersion ${report.schemaVersion} → ${output}`,
        ...(report.rosterWithoutSiecleId ? [`${report.rosterWithoutSiecleId} élèves de la liste importée n’ont pas d’identifiant SIECLE (ELEVE_ID) : importez l’export SIECLE, ou ajoutez la colonne ELEVE_ID à la liste CSV, pour les retrouver. / Import the SIECLE export, or add the ELEVE_ID column to the CSV list.`] : []),
        ...(report.skipped.length ? [`${report.skipped.length} élèves écartés :`, ...report.skipped.map((s) => `  ${s.idBe}  ${s.name} (${s.division}) — ${s.reason}`)] : []),
      ].join('\n');
      return ok(
        {
          enriched: report.enriched,
          reportsWritten: report.reportsWritten,
          schemaVersion: report.schemaVersion,
          matchedBy: report.matchedBy,
          rosterWithoutSiecleId: report.rosterWithoutSiecleId,
          skipped: report.skipped.map((s) => ({ idBe: s.idBe, reason: s.reason })),
        },
        text,
      );
    } catch (error) {
      if (error instanceof AppError) {
        const details = error.details && typeof error.details === 'object' && 'messages' in error.details && Array.isArray(error.details.messages) ? error.details.messages.map(String) : [];
        return { json: { error: { code: error.code, message: error.message, ...(details.length ? { messages: details } : {}) } }, text: [error.message, ...details].join('\n'), exitCode: 1 };
      }
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return failure('LSU_FILE_NOT_FOUND', `Fichier introuvable : ${input}`);
      if (error instanceof Error && error.message.startsWith('Table de correspondance')) return failure('LSU_MAPPING_INVALID', error.message, 2);
      throw error;
    }
  },
};
