import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { COVERAGE_TARGETS } from '../../../tool/src/referential/infrastructure/check-coverage.ts';
import { loadReferential } from '../../../tool/src/referential/infrastructure/load-referential.ts';
import { DEFAULT_REFERENTIAL_DIR } from '../../../tool/src/referential/infrastructure/referential-dir.ts';
import type { ReferentialError } from '../../../tool/src/referential/infrastructure/referential-error.ts';
import { copyFixture, recordsOf, REQUETE_FILE, skillOf, type FixtureReferential } from '../support/fixture-referential.ts';

describe('coverage rules on the two-competence fixture', () => {
  let fixture: FixtureReferential;
  beforeEach(() => {
    fixture = copyFixture();
  });
  afterEach(() => fixture.cleanup());

  async function coverageErrors(): Promise<ReferentialError[]> {
    return (await loadReferential(fixture.dir, { checkCoverage: true })).errors;
  }

  it('is not checked unless asked (the server starts on a partial bank)', async () => {
    expect((await loadReferential(fixture.dir)).errors).toEqual([]);
  });

  it('reports each target the bank misses, naming where to add content', async () => {
    const errors = await coverageErrors();
    const where = (rule: string): Array<Partial<ReferentialError>> =>
      errors.filter((error) => error.rule === rule).map(({ file, id, field }) => ({ file, id, field }));

    expect(where('coverage.competences')).toEqual([{ file: 'framework.yaml', id: undefined, field: undefined }]);
    expect(where('coverage.tubes')).toEqual([
      { file: 'competences/1.1/', id: '1.1', field: 'tubes' },
      { file: 'competences/1.2/', id: '1.2', field: 'tubes' },
    ]);
    expect(where('coverage.levels')).toEqual([
      { file: 'competences/1.1/', id: '1.1', field: 'skills' },
      { file: 'competences/1.2/', id: '1.2', field: 'skills' },
    ]);
    expect(errors.find((error) => error.rule === 'coverage.levels' && error.id === '1.1')?.message).toContain('3, 4, 5, 6');
    expect(where('coverage.challengesPerCompetence')).toHaveLength(2);
    // 1.1 has two validé épreuves at level 2 (requete2-a, requete2-b), 1.2 none.
    expect(where('coverage.level2')).toHaveLength(2);
    expect(where('coverage.challenges')).toEqual([{ file: 'competences/', id: undefined, field: 'challenges' }]);
    expect(where('coverage.attachments')).toEqual([{ file: 'competences/', id: undefined, field: 'attachments' }]);
    expect(where('coverage.timed')).toEqual([{ file: 'competences/', id: undefined, field: 'timer' }]);
    // The only QROCM-dep (requete2-c) is "proposé": it does not count.
    expect(where('coverage.types')).toEqual([{ file: 'competences/', id: 'domaine 1', field: 'type' }]);
    expect(errors.find((error) => error.rule === 'coverage.types')?.message).toContain('QROCM-dep');
    expect(where('coverage.skillChallenge')).toEqual([]);
    expect(where('coverage.tubeTutorial')).toEqual([]);
  });

  it('coverage.skillChallenge: an acquis without any validé épreuve', async () => {
    fixture.editYaml(REQUETE_FILE, (tube) => {
      recordsOf(tube, 'skills').push({ level: 3, hint: { fr: 'Indice', en: 'Hint' } });
    });
    expect(await coverageErrors()).toContainEqual(
      expect.objectContaining({ file: REQUETE_FILE, id: '@requete3', field: 'challenges', rule: 'coverage.skillChallenge' }),
    );
  });

  it('coverage.tubeTutorial: a tube none of whose acquis offers a tutorial', async () => {
    fixture.editYaml(REQUETE_FILE, (tube) => {
      skillOf(tube, 1)['tutorials'] = [];
      skillOf(tube, 2)['tutorials'] = [];
    });
    expect(await coverageErrors()).toContainEqual(expect.objectContaining({ file: REQUETE_FILE, id: 'requete', field: 'tutorials', rule: 'coverage.tubeTutorial' }));
  });
});

describe('coverage rules on a generated bank that meets every target', () => {
  let dir: string;
  beforeEach(() => {
    dir = writeGeneratedBank();
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reports no error at all', async () => {
    // No similarity check: these instructions come from one template on purpose.
    const { errors, referential } = await loadReferential(dir, { checkCoverage: true });
    expect(errors).toEqual([]);
    expect([...referential.challenges.values()].filter((challenge) => challenge.status === 'validé').length).toBeGreaterThanOrEqual(COVERAGE_TARGETS.challenges);
  });
});

const TYPES = ['QCU', 'QCM', 'QROC', 'QROCM-ind', 'QROCM-dep'] as const;

/**
 * 16 competences × 3 tubes × levels 1–6 × 2 épreuves = 576 validé épreuves, types in rotation, every tenth
 * with an attachment, every twentieth timed: just over every coverage target.
 */
function writeGeneratedBank(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pix-embed-coverage-'));
  copyFileSync(join(DEFAULT_REFERENTIAL_DIR, 'framework.yaml'), join(dir, 'framework.yaml'));
  const indexes = ['1.1', '1.2', '1.3', '2.1', '2.2', '2.3', '2.4', '3.1', '3.2', '3.3', '3.4', '4.1', '4.2', '4.3', '5.1', '5.2'];
  let count = 0;
  for (const index of indexes) {
    for (const suffix of ['a', 'b', 'c']) {
      const name = `c${index.replace('.', '')}sujet${suffix}`;
      const challenges = [];
      for (let level = 1; level <= 6; level++) {
        for (const letter of ['a', 'b']) {
          const id = `${name}${level}-${letter}`;
          const type = TYPES[count % TYPES.length] ?? 'QCU';
          const challenge: Record<string, unknown> = {
            id,
            skill: `@${name}${level}`,
            type,
            status: 'validé',
            instruction: `Épreuve générée numéro ${count}, niveau ${level} ?`,
            ...answerOf(type),
          };
          if (count % 10 === 0) {
            challenge['attachments'] = ['donnees.csv'];
            writeFile(dir, `attachments/${id}/donnees.csv`, `a;b\n${count};${level}\n`);
          }
          if (count % 20 === 0) challenge['timer'] = 60;
          challenges.push(challenge);
          count++;
        }
      }
      const tube = {
        name,
        competence: index,
        title: { fr: `Sujet ${name}`, en: `Topic ${name}` },
        description: { fr: 'Un sujet généré.', en: 'A generated topic.' },
        skills: [1, 2, 3, 4, 5, 6].map((level) => ({ level, hint: { fr: 'Indice.', en: 'Hint.' }, tutorials: [`${name}-tuto`] })),
        tutorials: [{ id: `${name}-tuto`, title: 'Tutoriel', format: 'page', duration: 2, body: 'Un **tutoriel**.' }],
        challenges,
      };
      writeFile(dir, `competences/${index}/${name}.yaml`, stringify(tube));
    }
  }
  return dir;
}

function answerOf(type: (typeof TYPES)[number]): Record<string, unknown> {
  switch (type) {
    case 'QCU':
      return { proposals: ['oui', 'non', 'peut-être'], solution: 1 };
    case 'QCM':
      return { proposals: ['un', 'deux', 'trois'], solution: [1, 3] };
    case 'QROC':
      return { proposals: 'Réponse : ${r}', solution: ['Paris'] };
    case 'QROCM-ind':
      return { proposals: '${a} et ${b}', solution: { a: ['x'], b: ['y'] } };
    case 'QROCM-dep':
      return { proposals: '${a}\n${b}', solution: { x: ['x'], y: ['y'], z: ['z'] } };
  }
}

function writeFile(dir: string, path: string, content: string): void {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), content);
}
