import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findCommand } from '../../../tool/src/cli/registry.ts';
import { benchReferentialCommand } from '../../../tool/src/cli/commands/bench-referential.ts';
import { referentialCheckCommand } from '../../../tool/src/cli/commands/referential-check.ts';
import { challengeOf, copyFixture, MINIMAL_FIXTURE, REQUETE_FILE, type FixtureReferential } from '../support/fixture-referential.ts';

describe('npx pix-embed referential check', () => {
  it('is registered and needs no database', () => {
    expect(findCommand(['referential', 'check'])?.command).toBe(referentialCheckCommand);
    expect(findCommand(['bench', 'referential'])?.command).toBe(benchReferentialCommand);
    expect(referentialCheckCommand.needsDatabase).toBe(false);
    expect(benchReferentialCommand.needsDatabase).toBe(false);
  });

  it('prints the statistics as JSON: validé épreuves only, every type, levels played per competence', async () => {
    const result = await referentialCheckCommand.run({ args: [], options: { json: true, dir: MINIMAL_FIXTURE } });
    expect(result.json).toEqual({
      areas: 1,
      competences: 2,
      tubes: 2,
      skills: 3,
      challenges: 5,
      byType: { QCU: 2, QCM: 1, QROC: 1, 'QROCM-ind': 1, 'QROCM-dep': 0 },
      byCompetence: {
        '1.1': { skills: 2, challenges: 4, levels: [1, 2] },
        '1.2': { skills: 1, challenges: 1, levels: [3] },
      },
      errors: expect.arrayContaining([expect.objectContaining({ rule: 'coverage.competences' })]),
    });
  });

  it('exits with 1 on any error, coverage included', async () => {
    const result = await referentialCheckCommand.run({ args: [], options: { dir: MINIMAL_FIXTURE } });
    expect(result.exitCode).toBe(1);
  });

  describe('on an edited copy', () => {
    let fixture: FixtureReferential;
    beforeEach(() => {
      fixture = copyFixture();
    });
    afterEach(() => fixture.cleanup());

    it('prints a summary table and the errors grouped by file', async () => {
      fixture.editYaml(REQUETE_FILE, (tube) => {
        challengeOf(tube, 'requete1-a')['solution'] = 7;
      });
      const result = await referentialCheckCommand.run({ args: [], options: { dir: fixture.dir } });
      expect(result.exitCode).toBe(1);
      expect(result.text).toContain('1 domaines · 2 compétences · 2 sujets · 3 acquis · 5 épreuves validées');
      expect(result.text).toContain('Par type : QCU 2 · QCM 1 · QROC 1 · QROCM-ind 1 · QROCM-dep 0');
      expect(result.text).toMatch(/^1\.1 +2 +4 +1 2$/m);
      expect(result.text).toContain(`${REQUETE_FILE}\n  requete1-a · solution  [solution.range]`);
      expect(result.text).toMatch(/Référentiel invalide : \d+ erreur\(s\)\.$/);
    });
  });
});

describe('npx pix-embed bench referential', () => {
  it('loads 20 times and reports the median and p95 load times', async () => {
    const result = await benchReferentialCommand.run({ args: [], options: { json: true, dir: MINIMAL_FIXTURE } });
    expect(result.exitCode).toBe(0);
    expect(result.json).toEqual({
      loadMs: expect.any(Number),
      p95Ms: expect.any(Number),
      runs: 20,
      challenges: 6,
      cpuMs: expect.any(Number),
      yamlFallbacks: 0,
    });
    expect(result.text).toContain('médiane');
  });
});
