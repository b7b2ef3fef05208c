import type { ProfileView, ResultsView } from '../../../../tool/src/shared/api-contract/evaluation.ts';
import { Tutorials } from '../components/Tutorials.tsx';
import type { Pupil } from '../Pupil.tsx';

/** "Retour à mon profil", with the levels as they are now. */
function back(app: Pupil): void {
  app.act(async () => app.go({ screen: 'profile', profile: await app.call<ProfileView>('GET', 'profile'), focus: true }));
}

/** End of an evaluation: level and pix reached in the competence, the level before, tutorials. */
export function ResultsScreen({ app, results }: { app: Pupil; results: ResultsView }) {
  const t = app.t;
  const { competence, level, pix } = results;
  return (
    <>
      {app.title(t('pupil.results'))}
      <h2>
        {competence.index} {competence.name}
      </h2>
      <p class="pix-total">{t('pupil.score', { level, pix })}</p>
      <p>{t('pupil.previous', { level: results.previousLevel })}</p>
      <Tutorials app={app} tutorials={results.tutorials} />
      <button type="button" disabled={app.state.busy} onClick={() => back(app)}>
        {t('pupil.back')}
      </button>
    </>
  );
}
