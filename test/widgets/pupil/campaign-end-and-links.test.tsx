import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Pupil } from '../../../widgets/src/pupil/Pupil.tsx';
import { fakeApi, json } from './support/fakeApi.ts';
import { answered, assessment, checkpoint, pupilBoot, qcu, results, tutorial } from './support/pupilFixtures.ts';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

const ANSWERS = 'POST assessments/a1/answers';

/** Forms the player submits (the page would be left): recorded instead. */
function catchSubmits(): HTMLFormElement[] {
  const submitted: HTMLFormElement[] = [];
  vi.spyOn(HTMLFormElement.prototype, 'submit').mockImplementation(function (this: HTMLFormElement) {
    submitted.push(this);
  });
  return submitted;
}

async function click(name: string): Promise<void> {
  const button = (await screen.findByRole('button', { name })) as HTMLButtonElement;
  await waitFor(() => expect(button.disabled).toBe(false));
  fireEvent.click(button);
}

async function answerA(): Promise<void> {
  fireEvent.click(screen.getByRole('radio', { name: 'Moteur A' }));
  await click('Je valide');
}

const campaignQuestion = (overrides = {}) => assessment(qcu(), { type: 'CAMPAIGN', competence: null, answeredCount: 3, progressInSeries: 4, ...overrides });
const campaignOver = (overrides = {}) => assessment(null, { type: 'CAMPAIGN', competence: null, state: 'completed', answeredCount: 4, ...overrides });

function fields(form: HTMLFormElement): Record<string, string> {
  return Object.fromEntries([...form.querySelectorAll('input')].map((input) => [input.name, input.value]));
}

describe('end of a campaign assessment in the pupil player', () => {
  it('after the last answer, posts the play page again (campaign results) with the session token, without asking for competence results', async () => {
    const submitted = catchSubmits();
    const api = fakeApi().on(ANSWERS, json(answered(campaignOver())));
    render(<Pupil boot={pupilBoot({ screen: 'assessment', assessment: campaignQuestion() })} />);

    await answerA();

    await waitFor(() => expect(submitted).toHaveLength(1));
    const form = submitted[0]!;
    expect(form.method).toBe('post');
    expect(form.getAttribute('action') ?? form.action).toMatch(/\/campaigns\/play$/);
    expect(fields(form)).toEqual({ token: 'tok-1', assessmentId: 'a1' });
    expect(api.requests.map((r) => `${r.method} ${r.path}`)).toEqual([ANSWERS]);
  });

  it('shows the last checkpoint first; "Voir mon résultat" then leaves for the campaign results', async () => {
    const submitted = catchSubmits();
    const api = fakeApi()
      .on(ANSWERS, json(answered(campaignOver({ answeredCount: 5, checkpointDue: true }))))
      .on('GET assessments/a1/checkpoint', json(checkpoint({ completed: true })))
      .on('POST assessments/a1/continue', json(campaignOver({ answeredCount: 5 })));
    render(<Pupil boot={pupilBoot({ screen: 'assessment', assessment: campaignQuestion({ answeredCount: 4, progressInSeries: 5 }) })} />);

    await answerA();
    expect(await screen.findByRole('heading', { level: 1, name: 'Tes dernières réponses' })).toBeTruthy();
    expect(submitted).toHaveLength(0);

    await click('Voir mon résultat');

    await waitFor(() => expect(submitted).toHaveLength(1));
    expect(fields(submitted[0]!).assessmentId).toBe('a1');
    expect(api.requests.map((r) => `${r.method} ${r.path}`)).toEqual([ANSWERS, 'GET assessments/a1/checkpoint', 'POST assessments/a1/continue']);
  });

  it('a checkpoint in the middle of a campaign assessment goes on to the next question', async () => {
    const submitted = catchSubmits();
    fakeApi()
      .on(ANSWERS, json(answered(campaignQuestion({ answeredCount: 5, checkpointDue: true, challenge: null }))))
      .on('GET assessments/a1/checkpoint', json(checkpoint()))
      .on('POST assessments/a1/continue', json(campaignQuestion({ answeredCount: 5, progressInSeries: 1 })));
    render(<Pupil boot={pupilBoot({ screen: 'assessment', assessment: campaignQuestion({ answeredCount: 4, progressInSeries: 5 }) })} />);

    await answerA();
    await click('Continuer');

    expect(await screen.findByRole('heading', { level: 2, name: 'Question 1 sur 5' })).toBeTruthy();
    expect(submitted).toHaveLength(0);
  });
});

describe('external addresses in the pupil widget (GAR "links as text")', () => {
  const reference = '<p>Lis <a href="https://fr.wikipedia.org/wiki/Moteur" rel="noopener noreferrer" target="_blank">cet article</a>.</p>';
  const challenge = qcu({
    instructionHtml: reference,
    attachments: [
      { name: 'carte.pdf', url: '/attachments/carte.pdf?sig=abc' },
      { name: 'plan.pdf', url: 'https://cdn.example.org/plan.pdf' },
    ],
  });
  const tutorials = [tutorial({ id: 't1', title: 'Chercher sur le web', url: 'https://www.youtube.com/watch?v=x' }), tutorial({ id: 't2', title: 'Écrire un courriel', url: '/tutorials/t2' })];

  async function reachCheckpoint(): Promise<void> {
    await answerA();
    await screen.findByRole('heading', { level: 1, name: 'Tes dernières réponses' });
  }

  function setUp(outboundLinks?: 'links' | 'text'): void {
    fakeApi()
      .on(ANSWERS, json(answered(assessment(null, { answeredCount: 5, checkpointDue: true }))))
      .on('GET assessments/a1/checkpoint', json(checkpoint({ tutorials, answers: [{ challengeId: 'rec-qcu', lang: 'fr', instructionHtml: reference, result: 'ok', givenAnswer: 'A', expectedAnswer: 'A' }] })));
    const data = { screen: 'assessment', assessment: assessment(challenge, { answeredCount: 4, progressInSeries: 5 }), ...(outboundLinks ? { outboundLinks } : {}) };
    render(<Pupil boot={pupilBoot(data)} />);
  }

  it('"text": external addresses are shown as text (instructions, attachments, tutorials); the tool’s own pages stay links', async () => {
    setUp('text');

    expect(screen.queryByRole('link', { name: 'cet article' })).toBeNull();
    expect(document.querySelector('.pix-instruction')?.textContent).toBe('Lis cet article (https://fr.wikipedia.org/wiki/Moteur).');
    expect(screen.getByRole('link', { name: 'Télécharger carte.pdf' }).getAttribute('href')).toContain('/attachments/carte.pdf?sig=abc');
    expect(screen.queryByRole('link', { name: /plan\.pdf/ })).toBeNull();
    expect(screen.getByText('plan.pdf (https://cdn.example.org/plan.pdf)')).toBeTruthy();
    expect(document.querySelectorAll('a[href^="http"]:not([href*="/attachments/"])')).toHaveLength(0);

    await reachCheckpoint();

    expect(document.querySelectorAll('a[href*="wikipedia"], a[href*="youtube"]')).toHaveLength(0);
    expect(screen.getByText(/Chercher sur le web \(https:\/\/www\.youtube\.com\/watch\?v=x\)/)).toBeTruthy();
    expect(document.querySelector('.pix-instruction')?.textContent).toContain('cet article (https://fr.wikipedia.org/wiki/Moteur)');
    const page = screen.getByRole('link', { name: 'Écrire un courriel (nouvel onglet)' });
    expect(page.getAttribute('href')).toMatch(/\/tutorials\/t2\?links=text$/);
  });

  it('"links" (or no policy): external addresses are links', async () => {
    setUp();

    expect(screen.getByRole('link', { name: 'cet article' }).getAttribute('href')).toBe('https://fr.wikipedia.org/wiki/Moteur');
    expect(screen.getByRole('link', { name: 'Télécharger plan.pdf' }).getAttribute('href')).toBe('https://cdn.example.org/plan.pdf');

    await reachCheckpoint();

    expect(screen.getByRole('link', { name: 'Chercher sur le web (nouvel onglet)' }).getAttribute('href')).toBe('https://www.youtube.com/watch?v=x');
    expect(screen.getByRole('link', { name: 'Écrire un courriel (nouvel onglet)' }).getAttribute('href')).toMatch(/\/tutorials\/t2$/);
  });
});

describe('level-up at the end of an evaluation', () => {
  it('announced with the last answer on the last checkpoint, it is announced again with the results', async () => {
    const levelUp = { competenceIndex: '2.1', competenceName: 'Interagir', level: 3 };
    const over = assessment(null, { state: 'completed', answeredCount: 5 });
    fakeApi()
      .on(ANSWERS, json(answered({ ...over, checkpointDue: true }, { levelUp })))
      .on('GET assessments/a1/checkpoint', json(checkpoint({ completed: true })))
      .on('POST assessments/a1/continue', json(over))
      .on('GET assessments/a1/results', json(results({ level: 3, previousLevel: 2 })));
    render(<Pupil boot={pupilBoot({ screen: 'assessment', assessment: assessment(qcu(), { answeredCount: 4, progressInSeries: 5 }) })} />);
    const message = 'Bravo\u00a0! Tu passes au niveau 3 en «\u00a0Interagir\u00a0».';

    await answerA();
    await screen.findByRole('heading', { level: 1, name: 'Tes dernières réponses' });
    expect(document.querySelector('[aria-live="polite"]')?.textContent).toBe(message);

    await click('Voir mon résultat');

    await screen.findByRole('heading', { level: 1, name: 'Ton résultat' });
    await waitFor(() => expect(document.querySelector('[aria-live="polite"]')?.textContent).toBe(message));
  });

  it('a checkpoint in the middle does not repeat it', async () => {
    const levelUp = { competenceIndex: '2.1', competenceName: 'Interagir', level: 2 };
    fakeApi()
      .on(ANSWERS, json(answered(assessment(null, { answeredCount: 5, checkpointDue: true }), { levelUp })))
      .on('GET assessments/a1/checkpoint', json(checkpoint()))
      .on('POST assessments/a1/continue', json(assessment(qcu({ id: 'rec-6' }), { answeredCount: 5, progressInSeries: 1 })));
    render(<Pupil boot={pupilBoot({ screen: 'assessment', assessment: assessment(qcu(), { answeredCount: 4, progressInSeries: 5 }) })} />);

    await answerA();
    await click('Continuer');

    await screen.findByRole('heading', { level: 2, name: 'Question 1 sur 5' });
    expect(document.querySelector('[aria-live="polite"]')?.textContent).toBe('');
  });
});
