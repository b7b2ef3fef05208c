import type { TutorialView } from '../../../../tool/src/shared/api-contract/evaluation.ts';
import type { Pupil } from '../Pupil.tsx';

/**
 * Recommended tutorials; they open in a new tab, which their link says (RGAA 13.2). In GAR "text" mode an
 * external one shows its address as text instead of a link; in-tool ones (`/tutorials/:id`) get `?links=text`.
 */
export function Tutorials({ app, tutorials }: { app: Pupil; tutorials: TutorialView[] }) {
  const t = app.t;
  return tutorials.length > 0 ? (
    <section>
      <h2>{t('pupil.tutorials')}</h2>
      <ul>
        {tutorials.map(({ id, url, title, format, durationMinutes, source }) => {
          // The tool's own pages are asked to print their external addresses as text too.
          const href = app.href(url)?.concat(app.first?.outboundLinks === 'text' ? '?links=text' : '');
          return (
            <li key={id}>
              {href ? (
                <a href={href} target="_blank" rel="noopener noreferrer">
                  {title} <span class="pix-sr">{t('pupil.newTab')}</span>
                </a>
              ) : (
                `${title} (${url})`
              )}{' '}
              ({t('pupil.tutorial', { format, minutes: durationMinutes })}
              {source && `, ${source}`})
            </li>
          );
        })}
      </ul>
    </section>
  ) : null;
}
