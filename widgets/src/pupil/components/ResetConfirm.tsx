import type { CompetenceCardView, ProfileView } from '../../../../tool/src/shared/api-contract/evaluation.ts';
import type { Pupil } from '../Pupil.tsx';

/** The profile with `card` in place of its former version; the total follows (a reset returns only the card). */
export function withCard(profile: ProfileView, card: CompetenceCardView): ProfileView {
  let totalPix = profile.totalPix + card.pix;
  const areas = profile.areas.map((area) => ({
    ...area,
    competences: area.competences.map((old) => {
      if (old.index !== card.index) return old;
      totalPix -= old.pix;
      return card;
    }),
  }));
  return { ...profile, areas, totalPix };
}

/** "Oui, remettre à zéro": the card comes back reset, the profile's total follows; focus returns to the card. */
function reset(app: Pupil, index: string): void {
  app.setState({ confirming: null, settled: index });
  app.act(async () => {
    const card = await app.call<CompetenceCardView>('POST', `competence-evaluations/${index}/reset`);
    app.setState(({ view }) => (view.screen === 'profile' ? { view: { ...view, profile: withCard(view.profile, card) } } : null));
  });
}

/** Module-level (stable identity): focuses the question once, re-renders do not steal focus again. */
function focusOnMount(element: HTMLElement | null): void {
  element?.focus();
}

/** "Réinitialiser ?" on a competence card: the question (focused), "Oui" and "Annuler". */
export function ResetConfirm({ app, card, describedBy }: { app: Pupil; card: CompetenceCardView; describedBy: string }) {
  const t = app.t;
  const { index } = card;
  const busy = app.state.busy;
  return (
    <div class="pix-note">
      <p tabIndex={-1} ref={focusOnMount}>
        {t('pupil.resetConfirm', { name: card.name })}
      </p>
      <button type="button" disabled={busy} aria-describedby={describedBy} onClick={() => reset(app, index)}>
        {t('pupil.resetYes')}
      </button>
      <button type="button" class="pix-btn2" disabled={busy} aria-describedby={describedBy} onClick={() => app.setState({ confirming: null, settled: index })}>
        {t('pupil.cancel')}
      </button>
    </div>
  );
}
