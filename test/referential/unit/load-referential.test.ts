import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { validateAnswer } from '../../../tool/src/referential/domain/answer-validation/index.ts';
import {
  assertValidReferential,
  InvalidReferentialError,
  loadReferential,
} from '../../../tool/src/referential/infrastructure/load-referential.ts';
import {
  challengeOf,
  copyFixture,
  FICHIERS_FILE,
  MINIMAL_FIXTURE,
  REQUETE_FILE,
  type FixtureReferential,
} from '../support/fixture-referential.ts';

describe('loadReferential on a valid referential', () => {
  it('loads the minimal fixture without any error', async () => {
    const { errors, slowYamlFiles } = await loadReferential(MINIMAL_FIXTURE, { checkSimilarity: true, verifyYaml: true });
    expect(errors).toEqual([]);
    expect(slowYamlFiles).toEqual([]);
  });

  it('builds areas, competences and tubes from the framework and the tube files', async () => {
    const { referential } = await loadReferential(MINIMAL_FIXTURE);
    expect(referential.areas).toEqual([
      { code: '1', name: { fr: 'Information et données', en: 'Information and data literacy' }, color: 'jaffa', competenceIndexes: ['1.1', '1.2'] },
    ]);
    expect(referential.competences.get('1.1')).toMatchObject({ index: '1.1', areaCode: '1', lsuCode: 'CN_INF_MEN', tubeNames: ['requete'] });
    // Skills are declared level 2 first: the tube lists them easiest first anyway.
    expect(referential.tubes.get('requete')).toEqual({
      name: 'requete',
      competenceIndex: '1.1',
      title: { fr: 'Formuler une requête', en: 'Writing a search query' },
      description: { fr: "Choisir les mots-clés d'une recherche.", en: 'Choose the keywords of a search.' },
      skillIds: ['@requete1', '@requete2'],
      maxLevel: 2,
    });
  });

  it('builds skills with their hint and tutorials, and tutorials with their rendered page', async () => {
    const { referential } = await loadReferential(MINIMAL_FIXTURE);
    expect(referential.skills.get('@requete2')).toEqual({
      id: '@requete2',
      tubeName: 'requete',
      competenceIndex: '1.1',
      level: 2,
      hint: { fr: 'Un moteur ignore les petits mots.', en: 'Engines ignore small words.' },
      tutorialIds: ['requete-mots-cles', 'cnil-mots-de-passe'],
      pixValue: 4,
    });
    expect(referential.tutorials.get('requete-mots-cles')).toEqual({
      id: 'requete-mots-cles',
      tubeName: 'requete',
      title: 'Bien choisir ses mots-clés',
      format: 'page',
      durationMinutes: 3,
      bodyHtml: '<p>Un moteur de recherche cherche les <strong>mots</strong> de la requête.</p>',
      bodyHtmlLinksAsText: '<p>Un moteur de recherche cherche les <strong>mots</strong> de la requête.</p>',
    });
    expect(referential.tutorials.get('cnil-mots-de-passe')).toEqual({
      id: 'cnil-mots-de-passe',
      tubeName: 'requete',
      title: 'Les conseils de la CNIL',
      format: 'site',
      durationMinutes: 5,
      source: 'CNIL',
      url: 'https://www.cnil.fr/fr/mots-de-passe',
    });
  });

  it('builds a QCU with inline-rendered choices and the defaults of optional fields', async () => {
    const { referential } = await loadReferential(MINIMAL_FIXTURE);
    expect(referential.challenges.get('requete1-a')).toEqual({
      id: 'requete1-a',
      skillId: '@requete1',
      tubeName: 'requete',
      competenceIndex: '1.1',
      level: 1,
      type: 'QCU',
      status: 'validé',
      locales: ['fr-fr'],
      instruction: 'Lequel de ces services est un **moteur de recherche** ?',
      instructionHtml: '<p>Lequel de ces services est un <strong>moteur de recherche</strong> ?</p>',
      proposals: { kind: 'choices', choicesHtml: ['Qwant', 'Firefox', '<strong>Gmail</strong>', '<code>Windows</code>'] },
      solution: { type: 'QCU', value: 1 },
      attachments: [],
      timer: 30,
      focused: false,
      accessibility: { blind: 'RAS', colorBlind: 'RAS' },
      irt: { difficulty: 1, discrimination: 1.5 },
    });
    expect(referential.challenges.get('requete1-b')?.solution).toEqual({ type: 'QCM', values: [1, 2] });
  });

  it('builds typed QROC and QROCM solutions from the proposals blocks', async () => {
    const { referential } = await loadReferential(MINIMAL_FIXTURE);
    const qroc = referential.challenges.get('requete2-a');
    // `solution: [12]` is a YAML number: it becomes the text "12".
    expect(qroc?.solution).toEqual({ type: 'QROC', accepted: ['12'], treatments: ['t1', 't2', 't3'], blockKind: 'input', format: 'nombre' });
    expect(qroc?.format).toBe('nombre');
    expect(qroc?.attachments).toEqual(['resultats.csv']);
    expect(qroc?.proposals).toEqual({
      kind: 'blocks',
      parsed: {
        lines: [[{ kind: 'text', text: 'Lignes : ' }, { kind: 'input', key: 'n', placeholder: 'ex. : 12', ariaLabel: 'Nombre de lignes' }]],
        blocks: [{ key: 'n', kind: 'input' }],
      },
    });

    const ind = referential.challenges.get('requete2-b');
    expect(ind?.solution).toEqual({
      type: 'QROCM-ind',
      accepted: { dossier: ['Histoire'], ext: ['odt'] },
      treatments: ['t1', 't2', 't3'],
      blocks: { dossier: 'input', ext: 'select' },
    });
    expect(ind?.illustration).toEqual({ file: 'capture.svg', alt: 'Explorateur de fichiers ouvert sur le dossier Histoire' });

    const dep = referential.challenges.get('requete2-c');
    expect(dep?.solution).toEqual({
      type: 'QROCM-dep',
      accepted: { firefox: ['Firefox', 'Mozilla Firefox'], chrome: ['Chrome', 'Google Chrome'], edge: ['Edge'] },
      treatments: ['t1', 't2', 't3'],
      fieldKeys: ['n1', 'n2'],
    });
    expect(dep?.embed).toEqual({ file: 'page.html', title: 'Une page de résultats', height: 400 });
    expect(validateAnswer(dep?.solution ?? { type: 'QCU', value: 0 }, { value: { n1: 'chrome', n2: 'Firefox' } }).status).toBe('ok');
  });

  it('indexes by id, tube, competence and skill, sorted by id, playable épreuves only by skill', async () => {
    const { referential } = await loadReferential(MINIMAL_FIXTURE);
    expect([...referential.challenges.keys()]).toEqual(['fichiers3-a', 'requete1-a', 'requete1-b', 'requete2-a', 'requete2-b', 'requete2-c']);
    expect([...referential.skills.keys()]).toEqual(['@fichiers3', '@requete1', '@requete2']);
    expect(referential.skillsByTube.get('requete')?.map((skill) => skill.id)).toEqual(['@requete1', '@requete2']);
    expect(referential.skillsByCompetence.get('1.2')?.map((skill) => skill.id)).toEqual(['@fichiers3']);
    expect(referential.challengesByCompetence.get('1.1')?.map((challenge) => challenge.id)).toEqual([
      'requete1-a',
      'requete1-b',
      'requete2-a',
      'requete2-b',
      'requete2-c',
    ]);
    // requete2-c is only "proposé".
    expect(referential.playableChallengesBySkill.get('@requete2')?.map((challenge) => challenge.id)).toEqual(['requete2-a', 'requete2-b']);
    expect(referential.playableChallengesBySkill.get('@requete1')?.map((challenge) => challenge.id)).toEqual(['requete1-a', 'requete1-b']);
  });

  it('gives a content hash as version: stable, 16 hex digits', async () => {
    const first = await loadReferential(MINIMAL_FIXTURE);
    const second = await loadReferential(MINIMAL_FIXTURE);
    expect(first.referential.version).toMatch(/^[0-9a-f]{16}$/);
    expect(second.referential.version).toBe(first.referential.version);
  });

  it('accepts an assertion on a valid result and returns its referential', async () => {
    const result = await loadReferential(MINIMAL_FIXTURE);
    expect(assertValidReferential(result)).toBe(result.referential);
  });
});

describe('loadReferential on edited copies', () => {
  let fixture: FixtureReferential;
  beforeEach(() => {
    fixture = copyFixture();
  });
  afterEach(() => fixture.cleanup());

  it('changes the version when an attachment byte changes', async () => {
    const before = (await loadReferential(fixture.dir)).referential.version;
    fixture.writeFile('attachments/requete2-a/resultats.csv', 'moteur;requete\nQwant;piscines\n');
    expect((await loadReferential(fixture.dir)).referential.version).not.toBe(before);
  });

  it('changes the version when a YAML file changes, even in a comment', async () => {
    const before = (await loadReferential(fixture.dir)).referential.version;
    fixture.writeFile(FICHIERS_FILE, `# relu\n${readFileSync(join(MINIMAL_FIXTURE, FICHIERS_FILE), 'utf8')}`);
    expect((await loadReferential(fixture.dir)).referential.version).not.toBe(before);
  });

  it('uses the declared irt, locales, accessibility, focus and written order', async () => {
    fixture.editYaml(REQUETE_FILE, (tube) => {
      Object.assign(challengeOf(tube, 'requete1-a'), {
        irt: { difficulty: 1.8, discrimination: 2 },
        locales: ['fr', 'en'],
        accessibility: { blind: 'KO', colorBlind: 'OK' },
        focused: true,
        shuffled: false,
        alternativeInstruction: 'Quatre services sont proposés.',
      });
    });
    const { referential, errors } = await loadReferential(fixture.dir);
    expect(errors).toEqual([]);
    expect(referential.challenges.get('requete1-a')).toMatchObject({
      irt: { difficulty: 1.8, discrimination: 2 },
      locales: ['fr', 'en'],
      accessibility: { blind: 'KO', colorBlind: 'OK' },
      focused: true,
      shuffled: false,
      alternativeInstruction: 'Quatre services sont proposés.',
    });
    // Not said: shown in each assessment's order.
    expect(referential.challenges.get('requete1-b')?.shuffled).toBeUndefined();
  });

  it('shares 8 Pix among the playable skills of a competence and level, at most 4 each, 0 when not playable', async () => {
    for (const name of ['cible', 'filtre', 'source']) {
      fixture.writeFile(
        `competences/1.2/${name}.yaml`,
        [
          `name: ${name}`,
          'competence: "1.2"',
          'title: { fr: Titre, en: Title }',
          'description: { fr: Description., en: Description. }',
          'skills:',
          '  - level: 3',
          '    hint: { fr: Indice., en: Hint. }',
          '  - level: 4',
          '    hint: { fr: Indice., en: Hint. }',
          'challenges:',
          `  - id: ${name}3-a`,
          `    skill: "@${name}3"`,
          '    type: QCU',
          '    status: validé',
          `    instruction: Question ${name} ?`,
          '    proposals: [oui, non]',
          '    solution: 1',
        ].join('\n'),
      );
    }
    const { referential } = await loadReferential(fixture.dir);
    // @fichiers3, @cible3, @filtre3, @source3: four playable skills at 1.2 level 3.
    expect(referential.skills.get('@cible3')?.pixValue).toBe(2);
    expect(referential.skills.get('@fichiers3')?.pixValue).toBe(2);
    expect(referential.skills.get('@cible4')?.pixValue).toBe(0);
    expect(referential.skills.get('@requete1')?.pixValue).toBe(4);
  });

  it('refuses, through the assertion, a referential with errors, listing them', async () => {
    fixture.editYaml(REQUETE_FILE, (tube) => {
      challengeOf(tube, 'requete1-a')['solution'] = 9;
    });
    const result = await loadReferential(fixture.dir);
    expect(() => assertValidReferential(result)).toThrow(InvalidReferentialError);
    expect(() => assertValidReferential(result)).toThrow(/competences\/1\.1\/requete\.yaml · requete1-a · solution \[solution\.range\]/);
  });

  it('lists at most 20 errors in the assertion message', async () => {
    fixture.editYaml(REQUETE_FILE, (tube) => {
      tube['challenges'] = Array.from({ length: 25 }, (_, index) => ({ id: `requete1-${index}`, skill: '@requete1', type: 'QCU' }));
    });
    const result = await loadReferential(fixture.dir);
    expect(result.errors.length).toBeGreaterThan(20);
    try {
      assertValidReferential(result);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidReferentialError);
      const message = error instanceof Error ? error.message : '';
      expect(message.split('\n').filter((line) => line.startsWith('  competences/'))).toHaveLength(20);
      expect(message).toContain(`… et ${result.errors.length - 20} autre(s)`);
    }
  });
});

describe('rendered HTML', () => {
  it('is rendered on first read, then stable, even once the object is frozen', async () => {
    const { referential } = await loadReferential(MINIMAL_FIXTURE);
    const challenge = referential.challenges.get('requete1-a');
    if (!challenge) throw new Error('missing requete1-a');
    Object.freeze(challenge);
    const first = challenge.instructionHtml;
    expect(first).toBe('<p>Lequel de ces services est un <strong>moteur de recherche</strong> ?</p>');
    expect(challenge.instructionHtml).toBe(first);
    expect(JSON.parse(JSON.stringify(challenge))).toMatchObject({ instructionHtml: first });
  });
});
