import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Pupil } from '../../../widgets/src/pupil/Pupil.tsx';
import { fakeApi, json } from './support/fakeApi.ts';
import { answered, assessment, checkpoint, profile, pupilBoot, qcu, results } from './support/pupilFixtures.ts';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const ANSWERS = 'POST assessments/a1/answers';

/** Question n of the series: a QCU whose instruction says its number. */
function question(n: number, overrides = {}) {
  return assessment(qcu({ id: `rec-${n}`, instructionHtml: `<p>Consigne ${n}</p>` }), {
    progressInSeries: n,
    answeredCount: n - 1,
    ...overrides,
  });
}

/** Clicks a button once it is enabled (the previous request may still be settling). */
async function click(name: string): Promise<void> {
  const button = (await screen.findByRole('button', { name })) as HTMLButtonElement;
  await waitFor(() => expect(button.disabled).toBe(false));
  fireEvent.click(button);
}

async function answerWithChoiceA(): Promise<void> {
  fireEvent.click(screen.getByRole('radio', { name: 'Moteur A' }));
  await click('Je valide');
}

describe('pupil evaluation flow', () => {
  it('goes to the next challenge, moves focus to its heading and announces a level-up', async () => {
    const levelUp = { competenceIndex: '2.1', competenceName: 'Interagir', level: 3 };
    const api = fakeApi().on(ANSWERS, json(answered(question(2), { levelUp })), json(answered(question(3))));
    render(<Pupil boot={pupilBoot({ screen: 'assessment', assessment: question(1) })} />);
    // First screen of the page: focus is left where the platform put it.
    expect(document.activeElement).not.toBe(screen.getByRole('heading', { level: 2 }));

    await answerWithChoiceA();

    const heading = await screen.findByRole('heading', { level: 2, name: 'Question 2 sur 5' });
    expect(screen.getByText('Consigne 2')).toBeTruthy();
    expect(document.activeElement).toBe(heading);
    expect(heading.getAttribute('tabindex')).toBe('-1');
    const live = document.querySelector('[aria-live="polite"]');
    expect(live?.textContent).toBe('Bravo\u00a0! Tu passes au niveau 3 en «\u00a0Interagir\u00a0».');
    // No right/wrong feedback per question.
    expect(document.body.textContent).not.toMatch(/Bonne réponse|Mauvaise réponse/);

    await answerWithChoiceA();
    await screen.findByRole('heading', { level: 2, name: 'Question 3 sur 5' });
    expect(live?.textContent).toBe('');
    expect(api.sent(ANSWERS)).toHaveLength(2);
  });

  it('shows the checkpoint after the 5th answer: results, given and expected answers, tutorials; "Continuer" goes on', async () => {
    const api = fakeApi()
      .on(ANSWERS, json(answered(question(5, { checkpointDue: true, challenge: null, answeredCount: 5 }))))
      .on('GET assessments/a1/checkpoint', json(checkpoint()))
      .on('POST assessments/a1/continue', json(question(1, { answeredCount: 5 })));
    render(<Pupil boot={pupilBoot({ screen: 'assessment', assessment: question(5) })} />);

    await answerWithChoiceA();

    const title = await screen.findByRole('heading', { level: 1, name: 'Tes dernières réponses' });
    expect(document.activeElement).toBe(title);
    const items = within(document.querySelector('ol') ?? document.body).getAllByRole('listitem');
    expect(items).toHaveLength(5);
    expect(items.map((item) => item.querySelector('p')?.textContent)).toEqual([
      '✓ Bonne réponse',
      '✗ Mauvaise réponse',
      '✗ Passée',
      '✗ Temps écoulé',
      '✗ Page quittée',
    ]);
    expect(items[0]?.querySelector('[aria-hidden="true"]')?.textContent).toBe('✓');
    expect(items[1]?.textContent).toContain('Consigne 2');
    expect(items[1]?.textContent).toContain('Ta réponse\u00a0: Réponse 2');
    expect(items[1]?.textContent).toContain('Réponse attendue\u00a0: Attendu 2');
    expect(screen.getByRole('heading', { level: 2, name: 'Pour progresser' })).toBeTruthy();
    const link = screen.getByRole('link', { name: 'Chercher sur le web (nouvel onglet)' });
    expect([link.getAttribute('target'), link.getAttribute('rel')]).toEqual(['_blank', 'noopener noreferrer']);
    expect(link.getAttribute('href')).toMatch(/\/tutorials\/t1$/);
    expect(link.closest('li')?.textContent).toContain('(vidéo, 3\u00a0min, Pix)');

    await click('Continuer');

    expect(await screen.findByText('Consigne 1')).toBeTruthy();
    expect(api.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      ANSWERS,
      'GET assessments/a1/checkpoint',
      'POST assessments/a1/continue',
    ]);
  });

  it('ends with "Voir mon résultat" (continue, then results) and goes back to the profile', async () => {
    const over = assessment(null, { state: 'completed', checkpointDue: false });
    const api = fakeApi()
      .on('GET assessments/a1/checkpoint', json(checkpoint({ completed: true })))
      .on('POST assessments/a1/continue', json(over))
      .on('GET assessments/a1/results', json(results()))
      .on('GET profile', json(profile()));
    // Direct launch into an assessment whose checkpoint is due: the checkpoint is fetched first.
    render(<Pupil boot={pupilBoot({ screen: 'assessment', assessment: question(5, { checkpointDue: true, challenge: null }) })} />);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Chargement…');

    await click('Voir mon résultat');

    expect(await screen.findByRole('heading', { level: 1, name: 'Ton résultat' })).toBeTruthy();
    expect(screen.getByRole('heading', { level: 2, name: '2.1 Interagir' })).toBeTruthy();
    expect(screen.getByText('Niveau 3, 24 pix')).toBeTruthy();
    expect(screen.getByText('Niveau précédent : 2')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Écrire un courriel (nouvel onglet)' }).closest('li')?.textContent).toContain(
      '(page, 5\u00a0min)',
    );

    await click('Retour à mon profil');

    expect(await screen.findByRole('heading', { level: 1, name: 'Mon profil' })).toBeTruthy();
    expect(screen.getAllByRole('heading', { level: 3 })).toHaveLength(16);
    expect(api.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET assessments/a1/checkpoint',
      'POST assessments/a1/continue',
      'GET assessments/a1/results',
      'GET profile',
    ]);
  });

  it('a direct launch into a completed assessment shows its results', async () => {
    fakeApi().on('GET assessments/a1/results', json(results()));
    render(<Pupil boot={pupilBoot({ screen: 'assessment', assessment: assessment(null, { state: 'completed' }) })} />);

    expect(await screen.findByRole('heading', { level: 1, name: 'Ton résultat' })).toBeTruthy();
    // Not reached by navigation: focus is not moved.
    expect(document.activeElement).toBe(document.body);
  });

  it('keeps the session token refreshed by the server for the next calls', async () => {
    // The first answer is served by a one-off fetch that renews the token; the fake serves the second.
    const api = fakeApi().on(ANSWERS, json(answered(question(3))));
    vi.mocked(fetch).mockImplementationOnce(async () =>
      new Response(JSON.stringify(answered(question(2))), { headers: { 'X-Session-Token': 'tok-2' } }),
    );
    render(<Pupil boot={pupilBoot({ screen: 'assessment', assessment: question(1) })} />);

    await answerWithChoiceA();
    await screen.findByRole('heading', { name: 'Question 2 sur 5' });
    await answerWithChoiceA();
    await screen.findByRole('heading', { name: 'Question 3 sur 5' });

    expect(api.requests.map((r) => r.authorization)).toEqual(['Bearer tok-2']);
  });
});
