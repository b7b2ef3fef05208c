import { describe, expect, it } from 'vitest';
import { scoreCompetence, totalPixScore } from '../../../tool/src/evaluation/domain/scoring/competence-score.ts';
import { computeSkillPixValues } from '../../../tool/src/evaluation/domain/scoring/skill-pix-values.ts';
import { knowledgeElement } from '../support/builders.ts';

const validated = (skillId: string, earnedPix: number, competenceIndex = '1.1') =>
  knowledgeElement({ skillId, earnedPix, competenceIndex, status: 'validated' });

describe('pix value of an acquis', () => {
  it('is min(4, 8 ÷ playable acquis of the same competence and level), 0 when not playable', () => {
    const skills = [
      { id: '@a1', competenceIndex: '1.1', level: 1 },
      { id: '@a2', competenceIndex: '1.1', level: 2 },
      { id: '@b2', competenceIndex: '1.1', level: 2 },
      { id: '@c2', competenceIndex: '1.1', level: 2 },
      { id: '@d2', competenceIndex: '1.1', level: 2 },
      { id: '@e2', competenceIndex: '1.1', level: 2 },
      { id: '@x2', competenceIndex: '1.2', level: 2 },
    ];
    const values = computeSkillPixValues({ skills, isPlayable: (id) => id !== '@e2' });
    expect(Object.fromEntries(values)).toEqual({ '@a1': 4, '@a2': 2, '@b2': 2, '@c2': 2, '@d2': 2, '@e2': 0, '@x2': 4 });
  });
});

describe('competence score and level', () => {
  it('sums the pix of current KEs, floors pix and level', () => {
    const kes = [validated('@a1', 4), validated('@b1', 4), validated('@a2', 8 / 3), validated('@b2', 8 / 3), knowledgeElement({ skillId: '@c2', status: 'invalidated' })];
    expect(scoreCompetence({ knowledgeElements: kes, competenceIndex: '1.1' })).toEqual({ exactlyEarnedPix: 8 + 16 / 3, pixScore: 13, level: 1 });
  });

  it('counts a level reached through fractional pix values (6 × 8⁄6 is level 1, not 0)', () => {
    const kes = Array.from({ length: 6 }, (_, i) => validated(`@s${i}1`, 8 / 6));
    expect(scoreCompetence({ knowledgeElements: kes, competenceIndex: '1.1' })).toMatchObject({ pixScore: 8, level: 1 });
  });

  it('ignores other competences, superseded and reset KEs', () => {
    const kes = [
      validated('@a1', 4),
      knowledgeElement({ skillId: '@a1', status: 'reset', createdAt: new Date('2026-04-01') }),
      validated('@b1', 4),
      validated('@z1', 4, '2.1'),
    ];
    expect(scoreCompetence({ knowledgeElements: kes, competenceIndex: '1.1' }).exactlyEarnedPix).toBe(4);
  });

  it('caps level and pix at the maximum reachable level, 6 by default, configurable', () => {
    const kes = Array.from({ length: 16 }, (_, i) => validated(`@s${i}`, 4)); // 64 pix
    expect(scoreCompetence({ knowledgeElements: kes, competenceIndex: '1.1' })).toMatchObject({ pixScore: 48, level: 6 });
    expect(scoreCompetence({ knowledgeElements: kes, competenceIndex: '1.1', maxReachableLevel: 5 })).toMatchObject({ pixScore: 40, level: 5 });
  });

  it('total Pix score sums the capped pix of each competence', () => {
    const kes = [
      ...Array.from({ length: 14 }, (_, i) => validated(`@s${i}`, 4)), // 56 pix → 48
      validated('@t1', 4, '2.1'),
      validated('@t2', 2.5, '2.1'), // 6.5 → 6
    ];
    expect(totalPixScore({ knowledgeElements: kes, competenceIndexes: ['1.1', '2.1', '3.1'] })).toBe(54);
  });
});
