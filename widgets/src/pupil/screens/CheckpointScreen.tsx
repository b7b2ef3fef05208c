import type { AssessmentView, CheckpointView } from '../../../../tool/src/shared/api-contract/evaluation.ts';
import { Tutorials } from '../components/Tutorials.tsx';
import type { Pupil } from '../Pupil.tsx';
import { AnswerLine } from '../../kit/components/AnswerLine.tsx';

/**
 * "Continuer" or, at the end, "Voir mon résultat": the next challenge, or the end once the checkpoint is seen.
 * A level-up announced with the last answer (often reached through the knowledge the engine settles at the end)
 * is announced again with the results it belongs to.
 */
function proceed(app: Pupil, { assessmentId, completed }: CheckpointView): void {
  const { levelUp } = app.state;
  app.act(async () => {
    await app.show(await app.call<AssessmentView>('POST', `assessments/${assessmentId}/continue`), false);
    if (completed && levelUp) app.setState({ levelUp });
  });
}

/** After each series: each answer with its result (icon and words, not colour alone), then tutorials. */
export function CheckpointScreen({ app, checkpoint }: { app: Pupil; checkpoint: CheckpointView }) {
  const t = app.t;
  const { answers } = checkpoint;
  return (
    <>
      {app.title(t('pupil.checkpoint'))}
      <ol class="pix-cards">
        {answers.map(({ challengeId, lang, result, instructionHtml, givenAnswer, expectedAnswer }, i) => (
          <li key={challengeId} class="pix-card">
            <h2>{t('pupil.question', { n: i + 1, total: answers.length })}</h2>
            <p class={result === 'ok' ? 'pix-ok' : 'pix-ko'}>
              <span aria-hidden="true">{result === 'ok' ? '✓' : '✗'}</span> {t(`pupil.${result}`)}
            </p>
            {/* Sanitised on the server. */}
            <div class="pix-instruction" lang={lang} dangerouslySetInnerHTML={app.html(instructionHtml)} />
            <AnswerLine t={t} which="pupil.given" answer={givenAnswer} lang={lang} />
            <AnswerLine t={t} which="pupil.expected" answer={expectedAnswer} lang={lang} />
          </li>
        ))}
      </ol>
      <Tutorials app={app} tutorials={checkpoint.tutorials} />
      <button type="button" disabled={app.state.busy} onClick={() => proceed(app, checkpoint)}>
        {t(checkpoint.completed ? 'pupil.seeResults' : 'pupil.continue')}
      </button>
    </>
  );
}
