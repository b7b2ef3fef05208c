import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Teacher } from '../../../widgets/src/teacher/Teacher.tsx';
import { messages } from '../../../widgets/src/kit/catalogue.ts';
import type { CampaignView, DashboardView } from '../../../tool/src/shared/api-contract/campaigns.ts';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const API = 'http://tool/api';
const campaign: CampaignView = {
  id: 'c1', code: 'BADGHT234', type: 'ASSESSMENT', name: 'Rentrée 5e', title: null, landingText: null, externalIdLabel: null,
  multipleSendings: false, openToAnyone: false, gradePerCompetence: false, targetProfile: { id: 'catalogue:competence-1.1', name: '1.1 Mener une recherche' },
  skillCount: 20, stages: [], createdAt: '2026-01-01T00:00:00Z', archivedAt: null, joinUrl: 'http://tool/campaigns/join?code=BADGHT234', participantsCount: 1, sharedCount: 1,
};
const dashboard: DashboardView = {
  campaign,
  counts: { STARTED: 0, TO_SHARE: 0, SHARED: 1 },
  averageMasteryPercent: 75,
  competences: [],
  weakestTubes: [],
  participants: [{ participationId: 'p1', firstName: 'Léa', lastName: 'Martin', className: '5A', status: 'SHARED', progressPercent: 100, masteryPercent: 75, createdAt: '2026-01-02T08:00:00Z', sharedAt: '2026-01-02T09:00:00Z' }],
  notStarted: [],
};

function stubApi() {
  const urls: string[] = [];
  const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => {
      urls.push(url);
      if (url.endsWith('/dashboard')) return json(dashboard);
      if (url.endsWith('/grade-sync')) return json({ linked: true, notice: null, participations: [] });
      if (url.endsWith('/not-started')) return json({ courses: [] });
      return new Response(JSON.stringify({ error: { code: 'NOT_FOUND', message: 'not found' } }), { status: 404 });
    }),
  );
  return urls;
}

/** A teacher launching the LMS activity of a campaign: boot.data.focus opens that campaign's dashboard at once. */
describe('teacher space focused on a campaign', () => {
  it('opens the focused campaign’s dashboard without a click', async () => {
    const urls = stubApi();
    render(<Teacher boot={{ widget: 'teacher', locale: 'fr', apiBase: API, token: 'tok', messages: messages.fr, data: { campaigns: [campaign], profiles: [], focus: 'c1' } }} />);
    expect(await screen.findByRole('heading', { level: 1, name: 'Rentrée 5e' })).toBeTruthy();
    expect(screen.getByRole('row', { name: /Martin Léa/ }).textContent).toContain('Envoyé');
    expect(urls).toContain(`${API}/campaigns/c1/dashboard`);
  });

  it('shows the list when the focus names no campaign of hers', async () => {
    const urls = stubApi();
    render(<Teacher boot={{ widget: 'teacher', locale: 'fr', apiBase: API, token: 'tok', messages: messages.fr, data: { campaigns: [campaign], profiles: [], focus: 'other' } }} />);
    expect(screen.getByRole('heading', { level: 1, name: 'Parcours' })).toBeTruthy();
    expect(urls).toEqual([]);
  });
});
