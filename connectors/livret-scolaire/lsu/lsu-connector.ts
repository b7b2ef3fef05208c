import { CN_CODES, cnCodeOfCompetence, type CnCode } from './cn-codes.ts';
import { inspectLsu, writeEnrichedLsu, type CompetencesNumeriquesBlock, type LsuInspection } from './lsu-enricher.ts';
import { validateLsuFile, type LsuSchemaSettings } from './lsu-schema-validator.ts';

/**
 * The LSU connector as the livret use cases see it (tool/src/livret/domain/livret-ports.ts, LsuConnector):
 * inspect, validate with xmllint, enrich. Files are streamed, never held whole.
 */
export function createLsuConnector(settings: LsuSchemaSettings) {
  const inspections = new WeakMap<object, LsuInspection>();
  const codes = CN_CODES.map(([code]) => code);
  const isCode = (code: string): code is CnCode => (codes as readonly string[]).includes(code);
  return {
    async inspect(path: string) {
      const inspection = await inspectLsu(path);
      inspections.set(inspection, inspection);
      return inspection;
    },
    validate: (path: string, schemaVersion: string, displayName: string) => validateLsuFile(path, schemaVersion, settings, displayName),
    async enrich(input: {
      inputPath: string;
      outputPath: string;
      file: object;
      blocks: ReadonlyMap<string, { levels: ReadonlyArray<{ code: string; niveau: 1 | 2 | 3 }>; appreciation?: string }>;
      lastReportOnly: boolean;
    }) {
      const inspection = inspections.get(input.file);
      if (!inspection) throw new Error('enrich() needs the object inspect() returned');
      const blocks = new Map<string, CompetencesNumeriquesBlock>();
      for (const [ref, block] of input.blocks) {
        blocks.set(ref, {
          levels: block.levels.flatMap((l) => (isCode(l.code) ? [{ code: l.code, niveau: l.niveau }] : [])),
          ...(block.appreciation !== undefined ? { appreciation: block.appreciation } : {}),
        });
      }
      const result = await writeEnrichedLsu({ inputPath: input.inputPath, outputPath: input.outputPath, inspection, blocks, lastReportOnly: input.lastReportOnly });
      return { reportsWritten: result.reportsWritten };
    },
    codeOf: (competenceIndex: string) => cnCodeOfCompetence(competenceIndex),
    codes: (): readonly string[] => codes,
  };
}
