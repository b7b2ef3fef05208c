import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Pupil } from '../../../widgets/src/pupil/Pupil.tsx';
import { fakeApi, json } from './support/fakeApi.ts';
import { assessment, card, profile, pupilBoot, qcu, results } from './support/pupilFixtures.ts';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const cards = [
  card({ index: '1.1', status: 'STARTED', level: 3, pix: 29, pixAheadOfNextLevel: 5, percentToNextLevel: 62, assessmentId: 'a0' }),
  card({
    index: '2.1',
    name: 'Interagir',
    areaCode: '2',
    status: 'COMPLETED',
    level: 2,
    pix: 18,
    pixAheadOfNextLevel: 2,
    percentToNextLevel: 25,
    canImprove: true,
    canReset: true,
  }),
  card({ index: '2.2', name: 'Partager et publier', areaCode: '2', status: 'COMPLETED', level: 1, pix: 9, daysBeforeImprove: 2, daysBeforeReset: 3 }),
  card({ index: '3.1', name: 'Développer des documents textuels', areaCode: '3', status: 'COMPLETED', level: 1, pix: 8, daysBeforeImprove: 1, daysBeforeReset: 1 }),
  card({ index: '5.1', name: 'Résoudre des problèmes techniques', areaCode: '5', status: 'COMPLETED', level: 6, pix: 48, maxLevelReached: true, canReset: true }),
];

function cardOf(index: string): HTMLElement {
  const heading = screen.getByRole('heading', { level: 3, name: new RegExp(`^${index.replace('.', '\\.')} `) });
  const item = heading.closest('li');
  if (item === null) throw new Error(`no card for ${index}`);
  return item;
}

describe('pupil profile', () => {
  it('shows the total, the 5 areas and the 16 competences with level, status and progress', () => {
    render(<Pupil boot={pupilBoot({ screen: 'profile', profile: profile('fr', cards) })} />);

    expect(screen.getByRole('main')).toBeTruthy();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Mon profil');
    expect(screen.getByText('Score total : 112 pix')).toBeTruthy();
    const areas = screen.getAllByRole('heading', { level: 2 });
    expect(areas.map((area) => area.textContent)).toHaveLength(5);
    expect(areas[0]?.textContent).toBe('Domaine 1\u00a0: Information et données');
    expect(screen.getAllByRole('heading', { level: 3 })).toHaveLength(16);

    const started = within(cardOf('1.1'));
    expect(started.getByText('Niveau 3').textContent).toBe('Niveau 3');
    expect(cardOf('1.1').textContent).toContain('En cours');
    const bar = started.getByRole('progressbar', { name: '5\u00a0pix sur 8 vers le niveau 4' });
    expect([bar.getAttribute('aria-valuenow'), bar.getAttribute('aria-valuemin'), bar.getAttribute('aria-valuemax')]).toEqual(['5', '0', '8']);
    expect((bar.firstElementChild as HTMLElement).style.width).toBe('62%');
    expect(cardOf('1.2').textContent).toContain('Non commencée');
    expect(cardOf('2.1').textContent).toContain('Terminée');
  });

  it('offers the actions each card allows, with the delays otherwise', () => {
    render(<Pupil boot={pupilBoot({ screen: 'profile', profile: profile('fr', cards) })} />);

    expect(within(cardOf('1.2')).getByRole('button', { name: 'Commencer' })).toBeTruthy();
    expect(within(cardOf('1.1')).getByRole('button', { name: 'Reprendre' })).toBeTruthy();
    const improvable = within(cardOf('2.1'));
    expect(improvable.getByRole('button', { name: 'Améliorer mon niveau' })).toBeTruthy();
    expect(improvable.getByRole('button', { name: 'Remettre à zéro' })).toBeTruthy();
    const waiting = cardOf('2.2');
    expect(waiting.textContent).toContain('Améliorer dans 2\u00a0jours');
    expect(waiting.textContent).toContain('Remise à zéro possible dans 3\u00a0jours');
    expect(within(waiting).queryByRole('button')).toBeNull();
    expect(cardOf('3.1').textContent).toContain('Améliorer dans 1\u00a0jour');
    expect(cardOf('3.1').textContent).toContain('dans 1\u00a0jour');
    expect(cardOf('3.1').textContent).not.toContain('jours');
    const max = within(cardOf('5.1'));
    expect(max.getByText('Tu as atteint le niveau maximal.')).toBeTruthy();
    expect(max.queryByRole('button', { name: 'Améliorer mon niveau' })).toBeNull();
    expect(max.queryByRole('progressbar')).toBeNull();
    // Buttons say which competence they act on.
    expect(improvable.getByRole('button', { name: 'Améliorer mon niveau' }).getAttribute('aria-describedby')).toBe('pix-c2.1');
  });

  it('starts an evaluation with "Commencer" and shows its first challenge, focus on the question', async () => {
    const api = fakeApi().on('POST competence-evaluations', json(assessment(qcu())));
    render(<Pupil boot={pupilBoot({ screen: 'profile', profile: profile('fr', cards) })} />);

    fireEvent.click(within(cardOf('1.2')).getByRole('button', { name: 'Commencer' }));

    const question = await screen.findByRole('heading', { level: 2, name: 'Question 1 sur 5' });
    expect(api.sent('POST competence-evaluations')).toEqual([{ competenceIndex: '1.2' }]);
    expect(api.requests[0]?.authorization).toBe('Bearer tok-1');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Interagir');
    expect(document.activeElement).toBe(question);
  });

  it('resumes with "Reprendre" and improves with "Améliorer mon niveau" (improve: true)', async () => {
    const api = fakeApi().on('POST competence-evaluations', json(assessment(qcu())));
    const { unmount } = render(<Pupil boot={pupilBoot({ screen: 'profile', profile: profile('fr', cards) })} />);
    fireEvent.click(within(cardOf('1.1')).getByRole('button', { name: 'Reprendre' }));
    await screen.findByRole('heading', { name: 'Question 1 sur 5' });
    unmount();

    render(<Pupil boot={pupilBoot({ screen: 'profile', profile: profile('fr', cards) })} />);
    fireEvent.click(within(cardOf('2.1')).getByRole('button', { name: 'Améliorer mon niveau' }));
    await screen.findByRole('heading', { name: 'Question 1 sur 5' });

    expect(api.sent('POST competence-evaluations')).toEqual([{ competenceIndex: '1.1' }, { competenceIndex: '2.1', improve: true }]);
  });

  it('shows the results when the competence was already evaluated (completed assessment)', async () => {
    const api = fakeApi()
      .on('POST competence-evaluations', json(assessment(null, { state: 'completed' })))
      .on('GET assessments/a1/results', json(results()));
    render(<Pupil boot={pupilBoot({ screen: 'profile', profile: profile('fr', cards) })} />);

    fireEvent.click(within(cardOf('1.2')).getByRole('button', { name: 'Commencer' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Ton résultat' })).toBeTruthy();
    expect(api.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST competence-evaluations', 'GET assessments/a1/results']);
  });

  it('resets after an in-page confirmation, and cancelling sends nothing', async () => {
    const resetCard = card({ index: '2.1', name: 'Interagir', areaCode: '2' });
    const api = fakeApi().on('POST competence-evaluations/2.1/reset', json(resetCard));
    const confirmSpy = vi.fn();
    vi.stubGlobal('confirm', confirmSpy);
    render(<Pupil boot={pupilBoot({ screen: 'profile', profile: profile('fr', cards) })} />);
    const interagir = () => within(cardOf('2.1'));

    // The confirmation comes from the lazy chunk: it shows once the chunk is there.
    const enabled = async (name: string) => {
      const button = (await interagir().findByRole('button', { name })) as HTMLButtonElement;
      await waitFor(() => expect(button.disabled).toBe(false));
      return button;
    };
    fireEvent.click(await enabled('Remettre à zéro'));
    const question = await interagir().findByText(/^Remettre à zéro « Interagir » \?/);
    expect(document.activeElement).toBe(question);
    fireEvent.click(await enabled('Annuler'));
    expect(api.requests).toHaveLength(0);
    expect(document.activeElement).toBe(interagir().getByRole('heading', { level: 3 }));

    fireEvent.click(await enabled('Remettre à zéro'));
    fireEvent.click(await enabled('Oui, remettre à zéro'));

    expect(await interagir().findByRole('button', { name: 'Commencer' })).toBeTruthy();
    expect(api.sent('POST competence-evaluations/2.1/reset')).toEqual([undefined]);
    expect(cardOf('2.1').textContent).toContain('Niveau 0');
    expect(screen.getByText('Score total : 94 pix')).toBeTruthy();
    expect(confirmSpy).not.toHaveBeenCalled();
  });

  it('renders in English', () => {
    render(<Pupil boot={pupilBoot({ screen: 'profile', profile: profile('en', cards) }, 'en-GB')} />);

    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('My profile');
    expect(screen.getByText('Total score: 112 pix')).toBeTruthy();
    expect(screen.getAllByRole('heading', { level: 2 })[0]?.textContent).toBe('Area 1: Information and data literacy');
    expect(within(cardOf('1.1')).getByRole('progressbar', { name: '5 pix out of 8 towards level 4' })).toBeTruthy();
    expect(within(cardOf('1.1')).getByRole('button', { name: 'Resume' })).toBeTruthy();
    expect(cardOf('2.2').textContent).toContain('Improve in 2 days');
    expect(cardOf('3.1').textContent).toContain('Reset possible in 1 day');
    expect(document.body.textContent).not.toMatch(/Niveau|Commencer|Domaine/);
  });

  it('shows a boot error for boot data that is not pupil data', () => {
    render(<Pupil boot={pupilBoot({ screen: 'campaign' })} />);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Impossible d’afficher ce contenu');
    expect(document.body.textContent).toContain('BOOT_SHAPE_INVALID');
  });
});
