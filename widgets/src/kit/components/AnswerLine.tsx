import { messageAround, type Translator } from '../messages.ts';

/** "Ta réponse : …" or "Réponse attendue : …", the answer marked in the épreuve's language (WCAG 3.1.2). */
export function AnswerLine({ t, which, answer, lang }: { t: Translator; which: 'pupil.given' | 'pupil.expected'; answer: string; lang: string }) {
  const [before, after] = messageAround(t, which, 'answer');
  return (
    <p>
      {before}
      <span lang={lang}>{answer}</span>
      {after}
    </p>
  );
}
