import type { CompetenceCardView } from '../../../../tool/src/shared/api-contract/evaluation.ts';
import { focusOnMount } from '../../kit/focus.ts';
import type { MessageKey } from '../../kit/messages.ts';
import type { Pupil } from '../Pupil.tsx';

/** Pix earned inside one level. */
export const PIX_PER_LEVEL = 8;

/** One competence: level, status, progress to the next level, and the actions its state allows. */
export function CompetenceCard({ app, card }: { app: Pupil; card: CompetenceCardView }) {
  const t = app.t;
  const { busy, confirming, settled } = app.state;
  const { index, status, level, pixAheadOfNextLevel: pix } = card;
  const id = `pix-c${index}`;
  const days = (n: number) => ({ days: n, s: n > 1 ? 's' : '' });
  // aria-describedby: "Commencer" alone does not say which of the 16 competences.
  const action = (label: MessageKey, onClick: () => void, secondary?: boolean) => (
    <button type="button" class={secondary ? 'pix-btn2' : undefined} disabled={busy} aria-describedby={id} onClick={onClick}>
      {t(label)}
    </button>
  );
  return (
    <li class="pix-card">
      {/* Focus comes back here when the reset confirmation closes. */}
      <h3 id={id} tabIndex={-1} ref={settled === index ? focusOnMount : undefined}>
        {index} {card.name}
      </h3>
      <p>
        <strong>{t('pupil.level', { level })}</strong>, {t(`pupil.${status}`)}
      </p>
      {card.maxLevelReached ? (
        <p>{t('pupil.maxLevel')}</p>
      ) : (
        <>
          <p id={`${id}p`}>{t('pupil.progress', { pix, level: level + 1 })}</p>
          <div
            class="pix-bar"
            role="progressbar"
            aria-labelledby={`${id}p`}
            aria-valuemin={0}
            aria-valuemax={PIX_PER_LEVEL}
            aria-valuenow={pix}
          >
            <span style={{ width: `${card.percentToNextLevel}%` }} />
          </div>
        </>
      )}
      {status === 'COMPLETED'
        ? !card.maxLevelReached &&
          (card.canImprove ? action('pupil.improve', () => app.start(index, true)) : <p>{t('pupil.improveIn', days(card.daysBeforeImprove))}</p>)
        : action(status === 'STARTED' ? 'pupil.resume' : 'pupil.start', () => app.start(index, false))}
      {status !== 'NOT_STARTED' &&
        (confirming === index ? (
          <app.later.ResetConfirm app={app} card={card} describedBy={id} />
        ) : card.canReset ? (
          action('pupil.reset', () => app.confirm(index), true)
        ) : (
          <p>{t('pupil.resetIn', days(card.daysBeforeReset))}</p>
        ))}
    </li>
  );
}
