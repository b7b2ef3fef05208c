import type { ChallengeView } from '../../../../tool/src/shared/api-contract/evaluation.ts';
import type { Translator } from '../../kit/messages.ts';

export interface BlocksAnswerProps {
  challenge: ChallengeView;
  texts: Record<string, string>;
  onText(key: string, text: string): void;
  t: Translator;
}

/** QROC and QROCM: lines of text with inputs and selects inline, each labelled by its block's aria label. */
export function BlocksAnswer({ challenge, texts, onText, t }: BlocksAnswerProps) {
  // `nombre` brings up the numeric keyboard on phones and tablets.
  const inputMode = challenge.format === 'nombre' ? 'decimal' : undefined;
  return (
    <fieldset>
      <legend>{t('pupil.answer')}</legend>
      {(challenge.lines ?? []).map((line, row) => (
        <p key={row}>
          {line.map((segment, i) => {
            // The épreuve's language on its text and fields (their labels are the épreuve's words).
            if (segment.kind === 'text') {
              return (
                <span key={`text-${i}`} lang={challenge.lang}>
                  {segment.text}
                </span>
              );
            }
            const { key, ariaLabel } = segment;
            const value = texts[key] ?? '';
            if (segment.kind === 'select') {
              return (
                <select key={key} lang={challenge.lang} aria-label={ariaLabel} value={value} onChange={(e) => onText(key, e.currentTarget.value)}>
                  <option value="">{t('pupil.choose')}</option>
                  {segment.options.map((option) => (
                    <option key={option} value={option}>
                      {option}
                    </option>
                  ))}
                </select>
              );
            }
            return (
              <input
                key={key}
                lang={challenge.lang}
                aria-label={ariaLabel}
                placeholder={segment.placeholder}
                inputMode={inputMode}
                autoComplete="off"
                value={value}
                onInput={(e) => onText(key, e.currentTarget.value)}
              />
            );
          })}
        </p>
      ))}
    </fieldset>
  );
}
