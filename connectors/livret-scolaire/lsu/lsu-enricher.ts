import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { CnCode } from './cn-codes.ts';
import { attributes, declaredEncoding, decodeBytes, encodeText, escapeXml, scanXml, type XmlEncoding } from './xml-scanner.ts';

/** A pupil as the school's LSU file lists her (`donnees/eleves/eleve`). */
export interface LsuFilePupil {
  /** The document's xs:ID, referred to by `eleve-ref`. */
  ref: string;
  /** Base Élèves / SIECLE ELEVE_ID. */
  idBe: string;
  lastName: string;
  firstName: string;
  division: string;
  /** How many `bilan-periodique` the file holds for her. */
  periodicReports: number;
}

export interface LsuInspection {
  schemaVersion: string;
  uai: string;
  encoding: XmlEncoding;
  pupils: LsuFilePupil[];
  /** For each pupil ref, the document position (0-based, among all bilan-periodique) of her last report. */
  lastReportPosition: Map<string, number>;
}

/** What to write for one pupil: levels already mapped to 1–3 (codes left out are not positioned). */
export interface CompetencesNumeriquesBlock {
  levels: ReadonlyArray<{ code: CnCode; niveau: 1 | 2 | 3 }>;
  /** Replaces the report's own appreciation-num when given; otherwise the existing one is kept as is. */
  appreciation?: string;
}

/** First pass: the header, the pupils and which periodic report is each pupil's last. Streams the file. */
export async function inspectLsu(path: string): Promise<LsuInspection> {
  let encoding: XmlEncoding = 'utf-8';
  let schemaVersion = '';
  let uai = '';
  let inEtablissement = false;
  const pupils: LsuFilePupil[] = [];
  const byRef = new Map<string, LsuFilePupil>();
  const periods = new Map<string, number>();
  const lastReport = new Map<string, { rank: number; position: number }>();
  let position = 0;
  let first = true;
  for await (const token of scanXml(path)) {
    if (first && token.kind === 'other' && token.raw.startsWith('<?xml')) encoding = declaredEncoding(token.raw);
    first = false;
    if (token.kind === 'open') {
      switch (token.name) {
        case 'lsun-bilans':
          schemaVersion = attributes(token.raw).get('schemaVersion') ?? '';
          break;
        case 'etablissement':
          inEtablissement = !token.selfClosing;
          break;
        case 'eleve': {
          const a = attributes(token.raw);
          const pupil: LsuFilePupil = {
            ref: a.get('id') ?? '',
            idBe: a.get('id-be') ?? '',
            lastName: decodeBytes(a.get('nom') ?? '', encoding),
            firstName: decodeBytes(a.get('prenom') ?? '', encoding),
            division: decodeBytes(a.get('code-division') ?? '', encoding),
            periodicReports: 0,
          };
          pupils.push(pupil);
          byRef.set(pupil.ref, pupil);
          break;
        }
        case 'periode': {
          const a = attributes(token.raw);
          periods.set(a.get('id') ?? '', Number(a.get('millesime') ?? 0) * 100 + Number(a.get('indice') ?? 0));
          break;
        }
        case 'bilan-periodique': {
          const a = attributes(token.raw);
          const ref = a.get('eleve-ref') ?? '';
          const pupil = byRef.get(ref);
          if (pupil) pupil.periodicReports += 1;
          const rank = periods.get(a.get('periode-ref') ?? '') ?? 0;
          const known = lastReport.get(ref);
          if (!known || rank >= known.rank) lastReport.set(ref, { rank, position });
          position += 1;
          break;
        }
        default:
          break;
      }
    } else if (token.kind === 'text' && inEtablissement) {
      uai += decodeBytes(token.raw, encoding);
    } else if (token.kind === 'close' && token.name === 'etablissement') {
      inEtablissement = false;
    }
  }
  return {
    schemaVersion,
    uai: uai.trim().toUpperCase(),
    encoding,
    pupils,
    lastReportPosition: new Map([...lastReport].map(([ref, { position: p }]) => [ref, p])),
  };
}

export interface WriteResult {
  /** Periodic reports whose competences-numeriques block was written. */
  reportsWritten: number;
  /** Pupil refs that got at least one block. */
  pupilsWritten: Set<string>;
}

/**
 * Second pass: copies the file byte for byte, writing the `competences-numeriques` block of the chosen
 * periodic reports (all of them, or only each pupil's last one). The block sits right after `liste-acquis`,
 * where the schema's sequence wants it; an existing block is replaced, keeping its `comp-num-commun-refs`
 * attribute and (unless a new one is given) its `appreciation-num` exactly as they were.
 */
export async function writeEnrichedLsu(input: {
  inputPath: string;
  outputPath: string;
  inspection: LsuInspection;
  /** By pupil ref (the file's `eleve/@id`). */
  blocks: ReadonlyMap<string, CompetencesNumeriquesBlock>;
  lastReportOnly: boolean;
}): Promise<WriteResult> {
  const { inspection, blocks } = input;
  const out = createWriteStream(input.outputPath);
  const failed = new Promise<never>((_resolve, reject) => out.once('error', reject));
  failed.catch(() => undefined);
  let pending: string[] = [];
  let pendingLength = 0;
  const flush = async () => {
    if (!pending.length) return;
    const ok = out.write(Buffer.from(pending.join(''), 'latin1'));
    pending = [];
    pendingLength = 0;
    if (!ok) await Promise.race([once(out, 'drain'), failed]);
  };
  const emit = (raw: string) => {
    pending.push(raw);
    pendingLength += raw.length;
  };

  let newline = '\n';
  let newlineKnown = false;
  let position = -1;
  let target: CompetencesNumeriquesBlock | null = null;
  let lastText = '';
  let acquisIndent = '';
  /** After </liste-acquis> of a target report: whitespace waiting to see what comes next. */
  let afterAcquis: string[] | null = null;
  /** Inside an existing competences-numeriques being replaced. */
  let replacing: { attributesRaw: string; appreciation: string[] | null; inAppreciation: boolean; selfClosing: boolean } | null = null;
  let reportsWritten = 0;
  const pupilsWritten = new Set<string>();
  let currentRef = '';

  const block = (kept: { commonRefsRaw: string; appreciationRaw: string | null }): string => {
    const inner = `${acquisIndent}${acquisIndent.includes('\t') ? '\t' : '    '}`;
    const lines: string[] = [];
    if (target?.appreciation !== undefined) {
      lines.push(`${inner}<appreciation-num>${encodeText(escapeXml(target.appreciation), inspection.encoding)}</appreciation-num>`);
    } else if (kept.appreciationRaw !== null) lines.push(`${inner}${kept.appreciationRaw}`);
    for (const level of target?.levels ?? []) lines.push(`${inner}<competence-num code="${level.code}" niveau="${level.niveau}"/>`);
    reportsWritten += 1;
    pupilsWritten.add(currentRef);
    if (!lines.length) return `<competences-numeriques${kept.commonRefsRaw}/>`;
    return `<competences-numeriques${kept.commonRefsRaw}>${newline}${lines.join(newline)}${newline}${acquisIndent}</competences-numeriques>`;
  };

  for await (const token of scanXml(input.inputPath)) {
    if (!newlineKnown && token.kind === 'text' && token.raw.includes('\n')) {
      newline = token.raw.includes('\r\n') ? '\r\n' : '\n';
      newlineKnown = true;
    }
    if (replacing) {
      if (token.kind === 'close' && token.name === 'competences-numeriques') {
        emit(block({ commonRefsRaw: replacing.attributesRaw, appreciationRaw: replacing.appreciation?.join('') ?? null }));
        replacing = null;
      } else if (token.kind === 'open' && token.name === 'appreciation-num') {
        replacing.appreciation = [token.raw];
        replacing.inAppreciation = !token.selfClosing;
      } else if (replacing.inAppreciation && replacing.appreciation) {
        replacing.appreciation.push(token.raw);
        if (token.kind === 'close' && token.name === 'appreciation-num') replacing.inAppreciation = false;
      }
      continue;
    }
    if (afterAcquis) {
      if (token.kind === 'text') {
        afterAcquis.push(token.raw);
        continue;
      }
      const waiting = afterAcquis;
      afterAcquis = null;
      if (token.kind === 'open' && token.name === 'competences-numeriques') {
        for (const raw of waiting) emit(raw);
        const commonRefs = /\scomp-num-commun-refs\s*=\s*("[^"]*"|'[^']*')/.exec(token.raw)?.[0] ?? '';
        if (token.selfClosing) emit(block({ commonRefsRaw: commonRefs, appreciationRaw: null }));
        else replacing = { attributesRaw: commonRefs, appreciation: null, inAppreciation: false, selfClosing: false };
        continue;
      }
      emit(`${newline}${acquisIndent}${block({ commonRefsRaw: '', appreciationRaw: null })}`);
      for (const raw of waiting) emit(raw);
    }
    if (token.kind === 'open' && token.name === 'bilan-periodique' && !token.selfClosing) {
      position += 1;
      currentRef = attributes(token.raw).get('eleve-ref') ?? '';
      const candidate = blocks.get(currentRef) ?? null;
      target = candidate && (!input.lastReportOnly || inspection.lastReportPosition.get(currentRef) === position) ? candidate : null;
    } else if (token.kind === 'close' && token.name === 'bilan-periodique') {
      target = null;
    } else if (target && token.kind === 'open' && token.name === 'liste-acquis') {
      acquisIndent = /[ \t]*$/.exec(lastText)?.[0] ?? '';
    } else if (target && token.kind === 'close' && token.name === 'liste-acquis') {
      emit(token.raw);
      afterAcquis = [];
      continue;
    }
    if (token.kind === 'text') lastText = token.raw;
    emit(token.raw);
    if (pendingLength > 64 * 1024) await flush();
  }
  await flush();
  out.end();
  await Promise.race([once(out, 'finish'), failed]);
  return { reportsWritten, pupilsWritten };
}
