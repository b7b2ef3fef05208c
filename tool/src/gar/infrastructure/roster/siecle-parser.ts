import { parseFrenchDate, rejectDuplicates, validateRosterPupil, type ParsedRoster, type RosterLineError, type RosterPupil } from '../../domain/roster/roster-pupil.ts';
import { createXmlTokenizer, XmlSyntaxError, type XmlEvent } from '../xml/xml-tokenizer.ts';
import { RosterError } from './roster-errors.ts';

/**
 * SIECLE's pupil export (BEE_ELEVES), streamed: feed text chunks, then `end()`. The file's UAJ must be the
 * importing school's UAI (checked as soon as it is read: the whole file is refused). Pupils with a DATE_SORTIE
 * have left (skipped); pupils without a division (TYPE_STRUCTURE D, not « Inactifs ») are not imported.
 */
const ELEVE_FIELDS = new Set([
  'ID_NATIONAL',
  'NOM_DE_FAMILLE',
  'NOM_USAGE',
  'PRENOM',
  'PRENOM2',
  'PRENOM3',
  'CODE_SEXE',
  'DATE_NAISS',
  'CODE_PAYS',
  'CODE_COMMUNE_INSEE_NAISS',
  'CODE_DEPARTEMENT_NAISS',
  'VILLE_NAISS',
  'CODE_MEF',
  'CODE_STATUT',
  'DATE_SORTIE',
]);

interface EleveRecord {
  line: number;
  eleveId: string | null;
  fields: Map<string, string>;
}

export function createSiecleParser(expectedUai: string, onPupilRead?: (count: number) => void) {
  const path: string[] = [];
  let text = '';
  let uai: string | null = null;
  let current: EleveRecord | null = null;
  let structureOf: string | null = null;
  let structure: { code: string; type: string } | null = null;
  const eleves: EleveRecord[] = [];
  const divisions = new Map<string, string>();

  function onEvent(event: XmlEvent) {
    if (event.kind === 'open') {
      path.push(event.name);
      text = '';
      const depth = path.length;
      if (depth === 1 && event.name !== 'BEE_ELEVES') throw new RosterError('ROSTER_FORMAT_UNKNOWN', `Ce n’est pas un export SIECLE des élèves (racine <${event.name}>, BEE_ELEVES attendu).`);
      const attr = (name: string) => event.attributes.find((a) => a.name === name)?.value ?? null;
      if (depth === 4 && path[1] === 'DONNEES' && event.name === 'ELEVE') current = { line: event.line, eleveId: attr('ELEVE_ID'), fields: new Map() };
      if (depth === 4 && path[1] === 'DONNEES' && event.name === 'STRUCTURES_ELEVE') structureOf = attr('ELEVE_ID');
      if (depth === 5 && structureOf !== null && event.name === 'STRUCTURE') structure = { code: '', type: '' };
    } else if (event.kind === 'text') {
      text += event.text;
    } else if (event.kind === 'close') {
      const depth = path.length;
      const value = text.trim();
      if (depth === 3 && path[1] === 'PARAMETRES' && event.name === 'UAJ') {
        uai = value.toUpperCase();
        if (uai !== expectedUai.toUpperCase()) {
          throw new RosterError('ROSTER_UAI_MISMATCH', `Ce fichier est celui de l’établissement ${uai}, pas de ${expectedUai.toUpperCase()} : rien n’a été importé.`, { fileUai: uai });
        }
      }
      if (current && depth === 5 && ELEVE_FIELDS.has(event.name)) current.fields.set(event.name, value);
      if (current && depth === 4 && event.name === 'ELEVE') {
        eleves.push(current);
        current = null;
        if (eleves.length % 500 === 0) onPupilRead?.(eleves.length);
      }
      if (structure && depth === 6) {
        if (event.name === 'CODE_STRUCTURE') structure.code = value;
        if (event.name === 'TYPE_STRUCTURE') structure.type = value;
      }
      if (structure && depth === 5 && event.name === 'STRUCTURE') {
        if (structureOf && structure.type === 'D' && structure.code && structure.code.toLowerCase() !== 'inactifs') divisions.set(structureOf, structure.code);
        structure = null;
      }
      if (depth === 4 && event.name === 'STRUCTURES_ELEVE') structureOf = null;
      path.pop();
      text = '';
    }
  }

  const tokenizer = createXmlTokenizer(onEvent);
  const wrap = (action: () => void) => {
    try {
      action();
    } catch (error) {
      if (error instanceof XmlSyntaxError) {
        throw new RosterError(error.reason === 'DOCTYPE' ? 'ROSTER_DTD_FORBIDDEN' : 'ROSTER_MALFORMED', `XML invalide : ${error.message}`, { line: error.line });
      }
      throw error;
    }
  };

  return {
    write: (chunk: string) => wrap(() => tokenizer.write(chunk)),
    end(): ParsedRoster {
      wrap(() => tokenizer.end());
      if (uai === null) throw new RosterError('ROSTER_UAI_MISMATCH', 'Le fichier ne contient pas d’UAJ (PARAMETRES/UAJ) : impossible de vérifier l’établissement.');
      const rows: Array<{ pupil: RosterPupil; line: number }> = [];
      const errors: RosterLineError[] = [];
      const ineWithErrors: string[] = [];
      for (const eleve of eleves) {
        const f = (name: string) => eleve.fields.get(name) || null;
        if (f('DATE_SORTIE')) continue;
        const division = eleve.eleveId ? divisions.get(eleve.eleveId) : undefined;
        if (!division) continue;
        const rawDate = f('DATE_NAISS');
        const birthdate = rawDate ? parseFrenchDate(rawDate) : null;
        const sex = f('CODE_SEXE');
        const pupil: RosterPupil = {
          ine: (f('ID_NATIONAL') ?? '').toUpperCase(),
          siecleEleveId: eleve.eleveId,
          lastName: f('NOM_DE_FAMILLE') ?? '',
          preferredLastName: f('NOM_USAGE'),
          firstName: f('PRENOM') ?? '',
          middleName: f('PRENOM2'),
          thirdName: f('PRENOM3'),
          sex: sex === '1' ? 'M' : sex === '2' ? 'F' : null,
          birthdate: birthdate ?? '',
          birthCountryCode: f('CODE_PAYS'),
          birthCityCode: f('CODE_COMMUNE_INSEE_NAISS'),
          birthDepartmentCode: f('CODE_DEPARTEMENT_NAISS'),
          birthCity: f('VILLE_NAISS'),
          mefCode: f('CODE_MEF'),
          status: f('CODE_STATUT'),
          division,
        };
        const lineErrors = validateRosterPupil(pupil, eleve.line).map((e) => ({
          ...e,
          field: { INE: 'ID_NATIONAL', NOM: 'NOM_DE_FAMILLE', PRENOM: 'PRENOM', CLASSE: 'STRUCTURE' }[e.field] ?? e.field,
        }));
        if (!rawDate) lineErrors.push({ line: eleve.line, field: 'DATE_NAISS', reason: 'obligatoire' });
        else if (!birthdate) lineErrors.push({ line: eleve.line, field: 'DATE_NAISS', reason: `date invalide « ${rawDate} » (jj/mm/aaaa)` });
        if (!pupil.sex) lineErrors.push({ line: eleve.line, field: 'CODE_SEXE', reason: 'obligatoire (1 ou 2)' });
        if (pupil.birthCountryCode === '100' && !pupil.birthCityCode) lineErrors.push({ line: eleve.line, field: 'CODE_COMMUNE_INSEE_NAISS', reason: 'obligatoire pour un élève né en France' });
        if (lineErrors.length) {
          errors.push(...lineErrors);
          if (pupil.ine) ineWithErrors.push(pupil.ine);
        } else rows.push({ pupil, line: eleve.line });
      }
      const { unique, errors: duplicates } = rejectDuplicates(rows);
      return { format: 'SIECLE', uai, pupils: unique.map((r) => r.pupil), errors: [...errors, ...duplicates.map((e) => ({ ...e, field: 'ID_NATIONAL' }))].sort((a, b) => a.line - b.line), ineWithErrors };
    },
  };
}
