import type { TutorialView } from '../../../../tool/src/shared/api-contract/evaluation.ts';
import type { Pupil } from '../Pupil.tsx';

/** Recommended tutorials; they open in a new tab, which their link says (RGAA 13.2). */
export function Tutorials({ app, tutorials }: { app: Pupil; tutorials: TutorialView[] }) {
  const t = app.t;
  return tutorials.length > 0 ? (
    <section>
      <h2>{t('pupil.tutorials')}</h2>
      <ul>
        {tutorials.map(({ id, url, title, format, durationMinutes, source }) => (
          <li key={id}>
            <a href={app.url(url)} target="_blank" rel="noopener noreferrer">
              {title} <span class="pix-sr">{t('pupil.newTab')}</span>
            </a>{' '}
            ({t('pupil.tutorial', { format, minutes: durationMinutes })}
            {source && `, ${source}`})
          </li>
        ))}
      </ul>
    </section>
  ) : null;
}
