import type { ProfileView } from '../../../../tool/src/shared/api-contract/evaluation.ts';
import { CompetenceCard } from '../components/CompetenceCard.tsx';
import { Title } from '../components/Title.tsx';
import type { Pupil } from '../Pupil.tsx';

/** The pupil's profile: total pix, then the 5 areas and their competence cards. */
export function ProfileScreen({ app, profile }: { app: Pupil; profile: ProfileView }) {
  const t = app.t;
  return (
    <>
      <Title focus={app.state.view.focus}>{t('pupil.title')}</Title>
      <p class="pix-total">{t('pupil.total', { pix: profile.totalPix })}</p>
      {profile.areas.map(({ code, name, competences }) => (
        <section key={code}>
          <h2>{t('about.area', { code, name })}</h2>
          <ul class="pix-cards">
            {competences.map((card) => (
              <CompetenceCard key={card.index} app={app} card={card} />
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}
