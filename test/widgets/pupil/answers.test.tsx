import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ChallengeView } from '../../../tool/src/shared/api-contract/evaluation.ts';
import { Pupil } from '../../../widgets/src/pupil/Pupil.tsx';
import { fakeApi, json, networkError, type FakeApi } from './support/fakeApi.ts';
import { answered, assessment, pupilBoot, qcm, qcu, qroc, qrocmDep, qrocmInd } from './support/pupilFixtures.ts';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

const ANSWERS = 'POST assessments/a1/answers';
const next = assessment(qcu({ id: 'rec-next', instructionHtml: '<p>Question suivante</p>' }), { progressInSeries: 2, answeredCount: 1 });

/** Direct launch into `challenge`; the API answers with the next challenge. */
function launch(challenge: ChallengeView): FakeApi {
  const api = fakeApi().on(ANSWERS, json(answered(next)));
  render(<Pupil boot={pupilBoot({ screen: 'assessment', assessment: assessment(challenge) })} />);
  return api;
}

const validate = () => screen.getByRole('button', { name: 'Je valide' }) as HTMLButtonElement;
const type = (label: string, value: string) => fireEvent.input(screen.getByRole('textbox', { name: label }), { target: { value } });

async function submitted(api: FakeApi): Promise<unknown[]> {
  fireEvent.click(validate());
  await screen.findByText('Question suivante');
  return api.sent(ANSWERS);
}

describe('pupil challenge: the five answer types', () => {
  it('QCU: a radio group in a fieldset, sends the choice value as a number', async () => {
    const api = launch(qcu());

    const group = screen.getByRole('group', { name: 'Choisis une réponse' });
    const radios = within(group).getAllByRole('radio');
    expect(radios).toHaveLength(3);
    expect(within(group).getByRole('radio', { name: 'Moteur B' })).toBeTruthy();
    expect(validate().disabled).toBe(true);
    fireEvent.click(radios[1] as HTMLElement);
    expect(validate().disabled).toBe(false);

    expect(await submitted(api)).toEqual([{ challengeId: 'rec-qcu', value: 2 }]);
  });

  it('QCM: checkboxes, sends the ticked values as a sorted number[]', async () => {
    const api = launch(qcm());

    const group = screen.getByRole('group', { name: 'Choisis une ou plusieurs réponses' });
    fireEvent.click(within(group).getByRole('checkbox', { name: 'Moteur C' }));
    fireEvent.click(within(group).getByRole('checkbox', { name: 'Moteur A' }));
    fireEvent.click(within(group).getByRole('checkbox', { name: 'Moteur B' }));
    fireEvent.click(within(group).getByRole('checkbox', { name: 'Moteur B' }));

    expect(await submitted(api)).toEqual([{ challengeId: 'rec-qcm', value: [1, 3] }]);
  });

  it('QROC: one labelled input inline in its text, numeric keyboard for "nombre", sends a string', async () => {
    const api = launch(qroc());

    const input = screen.getByRole('textbox', { name: 'Nombre de lignes' });
    expect(input.getAttribute('placeholder')).toBe('ex. 12');
    expect(input.getAttribute('inputmode')).toBe('decimal');
    expect(input.closest('p')?.textContent).toBe('Le fichier compte  lignes.');
    expect(screen.getByRole('group', { name: 'Ta réponse' })).toBeTruthy();
    type('Nombre de lignes', '   ');
    expect(validate().disabled).toBe(true);
    type('Nombre de lignes', '42');

    expect(await submitted(api)).toEqual([{ challengeId: 'rec-qroc', value: '42' }]);
  });

  it('QROCM-ind: several inputs, enabled once all are filled, sends { key: value }', async () => {
    const api = launch(qrocmInd());

    expect(screen.getByRole('textbox', { name: 'Auteur' }).getAttribute('inputmode')).toBeNull();
    type('Auteur', 'Victor Hugo');
    expect(validate().disabled).toBe(true);
    type('Année', '1862');

    expect(await submitted(api)).toEqual([{ challengeId: 'rec-qrocm-ind', value: { auteur: 'Victor Hugo', annee: '1862' } }]);
  });

  it('QROCM-dep: an input and a labelled select, sends { key: value }', async () => {
    const api = launch(qrocmDep());

    const select = screen.getByRole('combobox', { name: 'Usage' }) as HTMLSelectElement;
    expect([...select.options].map((option) => option.textContent)).toEqual(['Choisir…', 'photo', 'logo', 'texte']);
    type('Format', 'PNG');
    fireEvent.change(select, { target: { value: 'logo' } });

    expect(await submitted(api)).toEqual([{ challengeId: 'rec-qrocm-dep', value: { format: 'PNG', usage: 'logo' } }]);
  });
});

describe('pupil challenge: statement and submission', () => {
  it('shows the instruction, its text alternative, the illustration, a sandboxed embed and the attachments', () => {
    launch(qrocmDep({ attachments: [{ name: 'notes.csv', url: '/attachments/rec/notes.csv?sig=1' }] }));

    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Interagir');
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('Question 1 sur 5');
    expect(screen.getByText('Donne un format d’image et son usage.')).toBeTruthy();
    expect(screen.getByText('Version texte : donne un format d’image et son usage.').className).toBe('pix-sr');
    expect(screen.getByRole('img', { name: 'Un logo de 64 pixels de côté' }).getAttribute('src')).toMatch(
      /\/attachments\/rec-qrocm-dep\/logo\.png\?sig=x$/,
    );
    const embed = screen.getByTitle('Simulateur de conversion');
    expect(embed.tagName).toBe('IFRAME');
    expect(embed.getAttribute('height')).toBe('300');
    expect(embed.getAttribute('sandbox')).toBe('allow-scripts');
    const link = screen.getByRole('link', { name: 'Télécharger notes.csv' });
    expect(link.getAttribute('href')).toMatch(/\/attachments\/rec\/notes\.csv\?sig=1$/);
    expect(link.getAttribute('download')).toBe('notes.csv');
  });

  it('points links at the tool, not at the ENT page, when the API is on another origin', () => {
    fakeApi();
    const boot = { ...pupilBoot({ screen: 'assessment', assessment: assessment(qroc()) }), apiBase: 'https://pix-embed.example.org/api' };
    render(<Pupil boot={boot} />);

    expect(screen.getByRole('link', { name: 'Télécharger notes.csv' }).getAttribute('href')).toBe(
      'https://pix-embed.example.org/attachments/rec-qroc/notes.csv?exp=1&sig=abc',
    );
  });

  it('"Je passe" sends skipped, without a value', async () => {
    const api = launch(qroc());
    type('Nombre de lignes', '4');

    fireEvent.click(screen.getByRole('button', { name: 'Je passe' }));
    await screen.findByText('Question suivante');

    expect(api.sent(ANSWERS)).toEqual([{ challengeId: 'rec-qroc', skipped: true }]);
  });

  it('a double click sends the answer once', async () => {
    const api = launch(qcu());
    fireEvent.click(screen.getByRole('radio', { name: 'Moteur A' }));

    fireEvent.click(validate());
    fireEvent.click(validate());
    fireEvent.click(screen.getByRole('button', { name: 'Je passe' }));
    expect(validate().disabled).toBe(true);
    await screen.findByText('Question suivante');

    expect(api.sent(ANSWERS)).toEqual([{ challengeId: 'rec-qcu', value: 1 }]);
  });

  it('after a network error, shows the code, keeps the answer, and "Réessayer" re-sends the same request', async () => {
    const api = fakeApi().on(ANSWERS, networkError, json(answered(next)));
    render(<Pupil boot={pupilBoot({ screen: 'assessment', assessment: assessment(qrocmInd()) })} />);
    type('Auteur', 'Hugo');
    type('Année', '1862');

    fireEvent.click(validate());
    const alert = await screen.findByRole('alert');

    expect(alert.textContent).toContain('Une erreur est survenue');
    expect(alert.textContent).toContain('NETWORK');
    expect(document.activeElement).toBe(alert);
    expect((screen.getByRole('textbox', { name: 'Auteur' }) as HTMLInputElement).value).toBe('Hugo');
    expect(validate().disabled).toBe(false);

    fireEvent.click(within(alert).getByRole('button', { name: 'Réessayer' }));
    await screen.findByText('Question suivante');

    const body = { challengeId: 'rec-qrocm-ind', value: { auteur: 'Hugo', annee: '1862' } };
    expect(api.sent(ANSWERS)).toEqual([body, body]);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('shows a server error code too (ApiError from the kit client)', async () => {
    fakeApi().on(ANSWERS, { status: 409, code: 'ASSESSMENT_NOT_STARTED' });
    render(<Pupil boot={pupilBoot({ screen: 'assessment', assessment: assessment(qcu()) })} />);
    fireEvent.click(screen.getByRole('radio', { name: 'Moteur A' }));
    fireEvent.click(validate());

    expect((await screen.findByRole('alert')).textContent).toContain('ASSESSMENT_NOT_STARTED');
  });

  it('renders the challenge in English', () => {
    render(<Pupil boot={pupilBoot({ screen: 'assessment', assessment: assessment(qroc()) }, 'en')} />);

    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('Question 1 of 5');
    expect(screen.getByRole('group', { name: 'Your answer' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Submit' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Skip' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Download notes.csv' })).toBeTruthy();
  });

  it('marks the épreuve’s French as French under the English interface, and the interface’s words as not', () => {
    render(<Pupil boot={pupilBoot({ screen: 'assessment', assessment: assessment(qcu()) }, 'en')} />);
    const instruction = screen.getByText(/respecte la/).closest('[lang]')!;
    expect(instruction.getAttribute('lang')).toBe('fr');
    expect(screen.getByText('Moteur A').getAttribute('lang')).toBe('fr');
    expect(screen.getByRole('group', { name: 'Choose one answer' }).closest('[lang]')).toBeNull();
    expect(screen.getByRole('button', { name: 'Submit' }).closest('[lang]')).toBeNull();
  });

  it('marks a fill-in épreuve’s text and fields in its language', () => {
    render(<Pupil boot={pupilBoot({ screen: 'assessment', assessment: assessment(qroc()) }, 'en')} />);
    expect(screen.getByRole('textbox', { name: 'Nombre de lignes' }).getAttribute('lang')).toBe('fr');
    expect(screen.getByText(/Le fichier compte/).getAttribute('lang')).toBe('fr');
  });
});
