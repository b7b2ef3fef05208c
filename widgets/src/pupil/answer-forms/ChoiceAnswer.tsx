import type { ChallengeView } from '../../../../tool/src/shared/api-contract/evaluation.ts';
import type { Translator } from '../../kit/messages.ts';

export interface ChoiceAnswerProps {
  challenge: ChallengeView;
  picked: number[];
  onPick(picked: number[]): void;
  t: Translator;
}

/** QCU (radio group) and QCM (checkboxes): a fieldset whose legend says how many to pick. */
export function ChoiceAnswer({ challenge, picked, onPick, t }: ChoiceAnswerProps) {
  const multiple = challenge.type === 'QCM';
  return (
    <fieldset>
      <legend>{t(multiple ? 'pupil.pickMany' : 'pupil.pickOne')}</legend>
      {(challenge.choices ?? []).map(({ value, html }) => (
        <label key={value}>
          <input
            type={multiple ? 'checkbox' : 'radio'}
            name={`pix-${challenge.id}`}
            value={value}
            checked={picked.includes(value)}
            onChange={() =>
              onPick(multiple ? (picked.includes(value) ? picked.filter((v) => v !== value) : [...picked, value]) : [value])
            }
          />
          {/* Sanitised on the server. */}
          <span lang={challenge.lang} dangerouslySetInnerHTML={{ __html: html }} />
        </label>
      ))}
    </fieldset>
  );
}
