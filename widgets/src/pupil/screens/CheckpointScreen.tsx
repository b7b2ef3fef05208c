import type { CheckpointView } from '../../../../tool/src/shared/api-contract/evaluation.ts';
import { Title } from '../components/Title.tsx';
import { Tutorials } from '../components/Tutorials.tsx';
import type { Pupil } from '../Pupil.tsx';

/** After each series: each answer with its result (icon and words, not colour alone), then tutorials. */
export function CheckpointScreen({ app, checkpoint }: { app: Pupil; checkpoint: CheckpointView }) {
  const t = app.t;
  const { answers } = checkpoint;
  return (
    <>
      <Title focus={app.state.view.focus}>{t('pupil.checkpoint')}</Title>
      <ol class="pix-cards">
        {answers.map(({ challengeId, result, instructionHtml, givenAnswer, expectedAnswer }, i) => (
          <li key={challengeId} class="pix-card">
            <h2>{t('pupil.question', { n: i + 1, total: answers.length })}</h2>
            <p class={result === 'ok' ? 'pix-ok' : 'pix-ko'}>
              <span aria-hidden="true">{result === 'ok' ? '✓' : '✗'}</span> {t(`pupil.${result}`)}
            </p>
            {/* Sanitised on the server. */}
            <div class="pix-instruction" dangerouslySetInnerHTML={{ __html: instructionHtml }} />
            <p>{t('pupil.given', { answer: givenAnswer })}</p>
            <p>{t('pupil.expected', { answer: expectedAnswer })}</p>
          </li>
        ))}
      </ol>
      <Tutorials app={app} tutorials={checkpoint.tutorials} />
      <button type="button" disabled={app.state.busy} onClick={() => app.proceed(checkpoint)}>
        {t(checkpoint.completed ? 'pupil.seeResults' : 'pupil.continue')}
      </button>
    </>
  );
}
