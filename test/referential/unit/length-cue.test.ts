import { describe, expect, it } from 'vitest';
import { checkLengthCue, keyLengthRank } from '../../../tool/src/referential/infrastructure/check-length-cue.ts';
import { loadReferential } from '../../../tool/src/referential/infrastructure/load-referential.ts';
import { DEFAULT_REFERENTIAL_DIR } from '../../../tool/src/referential/infrastructure/referential-dir.ts';
import type { Challenge } from '../../../tool/src/referential/domain/referential.ts';
import { buildSyntheticReferential } from '../../evaluation/support/synthetic-referential.ts';

/** A competence of ten QCU (one per level, right proposal written first); `keyIs(i)` says how the i-th key reads. */
function competenceWhere(keyIs: (i: number) => 'longest' | 'shortest' | 'middle', count = 10) {
  const referential = buildSyntheticReferential([{ index: '1.1', tubes: [{ name: 'sujet', levels: Array.from({ length: count }, (_, i) => i + 1), challengesPerSkill: 1 }] }]);
  const qcu = referential.challengesByCompetence.get('1.1')!;
  qcu.forEach((challenge, i) => {
    const key = { longest: 'une réponse bien plus longue', shortest: 'oui', middle: 'réponse moyenne' }[keyIs(i)];
    (challenge as { proposals: Challenge['proposals'] }).proposals = { kind: 'choices', choicesHtml: [key, 'une autre réponse', 'la troisième', 'ni celle-ci'] };
  });
  return referential;
}

describe('length cue of the right proposal (cue.keyLength)', () => {
  it('reads the text a pupil sees, tags and character references aside', () => {
    const [challenge] = competenceWhere(() => 'middle').challengesByCompetence.get('1.1')!;
    (challenge as { proposals: Challenge['proposals'] }).proposals = { kind: 'choices', choicesHtml: ['<code>a&#39;b</code>', 'abcd', 'abc'] };
    expect(keyLengthRank(challenge!)).toEqual({ longest: false, shortest: true });
  });

  it('reports a competence whose right proposal is the longest in more than 40 % of its QCU', () => {
    const errors = checkLengthCue(competenceWhere((i) => (i < 5 ? 'longest' : 'middle')));
    expect(errors).toMatchObject([{ rule: 'cue.keyLength', id: '1.1', file: 'competences/1.1/' }]);
    expect(errors[0]!.message).toContain('plus longue dans 50 %');
    expect(checkLengthCue(competenceWhere((i) => (i < 4 ? 'longest' : 'middle')))).toEqual([]);
  });

  it('reports the shortest the same way, and says nothing of a competence with too few QCU to tell', () => {
    expect(checkLengthCue(competenceWhere((i) => (i < 6 ? 'shortest' : 'middle')))[0]!.message).toContain('plus courte dans 60 %');
    expect(checkLengthCue(competenceWhere(() => 'longest', 7))).toEqual([]);
  });

  it('passes on the real bank', async () => {
    const { referential } = await loadReferential(DEFAULT_REFERENTIAL_DIR);
    expect(checkLengthCue(referential).map((error) => `${error.id}: ${error.message}`)).toEqual([]);
  });
});
