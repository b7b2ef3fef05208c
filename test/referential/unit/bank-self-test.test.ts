import { writtenRightAnswer } from '../../../tool/src/bench/answer-values.ts';
import { describe, expect, it } from 'vitest';
import { parseLocaleNumber, validateAnswer } from '../../../tool/src/referential/domain/answer-validation/index.ts';
import type { Challenge } from '../../../tool/src/referential/domain/referential.ts';
import { loadReferential } from '../../../tool/src/referential/infrastructure/load-referential.ts';
import { DEFAULT_REFERENTIAL_DIR } from '../../../tool/src/referential/infrastructure/referential-dir.ts';

/**
 * Self-test of the real bank: every playable épreuve accepts its own first accepted answer and refuses a
 * plainly wrong one. Catches answers that treatments reduce to nothing, select answers that are not
 * options, solutions pointing at the wrong proposal count…
 */
const { referential } = await loadReferential(DEFAULT_REFERENTIAL_DIR);
const playable = [...referential.challenges.values()].filter((challenge) => challenge.status === 'validé');
const WRONG_TEXT = 'zzqx réponse fausse 987';

describe('bank self-test', () => {
  it('has playable épreuves to test', () => {
    expect(playable.length).toBeGreaterThan(0);
  });

  it.for(playable.map((challenge) => [challenge.id, challenge] as const))('%s accepts its first answer, refuses a wrong one', ([, challenge]) => {
    expect(validateAnswer(challenge.solution, { value: writtenRightAnswer(challenge.solution) }).status).toBe('ok');
    for (const wrong of plainlyWrongAnswers(challenge)) {
      expect(validateAnswer(challenge.solution, { value: wrong }).status, JSON.stringify(wrong)).toBe('ko');
    }
  });
});


function plainlyWrongAnswers({ solution, proposals }: Challenge): unknown[] {
  const choiceCount = proposals.kind === 'choices' ? proposals.choicesHtml.length : 0;
  switch (solution.type) {
    case 'QCU':
      return [(solution.value % choiceCount) + 1];
    case 'QCM': {
      const wrongChoice = Array.from({ length: choiceCount }, (_, index) => index + 1).find((choice) => !solution.values.includes(choice));
      const answers: unknown[] = [[...solution.values, wrongChoice]];
      if (solution.values.length > 1) answers.push(solution.values.slice(1));
      return answers;
    }
    case 'QROC': {
      const number = solution.format === 'nombre' ? parseLocaleNumber(solution.accepted[0] ?? '') : null;
      return number === null ? [WRONG_TEXT] : [WRONG_TEXT, String(Math.abs(number) * 1000 + 987_654)];
    }
    case 'QROCM-ind':
      return [Object.fromEntries(Object.keys(solution.accepted).map((key) => [key, WRONG_TEXT]))];
    case 'QROCM-dep':
      return [Object.fromEntries(solution.fieldKeys.map((key) => [key, WRONG_TEXT]))];
  }
}
