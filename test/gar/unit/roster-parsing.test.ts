import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFrenchDate } from '../../../tool/src/gar/domain/roster/roster-pupil.ts';
import { createCsvRosterParser } from '../../../tool/src/gar/infrastructure/roster/csv-roster-parser.ts';
import { readRosterFile } from '../../../tool/src/gar/infrastructure/roster/read-roster-file.ts';
import { RosterError } from '../../../tool/src/gar/infrastructure/roster/roster-errors.ts';
import { createSiecleParser } from '../../../tool/src/gar/infrastructure/roster/siecle-parser.ts';
import { encodeLatin9, manyPupils, siecleXml, zipOf, type FixturePupil } from '../support/roster-fixtures.ts';

const UAI = '0561641E';
const dir = mkdtempSync(join(tmpdir(), 'pix-roster-unit-'));
let n = 0;
function file(content: string | Buffer): string {
  const path = join(dir, `f${(n += 1)}`);
  writeFileSync(path, content);
  return path;
}

const lea: FixturePupil = { eleveId: '1001', ine: '123456789AB', lastName: 'MARTIN', firstName: 'Léa', birthdate: '14/03/2012', division: '5A' };
const noah: FixturePupil = { eleveId: '1002', ine: '0123456789C', lastName: 'PETIT', firstName: 'Noah', birthdate: '02/11/2011', division: '5B', sex: '1' };

/** Feeds the parser in small chunks, so that tags and entities are split across chunks. */
function parseSiecleText(text: string, uai = UAI, chunk = 7) {
  const parser = createSiecleParser(uai);
  for (let i = 0; i < text.length; i += chunk) parser.write(text.slice(i, i + chunk));
  return parser.end();
}

function rosterCode(fn: () => unknown): string | null {
  try {
    fn();
    return null;
  } catch (error) {
    return error instanceof RosterError ? error.code : `OTHER ${(error as Error).message}`;
  }
}

describe('SIECLE roster parsing', () => {
  it('reads pupils with ELEVE_ID, INE, names, birthdate, sex and division, even in tiny chunks', () => {
    const parsed = parseSiecleText(siecleXml(UAI, [lea, noah]));
    expect(parsed.uai).toBe(UAI);
    expect(parsed.errors).toEqual([]);
    expect(parsed.pupils).toEqual([
      expect.objectContaining({ ine: '123456789AB', siecleEleveId: '1001', lastName: 'MARTIN', firstName: 'Léa', birthdate: '2012-03-14', sex: 'F', division: '5A', birthCityCode: '75056' }),
      expect.objectContaining({ ine: '0123456789C', siecleEleveId: '1002', sex: 'M', division: '5B' }),
    ]);
  });

  it('refuses the whole file when its UAJ is another school', () => {
    expect(rosterCode(() => parseSiecleText(siecleXml('0999999Z', [lea])))).toBe('ROSTER_UAI_MISMATCH');
  });

  it('skips pupils who left and pupils without a division (and the « Inactifs » division)', () => {
    const parsed = parseSiecleText(siecleXml(UAI, [lea, { ...noah, left: true }, { ...noah, eleveId: '3', ine: '2223456789C', division: null }, { ...noah, eleveId: '4', ine: '3323456789C', division: 'Inactifs' }]));
    expect(parsed.pupils.map((p) => p.ine)).toEqual(['123456789AB']);
  });

  it('reports line errors: missing or malformed INE, impossible date, duplicates', () => {
    const parsed = parseSiecleText(
      siecleXml(UAI, [lea, { ...noah, ine: '' }, { ...noah, eleveId: '5', ine: 'BAD', birthdate: '31/02/2012' }, { ...lea, eleveId: '6' }]),
    );
    expect(parsed.pupils).toHaveLength(1);
    expect(parsed.errors).toEqual([
      expect.objectContaining({ field: 'ID_NATIONAL', reason: 'obligatoire' }),
      expect.objectContaining({ field: 'ID_NATIONAL', reason: expect.stringContaining('format invalide') }),
      expect.objectContaining({ field: 'DATE_NAISS', reason: expect.stringContaining('date invalide') }),
      expect.objectContaining({ field: 'ID_NATIONAL', reason: expect.stringContaining('en double') }),
    ]);
    expect(parsed.errors.every((e) => e.line > 1)).toBe(true);
    expect(parsed.ineWithErrors).toContain('BAD');
  });

  it('refuses malformed XML with its line, and any DTD', () => {
    const broken = siecleXml(UAI, [lea]).replace('</PRENOM>', '</PRENON>');
    let error: unknown;
    try {
      parseSiecleText(broken);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RosterError);
    expect((error as RosterError).code).toBe('ROSTER_MALFORMED');
    expect((error as RosterError).details).toEqual({ line: 12 });
    expect(rosterCode(() => parseSiecleText(siecleXml(UAI, [lea]).replace('<BEE_ELEVES', '<!DOCTYPE x [<!ENTITY a "b">]><BEE_ELEVES')))).toBe('ROSTER_DTD_FORBIDDEN');
    expect(rosterCode(() => parseSiecleText('<OTHER/>'))).toBe('ROSTER_FORMAT_UNKNOWN');
    expect(rosterCode(() => parseSiecleText(siecleXml(UAI, [lea]).replace('Léa', 'L&eacute;a')))).toBe('ROSTER_MALFORMED');
  });

  it('decodes ISO-8859-15 as declared, plain or zipped', async () => {
    const xml = siecleXml(UAI, [{ ...lea, lastName: 'LEFÈVRE', firstName: 'Zoé' }]);
    const plain = await readRosterFile(file(encodeLatin9(xml)), { expectedUai: UAI });
    expect(plain.fileFormat).toBe('SIECLE_XML');
    expect(plain.pupils[0]).toMatchObject({ lastName: 'LEFÈVRE', firstName: 'Zoé' });
    const zipped = await readRosterFile(file(zipOf('ElevesSansAdresses.xml', encodeLatin9(xml))), { expectedUai: UAI });
    expect(zipped.fileFormat).toBe('SIECLE_ZIP');
    expect(zipped.pupils[0]).toMatchObject({ lastName: 'LEFÈVRE', firstName: 'Zoé' });
    const utf8 = await readRosterFile(file(siecleXml(UAI, [{ ...lea, firstName: 'Zoé' }], 'UTF-8')), { expectedUai: UAI });
    expect(utf8.pupils[0]?.firstName).toBe('Zoé');
  });

  it('streams a 5,000-pupil export in well under a few seconds', async () => {
    const pupils = manyPupils(5000);
    const started = performance.now();
    const parsed = await readRosterFile(file(zipOf('eleves.xml', encodeLatin9(siecleXml(UAI, pupils)))), { expectedUai: UAI });
    expect(parsed.pupils).toHaveLength(5000);
    expect(parsed.errors).toEqual([]);
    expect(performance.now() - started).toBeLessThan(5000);
  });
});

describe('CSV roster parsing', () => {
  const header = 'INE;Nom;Prénom;Date de naissance;Classe';
  function parseCsv(text: string, chunk = 5) {
    const parser = createCsvRosterParser();
    for (let i = 0; i < text.length; i += chunk) parser.write(text.slice(i, i + chunk));
    return parser.end();
  }

  it('reads `;` or `,` separated files, quoted fields, CRLF, columns in any order', () => {
    const semi = parseCsv(`${header}\r\n123456789AB;MARTIN;Léa;14/03/2012;5A\r\n0123456789C;"PETIT; dit ""le grand""";Noah;2/11/2011;5B\r\n`);
    expect(semi.errors).toEqual([]);
    expect(semi.pupils.map((p) => [p.ine, p.lastName, p.birthdate, p.division])).toEqual([
      ['123456789AB', 'MARTIN', '2012-03-14', '5A'],
      ['0123456789C', 'PETIT; dit "le grand"', '2011-11-02', '5B'],
    ]);
    const comma = parseCsv('Classe,Date de naissance,Prénom,Nom,INE\n5A,14/03/2012,Léa,MARTIN,123456789AB');
    expect(comma.pupils[0]).toMatchObject({ ine: '123456789AB', firstName: 'Léa', division: '5A' });
  });

  it('reports errors with their line and field', () => {
    const parsed = parseCsv(`${header}\n123456789AB;MARTIN;Léa;14/03/2012;5A\n;PETIT;Noah;02/11/2011;5B\n0123456789C;PETIT;Noah;2011-11-02;5B\n123456789AB;MARTIN;Léa;14/03/2012;5A\n`);
    expect(parsed.errors).toEqual([
      { line: 3, field: 'INE', reason: 'obligatoire' },
      { line: 4, field: 'Date de naissance', reason: 'date invalide « 2011-11-02 » (jj/mm/aaaa)' },
      { line: 5, field: 'INE', reason: 'en double (déjà ligne 2)' },
    ]);
  });

  it('reads the optional SIECLE ELEVE_ID column under the names a school would type', () => {
    for (const name of ['ELEVE_ID', 'Identifiant SIECLE', 'siecle_eleve_id', 'eleve id', 'IDENTIFIANT SIÈCLE', 'Identifiant élève SIECLE', 'id-be']) {
      const parsed = parseCsv(`${header};${name}\n123456789AB;MARTIN;Léa;14/03/2012;5A;1001\n`);
      expect(parsed.errors, name).toEqual([]);
      expect(parsed.pupils[0]?.siecleEleveId, name).toBe('1001');
    }
    // Without the column, or with an empty cell: no id (the import then keeps a stored one).
    expect(parseCsv(`${header}\n123456789AB;MARTIN;Léa;14/03/2012;5A\n`).pupils[0]?.siecleEleveId).toBeNull();
    const comma = parseCsv('ELEVE_ID,INE,Nom,Prénom,Date de naissance,Classe\n ,123456789AB,MARTIN,Léa,14/03/2012,5A\n00042,0123456789C,PETIT,Noah,02/11/2011,5B\n');
    expect(comma.errors).toEqual([]);
    expect(comma.pupils.map((p) => p.siecleEleveId)).toEqual([null, '42']);
    // Another header is not taken for it.
    expect(parseCsv(`${header};Identifiant\n123456789AB;MARTIN;Léa;14/03/2012;5A;1001\n`).pupils[0]?.siecleEleveId).toBeNull();
  });

  it('refuses a bad ELEVE_ID as an error of its line, and the pupil is not inactivated', () => {
    const parsed = parseCsv(
      `${header};ELEVE_ID\n123456789AB;MARTIN;Léa;14/03/2012;5A;1001\n0123456789C;PETIT;Noah;02/11/2011;5B;10O2\n0223456789C;MOREAU;Inès;05/06/2012;5A;0\n0323456789C;NGUYEN;Chloé;05/06/2012;5A;12345678901\n0423456789C;ROUX;Jade;05/06/2012;5A;0123456789C\n`,
    );
    expect(parsed.pupils.map((p) => p.ine)).toEqual(['123456789AB']);
    expect(parsed.errors).toEqual([
      { line: 3, field: 'ELEVE_ID', reason: '« 10O2 » : chiffres uniquement / digits only' },
      { line: 4, field: 'ELEVE_ID', reason: '« 0 » : doit être supérieur à 0 / must be above 0' },
      { line: 5, field: 'ELEVE_ID', reason: '« 12345678901 » : 10 chiffres au plus / 10 digits at most' },
      { line: 6, field: 'ELEVE_ID', reason: '« 0123456789C » : chiffres uniquement / digits only' },
    ]);
    expect(parsed.ineWithErrors).toEqual(['0123456789C', '0223456789C', '0323456789C', '0423456789C']);
  });

  it('refuses every line of an ELEVE_ID given to two pupils of the file (« 42 » and « 0042 » are one id)', () => {
    const parsed = parseCsv(
      `${header};ELEVE_ID\n123456789AB;MARTIN;Léa;14/03/2012;5A;42\n0123456789C;PETIT;Noah;02/11/2011;5B;43\n0223456789C;MOREAU;Inès;05/06/2012;5A;0042\n0323456789C;NGUYEN;Chloé;05/06/2012;5A;\n0423456789C;ROUX;Jade;05/06/2012;5A;\n`,
    );
    expect(parsed.pupils.map((p) => [p.ine, p.siecleEleveId])).toEqual([
      ['0123456789C', '43'],
      ['0323456789C', null],
      ['0423456789C', null],
    ]);
    expect(parsed.lines).toEqual([3, 5, 6]);
    expect(parsed.errors).toEqual([
      { line: 2, field: 'ELEVE_ID', reason: '« 42 » en double (aussi ligne 4) / duplicated (also line 4)' },
      { line: 4, field: 'ELEVE_ID', reason: '« 42 » en double (aussi ligne 2) / duplicated (also line 2)' },
    ]);
    expect(parsed.ineWithErrors).toEqual(['123456789AB', '0223456789C']);
    // A line repeated whole is an INE duplicate, reported once, not an ELEVE_ID one.
    const repeated = parseCsv(`${header};ELEVE_ID\n123456789AB;MARTIN;Léa;14/03/2012;5A;42\n123456789AB;MARTIN;Léa;14/03/2012;5A;42\n`);
    expect(repeated.pupils.map((p) => p.siecleEleveId)).toEqual(['42']);
    expect(repeated.errors).toEqual([{ line: 3, field: 'INE', reason: 'en double (déjà ligne 2)' }]);
  });

  it('refuses a file without the expected header', () => {
    expect(rosterCode(() => parseCsv('a;b;c\n1;2;3\n'))).toBe('ROSTER_FORMAT_UNKNOWN');
  });

  it('reads UTF-8 (with BOM) and Windows-1252 files', async () => {
    const utf8 = await readRosterFile(file(`\ufeff${header}\n123456789AB;LEFÈVRE;Zoé;14/03/2012;5A\n`), { expectedUai: UAI });
    expect(utf8.pupils[0]).toMatchObject({ lastName: 'LEFÈVRE', firstName: 'Zoé' });
    const cp1252 = await readRosterFile(file(Buffer.from(`${header}\n123456789AB;LEFÈVRE;Zoé;14/03/2012;5A\n`, 'latin1')), { expectedUai: UAI });
    expect(cp1252.fileFormat).toBe('CSV');
    expect(cp1252.pupils[0]).toMatchObject({ lastName: 'LEFÈVRE', firstName: 'Zoé' });
  });
});

describe('dates', () => {
  it('parses dd/mm/yyyy into real dates only', () => {
    expect(parseFrenchDate('29/02/2012')).toBe('2012-02-29');
    expect(parseFrenchDate('29/02/2013')).toBeNull();
    expect(parseFrenchDate('2012-02-29')).toBeNull();
  });
});
