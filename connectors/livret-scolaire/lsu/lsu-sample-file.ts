import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { escapeXml } from './xml-scanner.ts';

export interface SamplePupil {
  idBe: string;
  lastName: string;
  firstName: string;
  division: string;
  /** Periods (1-based indices) with a periodic report; default 1..3. */
  periods?: number[];
  /** An existing competences-numeriques block in each report, to test replacement. */
  existingBlock?: string;
}

/**
 * A school LSU export as a school's software writes one (marks, advice, school-life counts…), valid against
 * both schemas (7.0 strict and 3.0): for tests and `bench lsu`. Written as a stream, CRLF optional.
 */
export async function writeSampleLsuFile(path: string, input: { uai: string; schemaVersion: string; pupils: Iterable<SamplePupil>; crlf?: boolean }): Promise<void> {
  const nl = input.crlf ? '\r\n' : '\n';
  const out = createWriteStream(path, { encoding: 'utf8' });
  const write = async (text: string) => {
    if (!out.write(text.replace(/\n/g, nl))) await once(out, 'drain');
  };
  const pupils = [...input.pupils];
  await write(`<?xml version="1.0" encoding="UTF-8"?>
<lsun-bilans xmlns="urn:fr:edu:scolarite:lsun:bilans:import" schemaVersion="${input.schemaVersion}">
  <entete>
    <editeur>ÉDITEUR D'ESSAI</editeur>
    <application>Vie scolaire</application>
    <etablissement>${input.uai}</etablissement>
  </entete>
  <donnees>
    <responsables-etab>
      <responsable-etab id="RESP_01" libelle="Anne-Sophie L'Héritier"/>
    </responsables-etab>
    <eleves>
`);
  for (const [i, p] of pupils.entries()) {
    await write(`      <eleve id="EL_${i + 1}" id-be="${p.idBe}" nom="${escapeXml(p.lastName)}" prenom="${escapeXml(p.firstName)}" code-division="${escapeXml(p.division)}"/>\n`);
  }
  await write(`    </eleves>
    <periodes>
      <periode id="P_01" millesime="2024" indice="1" nb-periodes="3"/>
      <periode id="P_02" millesime="2024" indice="2" nb-periodes="3"/>
      <periode id="P_03" millesime="2024" indice="3" nb-periodes="3"/>
    </periodes>
    <disciplines>
      <discipline id="DI_020700" code="020700" modalite-election="S" libelle="Français"/>
    </disciplines>
    <enseignants>
      <enseignant id="ENS_01" type="epp" id-sts="123456" civilite="MME" nom="Sand" prenom="Aurore"/>
    </enseignants>
    <bilans-periodiques>
`);
  for (const [i, p] of pupils.entries()) {
    for (const period of p.periods ?? [1, 2, 3]) {
      await write(`      <bilan-periodique eleve-ref="EL_${i + 1}" periode-ref="P_0${period}" date-conseil-classe="2024-1${period - 1}-10" date-scolarite="2024-09-02" date-verrou="2024-1${period - 1}-20T06:00:00" responsable-etab-ref="RESP_01" prof-princ-refs="ENS_01">
        <liste-acquis>
          <acquis discipline-ref="DI_020700" enseignant-refs="ENS_01" moyenne-eleve="14/20" moyenne-structure="12/20">
            <appreciation>Élève sérieuse ; « très bon trimestre » &amp; de l'ambition.</appreciation>
          </acquis>
        </liste-acquis>
${p.existingBlock ? `        ${p.existingBlock}\n` : ''}        <acquis-conseils>Continuer ainsi, c'est prometteur.</acquis-conseils>
        <vie-scolaire nb-retards="0" nb-abs-justifiees="2" nb-abs-injustifiees="0"/>
      </bilan-periodique>
`);
    }
  }
  await write(`    </bilans-periodiques>
  </donnees>
</lsun-bilans>
`);
  out.end();
  await once(out, 'finish');
}
