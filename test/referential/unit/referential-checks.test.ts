import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadReferential, type LoadReferentialOptions } from '../../../tool/src/referential/infrastructure/load-referential.ts';
import type { ReferentialError } from '../../../tool/src/referential/infrastructure/referential-error.ts';
import {
  challengeOf,
  copyFixture,
  FICHIERS_FILE,
  MINIMAL_FIXTURE,
  recordsOf,
  REQUETE_FILE,
  skillOf,
  tutorialOf,
  type FixtureReferential,
  type YamlMap,
} from '../support/fixture-referential.ts';

/**
 * One test per rule of `referential check`: each edits a valid copy of the minimal fixture and expects the
 * error to name the file, the record, the field and the rule.
 */
describe('referential checks', () => {
  let fixture: FixtureReferential;
  beforeEach(() => {
    fixture = copyFixture();
  });
  afterEach(() => fixture.cleanup());

  async function errors(options: LoadReferentialOptions = {}): Promise<ReferentialError[]> {
    return (await loadReferential(fixture.dir, options)).errors;
  }
  function editRequete(edit: (tube: YamlMap) => void): void {
    fixture.editYaml(REQUETE_FILE, edit);
  }
  function editChallenge(id: string, fields: YamlMap): void {
    editRequete((tube) => Object.assign(challengeOf(tube, id), fields));
  }
  function expected(id: string | undefined, field: string | undefined, rule: string, file = REQUETE_FILE): unknown {
    const where: YamlMap = { file, rule, message: expect.any(String) };
    if (id !== undefined) where['id'] = id;
    if (field !== undefined) where['field'] = field;
    return expect.objectContaining(where);
  }

  describe('files and YAML', () => {
    it('yaml.syntax: a file that is not valid YAML, with its line', async () => {
      fixture.writeFile(FICHIERS_FILE, 'name: fichiers\ncompetence: "1.2"\ntitle: { fr: Titre, en: Title\n');
      const found = await errors();
      expect(found).toContainEqual(expect.objectContaining({ file: FICHIERS_FILE, rule: 'yaml.syntax', message: expect.stringMatching(/ligne \d+/) }));
    });

    it('yaml.syntax: a plain text containing ": " is a YAML error, reported rather than misread', async () => {
      fixture.writeFile(FICHIERS_FILE, 'name: fichiers\ncompetence: "1.2"\ndescription:\n  fr: Dans LibreOffice : menu Fichier\n');
      expect(await errors()).toContainEqual(expect.objectContaining({ file: FICHIERS_FILE, rule: 'yaml.syntax' }));
    });

    it('file.unexpected: a file that is not competences/<index>/<tube>.yaml', async () => {
      fixture.writeFile('competences/1.1/notes.txt', 'à faire');
      fixture.writeFile('competences/requete.yaml', 'name: requete');
      const found = await errors();
      expect(found).toContainEqual(expected(undefined, undefined, 'file.unexpected', 'competences/1.1/notes.txt'));
      expect(found).toContainEqual(expected(undefined, undefined, 'file.unexpected', 'competences/requete.yaml'));
    });

    it('file.missing: no framework.yaml', async () => {
      fixture.remove('framework.yaml');
      expect(await errors()).toContainEqual(expected(undefined, undefined, 'file.missing', 'framework.yaml'));
    });
  });

  describe('schema', () => {
    it('schema.unknownKey: a misspelt field is an error, not silently dropped', async () => {
      editChallenge('requete1-a', { soluton: 2 });
      expect(await errors()).toContainEqual(expected('requete1-a', 'soluton', 'schema.unknownKey'));
    });

    it('schema.required: a missing field', async () => {
      editRequete((tube) => {
        delete challengeOf(tube, 'requete1-a')['instruction'];
      });
      editChallenge('requete1-b', { accessibility: { blind: 'OK' } });
      const found = await errors();
      expect(found).toContainEqual(expected('requete1-a', 'instruction', 'schema.required'));
      expect(found).toContainEqual(expected('requete1-b', 'accessibility.colorBlind', 'schema.required'));
    });

    it('schema.*: an unknown type, status or treatment names the field', async () => {
      editChallenge('requete1-a', { type: 'QCX' });
      editChallenge('requete1-b', { status: 'valide' });
      editChallenge('requete2-a', { treatments: ['t1', 't4'] });
      const found = await errors();
      expect(found).toContainEqual(expected('requete1-a', 'type', 'schema.invalidUnion'));
      expect(found).toContainEqual(expected('requete1-b', 'status', 'schema.invalidValue'));
      expect(found).toContainEqual(expected('requete2-a', 'treatments[1]', 'schema.invalidValue'));
    });

    it('schema.*: a record without id is named by its position', async () => {
      editRequete((tube) => {
        delete challengeOf(tube, 'requete1-a')['id'];
      });
      const found = await errors();
      expect(found).toContainEqual(expect.objectContaining({ file: REQUETE_FILE, field: expect.stringMatching(/^challenges\[\d\]\.id$/), rule: 'schema.required' }));
    });

    it('schema.invalidUnion: a proposal that YAML read as a map (unquoted ": ") is explained', async () => {
      editChallenge('requete1-a', { proposals: ['Qwant', { 'Firefox, le navigateur': 'pas un moteur' }] });
      const found = await errors();
      expect(found).toContainEqual(expected('requete1-a', 'proposals[1]', 'schema.invalidUnion'));
      expect(found.find((error) => error.field === 'proposals[1]')?.message).toMatch(/guillemets/);
    });

    it('tutorial.bodyOrUrl: a tutorial has a body or an url, not both', async () => {
      editRequete((tube) => {
        tutorialOf(tube, 'cnil-mots-de-passe')['body'] = 'Texte';
      });
      expect(await errors()).toContainEqual(expected('cnil-mots-de-passe', 'body', 'tutorial.bodyOrUrl'));
    });

    it('schema.*: the tube fields are checked too', async () => {
      editRequete((tube) => {
        tube['title'] = { fr: 'Formuler une requête' };
      });
      expect(await errors()).toContainEqual(expected('requete', 'title.en', 'schema.required'));
    });
  });

  describe('tube files', () => {
    it('tube.fileName: the file is named after its tube', async () => {
      editRequete((tube) => {
        tube['name'] = 'recherche';
      });
      expect(await errors()).toContainEqual(expected('recherche', 'name', 'tube.fileName'));
    });

    it('tube.folder: the file lives in its competence’s folder', async () => {
      editRequete((tube) => {
        tube['competence'] = '1.2';
      });
      expect(await errors()).toContainEqual(expected('requete', 'competence', 'tube.folder'));
    });

    it('tube.competenceUnknown: the competence exists in the framework', async () => {
      fixture.remove(REQUETE_FILE);
      fixture.writeFile('competences/1.3/requete.yaml', readFileSync(join(MINIMAL_FIXTURE, REQUETE_FILE), 'utf8').replace('competence: "1.1"', 'competence: "1.3"'));
      expect(await errors()).toContainEqual(expected('requete', 'competence', 'tube.competenceUnknown', 'competences/1.3/requete.yaml'));
    });

    it('tube.duplicateName: tube names are unique across the referential', async () => {
      fixture.editYaml(FICHIERS_FILE, (tube) => {
        tube['name'] = 'requete';
      });
      fixture.writeFile('competences/1.2/requete.yaml', readFileSync(join(fixture.dir, FICHIERS_FILE), 'utf8'));
      fixture.remove(FICHIERS_FILE);
      expect(await errors()).toContainEqual(expected('requete', 'name', 'tube.duplicateName', 'competences/1.2/requete.yaml'));
    });
  });

  describe('skills and tutorials', () => {
    it('skill.duplicateLevel: one acquis per level', async () => {
      editRequete((tube) => {
        recordsOf(tube, 'skills').push({ level: 2, hint: { fr: 'Autre', en: 'Other' } });
      });
      expect(await errors()).toContainEqual(expected('@requete2', 'level', 'skill.duplicateLevel'));
    });

    it('skill.tutorialUnknown: a skill refers to tutorials of its file', async () => {
      editRequete((tube) => {
        skillOf(tube, 1)['tutorials'] = ['requete-mots-cles', 'fichiers-extensions'];
      });
      expect(await errors()).toContainEqual(expected('@requete1', 'tutorials[1]', 'skill.tutorialUnknown'));
    });

    it('tutorial.duplicateId: tutorial ids are unique across the referential', async () => {
      fixture.editYaml(FICHIERS_FILE, (tube) => {
        tutorialOf(tube, 'fichiers-extensions')['id'] = 'requete-mots-cles';
        skillOf(tube, 3)['tutorials'] = ['requete-mots-cles'];
      });
      expect(await errors()).toContainEqual(expected('requete-mots-cles', 'id', 'tutorial.duplicateId', FICHIERS_FILE));
    });

    it('tutorial.format: a page is written here, other formats point to an address', async () => {
      editRequete((tube) => {
        tutorialOf(tube, 'requete-mots-cles')['format'] = 'vidéo';
      });
      expect(await errors()).toContainEqual(expected('requete-mots-cles', 'format', 'tutorial.format'));
    });
  });

  describe('épreuves', () => {
    it('challenge.skillUnknown: the acquis is a level declared in the same file', async () => {
      editChallenge('requete1-a', { skill: '@requete5' });
      editChallenge('requete1-b', { skill: '@fichiers3' });
      const found = await errors();
      expect(found).toContainEqual(expected('requete1-a', 'skill', 'challenge.skillUnknown'));
      expect(found).toContainEqual(expected('requete1-b', 'skill', 'challenge.skillUnknown'));
    });

    it('challenge.duplicateId: épreuve ids are unique across the referential', async () => {
      fixture.editYaml(FICHIERS_FILE, (tube) => {
        recordsOf(tube, 'challenges').push({ ...challengeOf(tube, 'fichiers3-a'), instruction: 'Quel est le type du fichier *son.mp3* ?' });
      });
      expect(await errors()).toContainEqual(expected('fichiers3-a', 'id', 'challenge.duplicateId', FICHIERS_FILE));
    });

    it('challenge.idPattern: the id is <tube><level>-<letter> of its acquis', async () => {
      editChallenge('requete1-a', { id: 'requete2-z' });
      expect(await errors()).toContainEqual(expected('requete2-z', 'id', 'challenge.idPattern'));
    });

    it('timer.range: a timer lasts 10 to 600 seconds', async () => {
      editChallenge('requete1-a', { timer: 5 });
      editChallenge('requete1-b', { timer: 900 });
      const found = await errors();
      expect(found).toContainEqual(expected('requete1-a', 'timer', 'timer.range'));
      expect(found).toContainEqual(expected('requete1-b', 'timer', 'timer.range'));
    });

    it('attachment.missing: attachments, illustration and embed files exist under attachments/<id>/', async () => {
      fixture.remove('attachments/requete2-a/resultats.csv');
      fixture.remove('attachments/requete2-b');
      fixture.remove('attachments/requete2-c/page.html');
      const found = await errors();
      expect(found).toContainEqual(expected('requete2-a', 'attachments[0]', 'attachment.missing'));
      expect(found).toContainEqual(expected('requete2-b', 'illustration.file', 'attachment.missing'));
      expect(found).toContainEqual(expected('requete2-c', 'embed.file', 'attachment.missing'));
    });

    it('attachment.fileName: no path, no "..", in a file name', async () => {
      editChallenge('requete2-a', { attachments: ['../requete2-b/capture.svg', 'sous/dossier.csv'] });
      const found = await errors();
      expect(found).toContainEqual(expected('requete2-a', 'attachments[0]', 'attachment.fileName'));
      expect(found).toContainEqual(expected('requete2-a', 'attachments[1]', 'attachment.fileName'));
    });

    it('instruction.nearDuplicate: two instructions more than 80 % alike, when similarity is checked', async () => {
      editChallenge('requete1-b', { instruction: 'Lequel de ces services est un **moteur de recherche** web ?' });
      expect(await errors()).not.toContainEqual(expect.objectContaining({ rule: 'instruction.nearDuplicate' }));
      expect(await errors({ checkSimilarity: true })).toContainEqual(expected('requete1-b', 'instruction', 'instruction.nearDuplicate'));
    });

    it('instruction.nearDuplicate: archived épreuves are not compared', async () => {
      editChallenge('requete1-b', { instruction: 'Lequel de ces services est un **moteur de recherche** web ?', status: 'archivé' });
      expect(await errors({ checkSimilarity: true })).toEqual([]);
    });
  });

  describe('QCU and QCM', () => {
    it('solution.range: a QCU solution is a proposal number, from 1', async () => {
      editChallenge('requete1-a', { solution: 5 });
      expect(await errors()).toContainEqual(expected('requete1-a', 'solution', 'solution.range'));
    });

    it('solution.range: every QCM solution is a proposal number', async () => {
      editChallenge('requete1-b', { solution: [1, 0] });
      expect(await errors()).toContainEqual(expected('requete1-b', 'solution[1]', 'solution.range'));
    });

    it('solution.empty: a QCM has at least one right proposal', async () => {
      editChallenge('requete1-b', { solution: [] });
      expect(await errors()).toContainEqual(expected('requete1-b', 'solution', 'solution.empty'));
    });

    it('solution.duplicate: a QCM solution lists each proposal once', async () => {
      editChallenge('requete1-b', { solution: [1, 2, 1] });
      expect(await errors()).toContainEqual(expected('requete1-b', 'solution[2]', 'solution.duplicate'));
    });

    it('solution.noWrongProposal: a QCM keeps at least one wrong proposal', async () => {
      editChallenge('requete1-b', { solution: [1, 2, 3, 4] });
      expect(await errors()).toContainEqual(expected('requete1-b', 'solution', 'solution.noWrongProposal'));
    });

    it('proposals.duplicate: the same proposal twice', async () => {
      editChallenge('requete1-a', { proposals: ['Qwant', 'Firefox', 'qwant'] });
      expect(await errors()).toContainEqual(expected('requete1-a', 'proposals[2]', 'proposals.duplicate'));
    });
  });

  describe('QROC and QROCM', () => {
    it('proposals.syntax: a malformed ${…} block', async () => {
      editChallenge('requete2-a', { proposals: 'Lignes : ${n#ex. : 12' });
      expect(await errors()).toContainEqual(expected('requete2-a', 'proposals', 'proposals.syntax'));
    });

    it('proposals.blockCount: a QROC has exactly one block', async () => {
      editChallenge('requete2-a', { proposals: 'Lignes : ${n} et colonnes : ${c}' });
      expect(await errors()).toContainEqual(expected('requete2-a', 'proposals', 'proposals.blockCount'));
    });

    it('proposals.blockCount: a QROCM-dep has at least two fields', async () => {
      editChallenge('requete2-c', { proposals: '${n1§Un navigateur}' });
      expect(await errors()).toContainEqual(expected('requete2-c', 'proposals', 'proposals.blockCount'));
    });

    it('proposals.select: a QROCM-dep field is free text', async () => {
      editChallenge('requete2-c', { proposals: '${n1§Premier}\n${n2§Second options=["Firefox","Chrome"]}' });
      expect(await errors()).toContainEqual(expected('requete2-c', 'proposals', 'proposals.select'));
    });

    it('solution.keys: QROCM-ind solution keys are the ${…} blocks, both ways', async () => {
      editChallenge('requete2-b', { solution: { dossier: ['Histoire'], extension: ['odt'] } });
      const found = await errors();
      expect(found).toContainEqual(expected('requete2-b', 'solution', 'solution.keys'));
      expect(found).toContainEqual(expected('requete2-b', 'solution.extension', 'solution.keys'));
    });

    it('solution.groupCount: a QROCM-dep has at least as many answer groups as fields', async () => {
      editChallenge('requete2-c', { solution: { firefox: ['Firefox'] } });
      expect(await errors()).toContainEqual(expected('requete2-c', 'solution', 'solution.groupCount'));
    });

    it('solution.notAnOption: a select’s answer is one of its options', async () => {
      editChallenge('requete2-b', { solution: { dossier: ['Histoire'], ext: ['ODT'] } });
      expect(await errors()).toContainEqual(expected('requete2-b', 'solution.ext[0]', 'solution.notAnOption'));
    });

    it('solution.notANumber: with format nombre, every answer is a number', async () => {
      editChallenge('requete2-a', { solution: ['12', 'douze'] });
      expect(await errors()).toContainEqual(expected('requete2-a', 'solution[1]', 'solution.notANumber'));
    });

    it('solution.empty: a block without any accepted answer', async () => {
      editChallenge('requete2-b', { solution: { dossier: [], ext: ['odt'] } });
      expect(await errors()).toContainEqual(expected('requete2-b', 'solution.dossier', 'solution.empty'));
    });
  });

  describe('framework', () => {
    it('framework.duplicateCompetence and framework.competenceArea', async () => {
      fixture.editYaml('framework.yaml', (framework) => {
        const areas = framework['areas'];
        if (!Array.isArray(areas)) throw new Error('no areas');
        const area: unknown = areas[0];
        if (typeof area !== 'object' || area === null || !('competences' in area) || !Array.isArray(area.competences)) throw new Error('no area');
        area.competences.push({ ...area.competences[0], lsuCode: 'CN_INF_AUT' }, { ...area.competences[1], index: '2.1' });
      });
      const found = await errors();
      expect(found).toContainEqual(expected('1.1', 'index', 'framework.duplicateCompetence', 'framework.yaml'));
      expect(found).toContainEqual(expected('2.1', 'index', 'framework.competenceArea', 'framework.yaml'));
    });
  });

  it('reports every error of the bank in one pass, sorted by file', async () => {
    editChallenge('requete1-a', { solution: 9 });
    editChallenge('requete2-a', { solution: ['douze'] });
    fixture.editYaml(FICHIERS_FILE, (tube) => {
      challengeOf(tube, 'fichiers3-a')['solution'] = 0;
    });
    const found = await errors();
    expect(found.map((error) => [error.file, error.id, error.rule])).toEqual([
      [REQUETE_FILE, 'requete1-a', 'solution.range'],
      [REQUETE_FILE, 'requete2-a', 'solution.notANumber'],
      [FICHIERS_FILE, 'fichiers3-a', 'solution.range'],
    ]);
  });
});
