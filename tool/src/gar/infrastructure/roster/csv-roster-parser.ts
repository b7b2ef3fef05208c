import { normalizeName } from '../../domain/name-matching.ts';
import { parseFrenchDate, rejectDuplicates, validateRosterPupil, type ParsedRoster, type RosterLineError, type RosterPupil } from '../../domain/roster/roster-pupil.ts';
import { parseSiecleEleveId, rejectSharedSiecleIds } from '../../domain/roster/siecle-eleve-id.ts';
import { RosterError } from './roster-errors.ts';

/**
 * The CSV roster `INE;Nom;Prénom;Date de naissance;Classe[;ELEVE_ID]` (`;` or `,`, quoted fields allowed,
 * columns found by their header, compared without case, accents, spaces or punctuation), streamed: feed
 * decoded text chunks, then `end()`. Lines are physical lines of the file.
 */
const COLUMNS = { ine: 'ine', nom: 'lastName', prenom: 'firstName', datedenaissance: 'birthdate', classe: 'division' } as const;
/** The optional SIECLE ELEVE_ID column (the LSU `id-be`), under the names a school would give it, normalised. */
const SIECLE_ID_HEADERS = new Set(['eleveid', 'siecleeleveid', 'identifiantsiecle', 'idsiecle', 'siecleid', 'identifiantelevesiecle', 'idelevesiecle', 'idbe', 'identifiantbaseeleves']);
type Column = keyof typeof COLUMNS | 'eleveid';

export function createCsvRosterParser() {
  let buffer = '';
  let line = 1;
  let separator: string | null = null;
  let header: Array<Column | null> | null = null;
  const rows: Array<{ pupil: RosterPupil; line: number }> = [];
  const errors: RosterLineError[] = [];
  const ineWithErrors: string[] = [];

  /** Splits one record; returns null when a quoted field runs past the end of the buffer. */
  function splitRecord(text: string, from: number, sep: string): { fields: string[]; next: number; lines: number } | null {
    const fields: string[] = [];
    let field = '';
    let i = from;
    let lines = 0;
    let quoted = false;
    for (;;) {
      if (i >= text.length) return null;
      const c = text[i]!;
      if (quoted) {
        if (c === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          if (i + 1 >= text.length) return null;
          quoted = false;
        } else {
          if (c === '\n') lines += 1;
          field += c;
        }
        i += 1;
      } else if (c === '"' && field === '') {
        quoted = true;
        i += 1;
      } else if (c === sep) {
        fields.push(field);
        field = '';
        i += 1;
      } else if (c === '\n' || c === '\r') {
        fields.push(field);
        const next = c === '\r' && text[i + 1] === '\n' ? i + 2 : c === '\r' && i + 1 >= text.length ? -1 : i + 1;
        if (next === -1) return null;
        return { fields, next, lines: lines + 1 };
      } else {
        field += c;
        i += 1;
      }
    }
  }

  function handle(fields: string[], recordLine: number) {
    if (fields.every((f) => f.trim() === '')) return;
    if (!header) {
      header = fields.map((f): Column | null => {
        const key = normalizeName(f);
        if (SIECLE_ID_HEADERS.has(key)) return 'eleveid';
        return key in COLUMNS ? (key as keyof typeof COLUMNS) : null;
      });
      const missing = Object.keys(COLUMNS).filter((k) => !header!.includes(k as keyof typeof COLUMNS));
      if (missing.length) {
        throw new RosterError('ROSTER_FORMAT_UNKNOWN', `En-tête CSV attendu : INE;Nom;Prénom;Date de naissance;Classe[;ELEVE_ID] (colonnes manquantes : ${missing.join(', ')}).`, { line: recordLine });
      }
      return;
    }
    const value = (key: Column) => (header!.includes(key) ? (fields[header!.indexOf(key)] ?? '') : '').trim();
    const rawDate = value('datedenaissance');
    const birthdate = rawDate ? parseFrenchDate(rawDate) : null;
    const pupil: RosterPupil = {
      ine: value('ine').toUpperCase(),
      siecleEleveId: null,
      lastName: value('nom'),
      preferredLastName: null,
      firstName: value('prenom'),
      middleName: null,
      thirdName: null,
      sex: null,
      birthdate: birthdate ?? '',
      birthCountryCode: null,
      birthCityCode: null,
      birthDepartmentCode: null,
      birthCity: null,
      mefCode: null,
      status: null,
      division: value('classe'),
    };
    const lineErrors = validateRosterPupil(pupil, recordLine);
    if (!rawDate) lineErrors.push({ line: recordLine, field: 'Date de naissance', reason: 'obligatoire' });
    else if (!birthdate) lineErrors.push({ line: recordLine, field: 'Date de naissance', reason: `date invalide « ${rawDate} » (jj/mm/aaaa)` });
    // An empty cell is no id (the pupil keeps any id stored before); a typed one must be a real ELEVE_ID.
    const rawSiecleId = value('eleveid');
    if (rawSiecleId) {
      const siecleId = parseSiecleEleveId(rawSiecleId);
      if ('value' in siecleId) pupil.siecleEleveId = siecleId.value;
      else lineErrors.push({ line: recordLine, field: 'ELEVE_ID', reason: siecleId.reason });
    }
    const named = lineErrors.map((e) => ({ ...e, field: { NOM: 'Nom', PRENOM: 'Prénom', CLASSE: 'Classe' }[e.field] ?? e.field }));
    if (named.length) {
      errors.push(...named);
      if (pupil.ine) ineWithErrors.push(pupil.ine);
    } else rows.push({ pupil, line: recordLine });
  }

  function pump(final: boolean) {
    if (line === 1 && buffer.charCodeAt(0) === 0xfeff) buffer = buffer.slice(1);
    if (separator === null) {
      const end = buffer.search(/\r|\n/);
      if (end === -1 && !final) return;
      const first = end === -1 ? buffer : buffer.slice(0, end);
      separator = (first.match(/;/g)?.length ?? 0) >= (first.match(/,/g)?.length ?? 0) ? ';' : ',';
    }
    let pos = 0;
    for (;;) {
      if (pos >= buffer.length) break;
      const text = final && !/[\r\n]$/.test(buffer) ? `${buffer}\n` : buffer;
      const record = splitRecord(text, pos, separator);
      if (!record) {
        if (final) throw new RosterError('ROSTER_MALFORMED', `Guillemet non fermé (ligne ${line}).`, { line });
        break;
      }
      handle(record.fields, line);
      line += record.lines;
      pos = record.next;
      if (final && pos >= buffer.length) break;
    }
    buffer = buffer.slice(Math.min(pos, buffer.length));
  }

  return {
    write(chunk: string) {
      buffer += chunk;
      pump(false);
    },
    end(): ParsedRoster {
      pump(true);
      if (!header) throw new RosterError('ROSTER_EMPTY', 'Fichier CSV vide.');
      const { unique: uniqueIne, errors: duplicates } = rejectDuplicates(rows);
      const { unique, errors: sharedIds, rejectedIne } = rejectSharedSiecleIds(uniqueIne);
      return {
        format: 'CSV',
        uai: null,
        pupils: unique.map((r) => r.pupil),
        errors: [...errors, ...duplicates, ...sharedIds].sort((a, b) => a.line - b.line),
        ineWithErrors: [...ineWithErrors, ...rejectedIne],
        lines: unique.map((r) => r.line),
      };
    },
  };
}
