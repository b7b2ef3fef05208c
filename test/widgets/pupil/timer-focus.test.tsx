import { act, cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Pupil } from '../../../widgets/src/pupil/Pupil.tsx';
import { fakeApi, json, type FakeApi } from './support/fakeApi.ts';
import { answered, assessment, pupilBoot, qcu, qroc } from './support/pupilFixtures.ts';

const ANSWERS = 'POST assessments/a1/answers';
const next = assessment(qcu({ id: 'rec-next', instructionHtml: '<p>Question suivante</p>' }), { progressInSeries: 2 });

beforeEach(() => {
  // Only the countdown's clock: testing-library's own timeouts stay real.
  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
});

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

async function elapse(ms: number): Promise<void> {
  await act(() => {
    vi.advanceTimersByTime(ms);
  });
}

function launch(challenge = qroc({ timer: 30 })): FakeApi {
  const api = fakeApi().on(ANSWERS, json(answered(next)));
  render(<Pupil boot={pupilBoot({ screen: 'assessment', assessment: assessment(challenge) })} />);
  return api;
}

const timer = () => screen.getByRole('timer');
const announcement = () => document.querySelector('p.pix-sr[aria-live="polite"]');

describe('timed challenges', () => {
  it('shows a notice first, then counts down, announces 10 s left once, and sends the answer with timedOut at zero', async () => {
    const api = launch();

    expect(screen.getByText('Cette question est chronométrée : tu auras 30 secondes.')).toBeTruthy();
    expect(screen.queryByRole('textbox')).toBeNull();
    expect(screen.queryByText('Combien de lignes compte le fichier\u00a0?')).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Je commence' }));

    const heading = screen.getByRole('heading', { level: 2, name: 'Question 1 sur 5' });
    expect(document.activeElement).toBe(heading);
    expect(timer().textContent).toBe('Temps restant\u00a0: 0:30');
    expect(timer().getAttribute('aria-live')).toBeNull();
    expect(announcement()?.textContent).toBe('');
    fireEvent.input(screen.getByRole('textbox', { name: 'Nombre de lignes' }), { target: { value: '12' } });

    await elapse(5000);
    expect(timer().textContent).toBe('Temps restant\u00a0: 0:25');
    expect(announcement()?.textContent).toBe('');
    await elapse(15_000);
    expect(timer().textContent).toBe('Temps restant\u00a0: 0:10');
    expect(announcement()?.textContent).toBe('Temps restant\u00a0: 0:10');
    await elapse(5000);
    expect(timer().textContent).toBe('Temps restant\u00a0: 0:05');
    expect(announcement()?.textContent).toBe('Temps restant\u00a0: 0:10');
    expect(api.requests).toHaveLength(0);

    await elapse(5000);
    await screen.findByText('Question suivante');

    expect(api.sent(ANSWERS)).toEqual([{ challengeId: 'rec-qroc', value: '12', timedOut: true }]);
  });

  it('sends an empty timed-out answer as skipped', async () => {
    const api = launch();
    fireEvent.click(screen.getByRole('button', { name: 'Je commence' }));

    await elapse(30_000);
    await screen.findByText('Question suivante');

    expect(api.sent(ANSWERS)).toEqual([{ challengeId: 'rec-qroc', skipped: true, timedOut: true }]);
  });

  it('sends no timedOut when answered in time', async () => {
    const api = launch(qcu({ timer: 60 }));
    fireEvent.click(screen.getByRole('button', { name: 'Je commence' }));
    fireEvent.click(screen.getByRole('radio', { name: 'Moteur C' }));

    fireEvent.click(screen.getByRole('button', { name: 'Je valide' }));
    await screen.findByText('Question suivante');
    await elapse(60_000);

    expect(api.sent(ANSWERS)).toEqual([{ challengeId: 'rec-qcu', value: 3 }]);
  });

  it('after a reload, skips the notice and goes on from askedAt + timer', async () => {
    const api = launch(qroc({ timer: 30, askedAt: new Date(Date.now() - 22_000).toISOString() }));

    expect(screen.queryByRole('button', { name: 'Je commence' })).toBeNull();
    expect(timer().textContent).toBe('Temps restant\u00a0: 0:08');
    await elapse(500);
    expect(announcement()?.textContent).toBe('Temps restant\u00a0: 0:08');

    await elapse(8000);
    await screen.findByText('Question suivante');
    expect(api.sent(ANSWERS)).toEqual([{ challengeId: 'rec-qroc', skipped: true, timedOut: true }]);
  });
});

describe('focused challenges', () => {
  it('asks to stay on the page, warns when the window loses focus, and sends focusedOut', async () => {
    const api = launch(qcu({ focused: true }));
    expect(screen.getByText('Reste sur cette page pendant la question.')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();

    await act(() => {
      window.dispatchEvent(new Event('blur'));
    });

    expect(screen.getByRole('alert').textContent).toBe('Tu as quitté la page\u00a0: ce sera signalé avec ta réponse.');
    fireEvent.click(screen.getByRole('radio', { name: 'Moteur B' }));
    fireEvent.click(screen.getByRole('button', { name: 'Je valide' }));
    await screen.findByText('Question suivante');

    expect(api.sent(ANSWERS)).toEqual([{ challengeId: 'rec-qcu', value: 2, focusedOut: true }]);
  });

  it('counts a hidden page (visibilitychange) as leaving, but not a click into the challenge’s embed', async () => {
    launch(qcu({ focused: true, embed: { url: 'about:blank', title: 'Outil', height: 200 } }));
    const embed = screen.getByTitle('Outil');

    await act(() => {
      embed.focus();
      window.dispatchEvent(new Event('blur'));
    });
    expect(screen.queryByRole('alert')).toBeNull();

    vi.spyOn(document, 'hidden', 'get').mockReturnValue(true);
    await act(() => {
      document.dispatchEvent(new Event('visibilitychange'));
    });
    expect(screen.getByRole('alert')).toBeTruthy();
  });

  it('does not watch a challenge that is not focused', async () => {
    const api = launch(qcu());
    await act(() => {
      window.dispatchEvent(new Event('blur'));
    });
    fireEvent.click(screen.getByRole('radio', { name: 'Moteur B' }));
    fireEvent.click(screen.getByRole('button', { name: 'Je valide' }));
    await screen.findByText('Question suivante');

    expect(screen.queryByRole('alert')).toBeNull();
    expect(api.sent(ANSWERS)).toEqual([{ challengeId: 'rec-qcu', value: 2 }]);
  });
});
