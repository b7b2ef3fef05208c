import { crc32, deflateRawSync } from 'node:zlib';

export interface FixturePupil {
  eleveId: string;
  ine: string;
  lastName: string;
  firstName: string;
  birthdate: string;
  division: string | null;
  sex?: string;
  left?: boolean;
  usage?: string;
}

/** A SIECLE BEE_ELEVES export as SIECLE writes it (ISO-8859-15 by default). */
export function siecleXml(uai: string, pupils: FixturePupil[], encoding = 'ISO-8859-15'): string {
  const eleves = pupils
    .map(
      (p) => `    <ELEVE ELEVE_ID="${p.eleveId}" ELENOET="${p.eleveId}">
      <ID_NATIONAL>${p.ine}</ID_NATIONAL>
      <NOM_DE_FAMILLE>${p.lastName}</NOM_DE_FAMILLE>${p.usage ? `\n      <NOM_USAGE>${p.usage}</NOM_USAGE>` : ''}
      <PRENOM>${p.firstName}</PRENOM>
      <DATE_NAISS>${p.birthdate}</DATE_NAISS>
      <CODE_SEXE>${p.sex ?? '2'}</CODE_SEXE>
      <CODE_PAYS>100</CODE_PAYS>
      <CODE_COMMUNE_INSEE_NAISS>75056</CODE_COMMUNE_INSEE_NAISS>
      <CODE_MEF>10010012110</CODE_MEF>
      <CODE_STATUT>ST</CODE_STATUT>${p.left ? '\n      <DATE_SORTIE>01/02/2026</DATE_SORTIE>' : ''}
    </ELEVE>`,
    )
    .join('\n');
  const structures = pupils
    .map(
      (p) => `    <STRUCTURES_ELEVE ELEVE_ID="${p.eleveId}">${
        p.division ? `\n      <STRUCTURE><CODE_STRUCTURE>${p.division}</CODE_STRUCTURE><TYPE_STRUCTURE>D</TYPE_STRUCTURE></STRUCTURE>` : ''
      }
      <STRUCTURE><CODE_STRUCTURE>EURO</CODE_STRUCTURE><TYPE_STRUCTURE>G</TYPE_STRUCTURE></STRUCTURE>
    </STRUCTURES_ELEVE>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="${encoding}"?>
<BEE_ELEVES VERSION="3.1">
  <PARAMETRES>
    <UAJ>${uai}</UAJ>
    <ANNEE_SCOLAIRE>2026</ANNEE_SCOLAIRE>
  </PARAMETRES>
  <DONNEES>
   <ELEVES>
${eleves}
   </ELEVES>
   <STRUCTURES>
${structures}
   </STRUCTURES>
  </DONNEES>
</BEE_ELEVES>
`;
}

export function encodeLatin9(text: string): Buffer {
  return Buffer.from([...text].map((c) => (c === '€' ? 0xa4 : c.charCodeAt(0) < 256 ? c.charCodeAt(0) : 0x3f)));
}

/** A one-entry ZIP (deflate), as SIECLE hands it out. */
export function zipOf(name: string, content: Buffer): Buffer {
  const data = deflateRawSync(content);
  const nameBytes = Buffer.from(name);
  const crc = crc32(content);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(content.length, 22);
  local.writeUInt16LE(nameBytes.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(content.length, 24);
  central.writeUInt16LE(nameBytes.length, 28);
  central.writeUInt32LE(0, 42);
  const directoryOffset = local.length + nameBytes.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + nameBytes.length, 12);
  end.writeUInt32LE(directoryOffset, 16);
  return Buffer.concat([local, nameBytes, data, central, nameBytes, end]);
}

/** n pupils with distinct INEs. */
export function manyPupils(n: number): FixturePupil[] {
  return Array.from({ length: n }, (_, i) => ({
    eleveId: String(100000 + i),
    ine: `${String(100000000 + i).padStart(10, '0')}K`,
    lastName: `NOM${i}`,
    firstName: `Prénom${i}`,
    birthdate: `${String((i % 28) + 1).padStart(2, '0')}/${String((i % 12) + 1).padStart(2, '0')}/2012`,
    division: `${3 + (i % 4)}${String.fromCharCode(65 + (i % 6))}`,
  }));
}
