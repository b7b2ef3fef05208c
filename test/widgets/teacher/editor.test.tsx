import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import axe from 'axe-core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Teacher } from '../../../widgets/src/teacher/Teacher.tsx';
import { messages } from '../../../widgets/src/kit/catalogue.ts';
import type { Boot } from '../../../widgets/src/kit/boot.ts';
import type { CampaignPreviewView, CampaignView, TargetProfileView, TubeChoiceView } from '../../../tool/src/shared/api-contract/campaigns.ts';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const campaign: CampaignView = {
  id: 'c1', code: 'BADGHT234', type: 'ASSESSMENT', name: 'Rentrée 5e', title: 'Bienvenue', landingText: 'Lisez bien.', externalIdLabel: 'INE',
  multipleSendings: false, openToAnyone: false, gradePerCompetence: false, targetProfile: { id: 'catalogue:rentree-6e', name: 'Parcours de rentrée 6e' },
  skillCount: 40, stages: [{ threshold: 0, title: 'Départ', message: '' }], createdAt: '2026-01-01T00:00:00Z', archivedAt: null,
  joinUrl: 'http://tool/campaigns/join?code=BADGHT234', participantsCount: 2, sharedCount: 1,
};

function boot(locale: 'fr' | 'en' = 'fr'): Boot {
  return {
    widget: 'teacher', locale, apiBase: 'http://tool/api', token: 'tok', messages: messages[locale],
    data: { screen: 'campaigns', campaigns: [campaign], profiles: [{ id: 'catalogue:rentree-6e', name: 'Parcours de rentrée 6e', description: '', category: 'BACK_TO_SCHOOL', tubes: [], skillCount: 40 }] },
  };
}

/** fetch answering each call with the next body; records the calls. */
function serve(...bodies: Array<[number, unknown]>) {
  const mock = vi.fn(async () => {
    const [status, body] = bodies.shift() ?? [500, { error: { code: 'X', message: 'unexpected call' } }];
    return new Response(JSON.stringify(body), { status });
  });
  vi.stubGlobal('fetch', mock);
  const call = (i: number) => {
    const [url, init] = mock.mock.calls[i] as unknown as [string, RequestInit];
    return { url, method: init.method, body: init.body ? JSON.parse(String(init.body)) : undefined };
  };
  return { mock, call };
}

const tubes: TubeChoiceView[] = [
  { areaCode: '1', areaName: 'Informations et données', competenceIndex: '1.1', competenceName: 'Mener une recherche', tubes: [{ name: 'requete', title: 'Requête', maxLevel: 4 }, { name: 'moteur', title: 'Moteur', maxLevel: 3 }] },
  { areaCode: '1', areaName: 'Informations et données', competenceIndex: '1.2', competenceName: 'Gérer des données', tubes: [{ name: 'fichier', title: 'Fichier', maxLevel: 2 }] },
  { areaCode: '2', areaName: 'Communication', competenceIndex: '2.1', competenceName: 'Interagir', tubes: [{ name: 'mail', title: 'Courriel', maxLevel: 5 }] },
];

describe('teacher campaign editor', () => {
  it('builds a custom profile from tubes grouped by area and competence, saves it and selects it for a new campaign', async () => {
    const saved: TargetProfileView = { id: 'tp-1', name: 'Recherche', description: '', category: 'CUSTOM', tubes: [{ tubeName: 'requete', level: 3 }, { tubeName: 'mail', level: 2 }], skillCount: 5 };
    const { call } = serve([200, { competences: tubes }], [201, saved]);
    render(<Teacher boot={boot()} />);
    fireEvent.click(screen.getByRole('button', { name: 'Créer un profil cible personnalisé' }));
    // The editors come in their own chunk: the screen shows once it is there.
    const heading = await screen.findByRole('heading', { level: 1, name: 'Nouveau profil cible' });
    // The button pressed is gone: keyboard and screen-reader users land on the new screen's title.
    expect(document.activeElement).toBe(heading);
    await screen.findByRole('group', { name: /^Domaine 1\s:\sInformations et données$/ });
    // Areas are fieldsets; competences fold in <details> (role group as well).
    expect(screen.getAllByRole('group').map((g) => g.tagName)).toEqual(['FIELDSET', 'DETAILS', 'DETAILS', 'FIELDSET', 'DETAILS']);
    // Each tube is a labelled select: "not included" or up to one of its levels.
    const requete = screen.getByLabelText('Requête') as HTMLSelectElement;
    expect([...requete.options].map((o) => o.text)).toEqual(['Non retenu', 'Jusqu’au niveau 1', 'Jusqu’au niveau 2', 'Jusqu’au niveau 3', 'Jusqu’au niveau 4']);
    fireEvent.submit(requete.closest('form')!);
    expect(screen.getByRole('alert').textContent).toBe('Choisissez au moins un sujet.');
    fireEvent.change(requete, { target: { value: '3' } });
    fireEvent.change(screen.getByLabelText('Courriel'), { target: { value: '2' } });
    expect(screen.getByText('2 sujet(s) retenu(s)')).toBeTruthy();
    expect(screen.getByText('1.1 Mener une recherche (1)', { exact: false })).toBeTruthy();
    fireEvent.input(screen.getByLabelText('Nom du profil'), { target: { value: 'Recherche' } });
    fireEvent.submit(requete.closest('form')!);
    await waitFor(() => expect(screen.getByRole('heading', { level: 1, name: 'Parcours' })).toBeTruthy());
    expect(call(0)).toMatchObject({ url: 'http://tool/api/target-profiles/tubes', method: 'GET' });
    expect(call(1)).toMatchObject({ url: 'http://tool/api/target-profiles', method: 'POST', body: { name: 'Recherche', tubes: [{ tubeName: 'requete', level: 3 }, { tubeName: 'mail', level: 2 }] } });
    expect((screen.getByLabelText('Profil cible') as HTMLSelectElement).value).toBe('tp-1');
  });

  it('edits a campaign — texts and stages, multiple sendings locked once pupils joined — and shows the server’s refusal', async () => {
    const { call } = serve([400, { error: { code: 'CAMPAIGN_INVALID', message: 'Le premier palier doit avoir un seuil de 0 %.' } }], [200, { ...campaign, name: 'Rentrée 5e B' }]);
    render(<Teacher boot={boot()} />);
    fireEvent.click(screen.getByRole('button', { name: 'Modifier' }));
    const heading = await screen.findByRole('heading', { level: 1, name: 'Modifier « Rentrée 5e »' });
    expect(document.activeElement).toBe(heading);
    expect((screen.getByLabelText('Envoi multiple (repasser après 4 jours)') as HTMLInputElement).disabled).toBe(true);
    fireEvent.input(screen.getByLabelText('Nom'), { target: { value: 'Rentrée 5e B' } });
    fireEvent.input(screen.getByLabelText('Texte d’accueil'), { target: { value: 'Prenez votre temps.' } });
    fireEvent.click(screen.getByRole('button', { name: 'Ajouter un palier' }));
    const thresholds = screen.getAllByLabelText('Seuil (%)') as HTMLInputElement[];
    expect(thresholds.map((i) => i.value)).toEqual(['0', '10']);
    fireEvent.input(thresholds[1]!, { target: { value: '50' } });
    fireEvent.input(screen.getAllByLabelText('Titre')[1]!, { target: { value: 'Moitié' } });
    const columns = screen.getByLabelText('Une colonne de notes par compétence dans la plateforme (le niveau)') as HTMLInputElement;
    expect(columns.checked).toBe(false);
    fireEvent.click(columns);
    fireEvent.submit(screen.getByRole('button', { name: 'Enregistrer' }).closest('form')!);
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('Le premier palier doit avoir un seuil de 0 %.'));
    expect(call(0)).toMatchObject({
      url: 'http://tool/api/campaigns/c1',
      method: 'PATCH',
      body: {
        name: 'Rentrée 5e B',
        title: 'Bienvenue',
        landingText: 'Prenez votre temps.',
        externalIdLabel: 'INE',
        stages: [{ threshold: 0, title: 'Départ', message: '' }, { threshold: 50, title: 'Moitié', message: '' }],
        gradePerCompetence: true,
      },
    });
    expect(call(0).body).not.toHaveProperty('multipleSendings');
    fireEvent.click(screen.getByRole('button', { name: 'Retirer le palier 2' }));
    fireEvent.submit(screen.getByRole('button', { name: 'Enregistrer' }).closest('form')!);
    await waitFor(() => expect(screen.getByRole('heading', { level: 2, name: 'Rentrée 5e B' })).toBeTruthy());
    expect(call(1).body.stages).toEqual([{ threshold: 0, title: 'Départ', message: '' }]);
  });

  it('previews the campaign as a pupil: landing, a question, the checkpoint, the results — in English too', async () => {
    const challenge = { id: 'ch1', type: 'QCM' as const, lang: 'en', instructionHtml: '<p>Which are search engines?</p>', choices: [{ value: 1, html: 'Qwant' }, { value: 2, html: 'Word' }, { value: 3, html: 'Bing' }], attachments: [], focused: false, askedAt: '2026-01-01T00:00:00Z' };
    const first: CampaignPreviewView = { token: 't1', answeredCount: 0, lastResult: null, challenge, checkpoint: null, results: null };
    const checkpoint: CampaignPreviewView = { token: 't2', answeredCount: 1, lastResult: 'ok', challenge: null, checkpoint: [{ challengeId: 'ch1', lang: 'fr', instructionHtml: '<p>Which?</p>', result: 'ok', givenAnswer: 'Qwant, Bing', expectedAnswer: 'Qwant, Bing' }], results: null };
    const results: CampaignPreviewView = {
      token: 't3', answeredCount: 1, lastResult: null, challenge: null, checkpoint: null,
      results: { masteryPercent: 50, validatedSkillsCount: 2, targetedSkillsCount: 4, competences: [{ index: '1.1', name: 'Search', areaCode: '1', targeted: 4, validated: 2, masteryPercent: 50 }], stage: { reached: 1, total: 1, title: 'Start', message: '' }, tutorials: [] },
    };
    const { call } = serve([200, first], [200, checkpoint], [200, results]);
    render(<Teacher boot={boot('en')} />);
    fireEvent.click(screen.getByRole('button', { name: 'Pupil preview' }));
    expect(await screen.findByText('Preview: nothing is saved — no participation, no result, no grade.')).toBeTruthy();
    expect(screen.getByRole('heading', { level: 2, name: 'Bienvenue' })).toBeTruthy();
    expect(screen.getByText('Lisez bien.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Start' }));
    await waitFor(() => expect(screen.getByRole('heading', { level: 2, name: 'Question 1' })).toBeTruthy());
    expect(document.activeElement).toBe(screen.getByRole('heading', { level: 2, name: 'Question 1' }));
    const answer = within(screen.getByRole('group', { name: 'Your answer' }));
    fireEvent.click(answer.getByLabelText('Qwant'));
    fireEvent.click(answer.getByLabelText('Bing'));
    fireEvent.submit(screen.getByRole('button', { name: 'Submit' }).closest('form')!);
    await waitFor(() => expect(screen.getByRole('heading', { level: 2, name: 'Your last answers' })).toBeTruthy());
    expect(call(0)).toMatchObject({ url: 'http://tool/api/campaigns/c1/preview', method: 'POST' });
    expect(call(1)).toMatchObject({ url: 'http://tool/api/campaigns/c1/preview/answers', body: { token: 't1', challengeId: 'ch1', value: [1, 3] } });
    // The answer itself is marked in the épreuve's language, inside the interface's sentence.
    const [given, expected] = screen.getAllByText('Qwant, Bing', { selector: 'span' });
    expect([given!.getAttribute('lang'), expected!.getAttribute('lang')]).toEqual(['fr', 'fr']);
    expect(expected!.parentElement!.textContent).toBe('Expected answer: Qwant, Bing');
    fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
    await waitFor(() => expect(screen.getByText('Mastery: 50% (2 of 4 skills)')).toBeTruthy());
    expect(call(2)).toMatchObject({ url: 'http://tool/api/campaigns/c1/preview/continue', body: { token: 't2' } });
    fireEvent.click(screen.getByRole('button', { name: 'Leave the preview' }));
    expect(screen.getByRole('heading', { level: 1, name: 'Campaigns' })).toBeTruthy();
  });

  it('sends a fill-in answer as an object of its blocks, and « Je passe » as skipped', async () => {
    const challenge = {
      id: 'ch2', type: 'QROCM-ind' as const, lang: 'fr', instructionHtml: '<p>Complétez.</p>', attachments: [], focused: false, askedAt: '2026-01-01T00:00:00Z',
      lines: [[{ kind: 'text' as const, text: 'Extension : ' }, { kind: 'input' as const, key: 'ext', ariaLabel: 'Extension' }], [{ kind: 'select' as const, key: 'kind', ariaLabel: 'Type', options: ['image', 'texte'] }]],
    };
    const step = (token: string, answeredCount: number): CampaignPreviewView => ({ token, answeredCount, lastResult: null, challenge: { ...challenge, id: `ch${answeredCount}` }, checkpoint: null, results: null });
    const { call } = serve([200, step('t1', 0)], [200, { ...step('t2', 1), lastResult: 'ko' }], [200, { ...step('t3', 2), lastResult: 'aband' }]);
    render(<Teacher boot={boot()} />);
    fireEvent.click(screen.getByRole('button', { name: 'Aperçu élève' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Commencer' }));
    fireEvent.input(await screen.findByLabelText('Extension'), { target: { value: 'png' } });
    fireEvent.change(screen.getByLabelText('Type'), { target: { value: 'image' } });
    fireEvent.click(screen.getByRole('button', { name: 'Valider' }));
    await waitFor(() => expect(screen.getByText('Mauvaise réponse')).toBeTruthy());
    expect(call(1).body).toEqual({ token: 't1', challengeId: 'ch0', value: { ext: 'png', kind: 'image' } });
    fireEvent.click(screen.getByRole('button', { name: 'Je passe' }));
    await waitFor(() => expect(screen.getByText('Passée')).toBeTruthy());
    expect(call(2).body).toEqual({ token: 't2', challengeId: 'ch1', skipped: true });
  });

  it.each([
    ['builder', 'Créer un profil cible personnalisé', 'Nouveau profil cible'],
    ['edit form', 'Modifier', 'Modifier « Rentrée 5e »'],
    ['preview landing', 'Aperçu élève', 'Aperçu élève : Rentrée 5e'],
  ])('has no serious or critical accessibility violation on the %s (axe-core)', async (_screen, button, heading) => {
    serve([200, { competences: tubes }]);
    document.documentElement.lang = 'fr';
    const { container } = render(<Teacher boot={boot()} />);
    fireEvent.click(screen.getByRole('button', { name: button }));
    await screen.findByRole('heading', { level: 1, name: heading });
    if (button.startsWith('Créer')) await screen.findByLabelText('Requête');
    const results = await axe.run(container);
    expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  });
});
