import type { ResultsView } from '../../../../tool/src/shared/api-contract/evaluation.ts';
import { Title } from '../components/Title.tsx';
import { Tutorials } from '../components/Tutorials.tsx';
import type { Pupil } from '../Pupil.tsx';

/** End of an evaluation: level and pix reached in the competence, the level before, tutorials. */
export function ResultsScreen({ app, results }: { app: Pupil; results: ResultsView }) {
  const t = app.t;
  const { competence, level, pix } = results;
  return (
    <>
      <Title focus={app.state.view.focus}>{t('pupil.results')}</Title>
      <h2>
        {competence.index} {competence.name}
      </h2>
      <p class="pix-total">{t('pupil.score', { level, pix })}</p>
      <p>{t('pupil.previous', { level: results.previousLevel })}</p>
      <Tutorials app={app} tutorials={results.tutorials} />
      <button type="button" disabled={app.state.busy} onClick={() => app.back()}>
        {t('pupil.back')}
      </button>
    </>
  );
}
