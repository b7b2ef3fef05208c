import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import axe from 'axe-core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { GradeSyncPanel } from '../../../widgets/src/teacher/dashboard/GradeSyncPanel.tsx';
import { Teacher } from '../../../widgets/src/teacher/Teacher.tsx';
import { createRequest } from '../../../widgets/src/campaign/request.ts';
import { createTranslator } from '../../../widgets/src/kit/messages.ts';
import { messages } from '../../../widgets/src/kit/catalogue.ts';
import type { CampaignView, DashboardView, GradeSyncView, NotStartedView } from '../../../tool/src/shared/api-contract/campaigns.ts';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const API = 'http://tool/api';

function syncView(inesState: 'failed' | 'sent'): GradeSyncView {
  return {
    linked: true,
    notice: 'LINEITEM_SCOPE_MISSING',
    participations: [
      { participationId: 'p1', firstName: 'Léa', lastName: 'Martin', state: 'sent', sentAt: '2026-11-20T10:15:00.000Z', error: null, scores: [] },
      inesState === 'failed'
        ? { participationId: 'p2', firstName: 'Inès', lastName: 'Moreau', state: 'failed', sentAt: null, error: 'score answered 400: Incorrect score received', scores: [] }
        : { participationId: 'p2', firstName: 'Inès', lastName: 'Moreau', state: 'sent', sentAt: '2026-11-21T08:00:00.000Z', error: null, scores: [] },
      { participationId: 'p3', firstName: 'Noah', lastName: 'Petit', state: 'none', sentAt: null, error: null, scores: [] },
    ],
  };
}
const notStarted: NotStartedView = {
  courses: [
    { activity: 'Rentrée 5e', rosterAvailable: true, learners: [{ name: 'Jade Roux' }, { name: 'Tom Blanc' }] },
    { activity: 'Rentrée 5e (B)', rosterAvailable: false, learners: [] },
  ],
};

/** A fake API: grade-sync answers `failed` for Inès until she is resent, then `sent`. */
function stubApi() {
  let resent = false;
  const calls: Array<{ method: string; url: string }> = [];
  const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit = {}) => {
      const method = init.method ?? 'GET';
      calls.push({ method, url });
      if (url.endsWith('/grade-sync') && method === 'POST') {
        resent = true;
        return json({ queued: 3 }, 202);
      }
      if (url.endsWith('/grade-sync')) return json(syncView(resent ? 'sent' : 'failed'));
      if (url.endsWith('/not-started')) return json(notStarted);
      if (url.endsWith('/dashboard')) return json(dashboard);
      return json({ error: { code: 'NOT_FOUND', message: 'not found' } }, 404);
    }),
  );
  return calls;
}

function renderPanel(locale: 'fr' | 'en' = 'fr') {
  document.documentElement.lang = locale;
  return render(<GradeSyncPanel api={createRequest(API, 'tok')} t={createTranslator(messages[locale])} locale={locale} campaignId="c1" />);
}

describe('teacher dashboard: grades in the LMS gradebook', () => {
  it('shows each pupil’s grade state, the platform’s message on a failure, the scope notice and who has not started', async () => {
    stubApi();
    renderPanel();
    const table = await screen.findByRole('table');
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((row) => within(row).getByRole('rowheader').textContent)).toEqual(['Martin Léa', 'Moreau Inès', 'Petit Noah']);
    expect(rows[0]!.textContent).toMatch(/Envoyée le \d{2}\/\d{2}\/\d{4}/);
    expect(rows[1]!.textContent).toContain('Échec de l’envoi');
    expect(rows[1]!.textContent).toContain('Réponse de la plateforme : score answered 400: Incorrect score received');
    expect(rows[2]!.textContent).toContain('Aucune note');
    // Resend where a grade was sent or failed; nothing to resend without a grade.
    expect(within(rows[2]!).queryByRole('button')).toBeNull();
    expect(screen.getAllByRole('button', { name: /^Renvoyer/ })).toHaveLength(2);
    expect(screen.getByText(/la plateforme n’a pas autorisé Pix Embed à créer des colonnes/)).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Élèves du cours qui n’ont pas commencé' })).toBeTruthy();
    expect(screen.getAllByRole('listitem').map((li) => li.textContent)).toEqual(['Jade Roux', 'Tom Blanc']);
    expect(screen.getByText('La liste du cours n’est pas disponible (service Membres de la plateforme).')).toBeTruthy();
  });

  it('“Renvoyer” posts the resend for that participation, announces it and shows the new state', async () => {
    const calls = stubApi();
    renderPanel();
    const button = await screen.findByRole('button', { name: 'Renvoyer la note de Inès Moreau' });
    fireEvent.click(button);
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Note de Inès Moreau remise dans la file d’envoi.'));
    expect(calls).toContainEqual({ method: 'POST', url: `${API}/campaigns/c1/participations/p2/grade-sync` });
    await waitFor(() => expect(screen.queryByText('Échec de l’envoi')).toBeNull());
    expect(screen.getByRole('row', { name: /Moreau Inès/ }).textContent).toMatch(/Envoyée le/);
  });

  it('says so when no LMS activity opens the campaign', async () => {
    vi.stubGlobal('fetch', vi.fn(async (url: string) => new Response(JSON.stringify(url.endsWith('/not-started') ? { courses: [] } : { linked: false, notice: null, participations: [] }), { status: 200 })));
    renderPanel('en');
    expect(await screen.findByText('No LMS activity opens this campaign: no grade is sent.')).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
  });

  it.each(['fr', 'en'] as const)('has no serious or critical accessibility violation (axe, %s)', async (locale) => {
    stubApi();
    const { container } = renderPanel(locale);
    await screen.findByRole('table');
    await screen.findAllByRole('listitem');
    const results = await axe.run(container);
    expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    expect(results.passes.map((rule) => rule.id)).toEqual(expect.arrayContaining(['th-has-data-cells', 'list', 'button-name']));
  });

  it('loads in the campaign dashboard of the teacher space', async () => {
    stubApi();
    render(<Teacher boot={{ widget: 'teacher', locale: 'fr', apiBase: API, token: 'tok', messages: messages.fr, data: { campaigns: [campaign], profiles: [] } }} />);
    fireEvent.click(screen.getByRole('button', { name: 'Tableau de bord' }));
    expect(await screen.findByRole('heading', { name: 'Notes dans le carnet de notes du LMS' })).toBeTruthy();
    expect(await screen.findByRole('button', { name: 'Renvoyer la note de Inès Moreau' })).toBeTruthy();
  });
});

const campaign: CampaignView = {
  id: 'c1', code: 'BADGHT234', type: 'ASSESSMENT', name: 'Rentrée 5e', title: null, landingText: null, externalIdLabel: null,
  multipleSendings: false, openToAnyone: false, gradePerCompetence: true, targetProfile: { id: 'catalogue:rentree-6e', name: 'Parcours de rentrée 6e' },
  skillCount: 40, stages: [], createdAt: '2026-01-01T00:00:00Z', archivedAt: null, joinUrl: 'http://tool/campaigns/join?code=BADGHT234', participantsCount: 3, sharedCount: 2,
};
const dashboard: DashboardView = {
  campaign,
  counts: { STARTED: 1, TO_SHARE: 0, SHARED: 2 },
  averageMasteryPercent: 60,
  competences: [],
  weakestTubes: [],
  participants: [],
  notStarted: [],
};
