import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Campaign } from '../../../widgets/src/campaign/Campaign.tsx';
import { messages } from '../../../widgets/src/kit/catalogue.ts';
import type { Boot } from '../../../widgets/src/kit/boot.ts';
import type { ParticipationView } from '../../../tool/src/shared/api-contract/campaigns.ts';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const toShare: ParticipationView = {
  id: 'p1', campaign: { code: 'BADGHT234', name: 'Rentrée', title: null, landingText: null, type: 'ASSESSMENT', externalIdLabel: null },
  status: 'TO_SHARE', assessmentId: 'a1', assessmentState: 'completed', assessmentAnswered: true, createdAt: '2026-01-01T00:00:00Z', sharedAt: null, canShare: true, canRetry: false, retryInDays: null,
  results: { masteryPercent: 67, validatedSkillsCount: 4, targetedSkillsCount: 6, competences: [{ index: '1.1', name: 'Recherche', areaCode: '1', targeted: 6, validated: 4, masteryPercent: 67 }], stage: null, tutorials: [] },
};

const boot = (data: unknown): Boot => ({ widget: 'campaign', locale: 'fr', apiBase: 'http://tool/api', token: 'tok', messages: messages.fr, data });

describe('pupil campaign page', () => {
  it('shows the results and sends them with « Envoyer mes résultats »', async () => {
    const fetchMock = vi.fn(async () => new Response(JSON.stringify({ ...toShare, status: 'SHARED', canShare: false, sharedAt: '2026-01-02T10:00:00Z' }), { status: 200 }));
    vi.stubGlobal('fetch', fetchMock);
    render(<Campaign boot={boot({ screen: 'campaigns', participations: [toShare], landing: null, codeError: null })} />);
    expect(screen.getByText('Maîtrise : 67 %')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Envoyer mes résultats' }));
    await waitFor(() => expect(screen.getByText(/Résultats envoyés le/)).toBeTruthy());
    expect((fetchMock.mock.calls[0] as unknown as [string])[0]).toBe('http://tool/api/campaign-participations/p1/share');
    expect(screen.queryByRole('button', { name: 'Envoyer mes résultats' })).toBeNull();
  });

  it('offers to start a campaign not answered yet, and to resume one already begun', () => {
    const started = { ...toShare, status: 'STARTED' as const, assessmentState: 'started' as const, results: null, canShare: false };
    render(<Campaign boot={boot({ screen: 'campaigns', participations: [{ ...started, assessmentAnswered: false }, { ...started, id: 'p2', campaign: { ...started.campaign, name: 'Autre' }, assessmentAnswered: true }], landing: null, codeError: null })} />);
    expect(screen.getAllByRole('button', { name: /Commencer|Reprendre/ }).map((button) => button.textContent)).toEqual(['Commencer', 'Reprendre']);
  });

  it('joins by code and shows the server’s message for an unknown code', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify({ error: { code: 'CAMPAIGN_CODE_UNKNOWN', message: 'Aucun parcours ne correspond à ce code.' } }), { status: 404 })));
    render(<Campaign boot={boot({ screen: 'campaigns', participations: [], landing: null, codeError: null })} />);
    fireEvent.input(screen.getByLabelText('J’ai un code'), { target: { value: 'ZZZZZZ999' } });
    fireEvent.submit(screen.getByRole('button', { name: 'Rejoindre' }).closest('form')!);
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('Aucun parcours ne correspond à ce code.'));
  });
});

describe('pupil campaign page: arriving from the player, GAR links', () => {
  const withTutorials: ParticipationView = {
    ...toShare,
    results: {
      ...toShare.results!,
      tutorials: [
        { id: 't1', title: 'Vidéo sur les moteurs', url: 'https://www.youtube.com/watch?v=x' },
        { id: 't2', title: 'Bien choisir ses mots-clés', url: '/tutorials/t2' },
      ],
    },
  };
  const data = (extra: Record<string, unknown>) => ({ screen: 'campaigns', participations: [withTutorials], landing: null, codeError: null, ...extra });

  it('focuses the results of the participation she has just finished', () => {
    render(<Campaign boot={boot(data({ focus: 'p1' }))} />);
    expect(document.activeElement).toBe(screen.getByRole('heading', { level: 2, name: 'Rentrée' }));
    expect(screen.getByRole('button', { name: 'Envoyer mes résultats' })).toBeTruthy();
  });

  it('"text": an external tutorial shows its address as text; an in-tool one stays a link, asked to print its addresses as text', () => {
    render(<Campaign boot={boot(data({ outboundLinks: 'text' }))} />);
    expect(screen.queryByRole('link', { name: 'Vidéo sur les moteurs' })).toBeNull();
    expect(screen.getByText('Vidéo sur les moteurs (https://www.youtube.com/watch?v=x)')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Bien choisir ses mots-clés' }).getAttribute('href')).toBe('http://tool/tutorials/t2?links=text');
  });

  it('"links": tutorials are links', () => {
    render(<Campaign boot={boot(data({ outboundLinks: 'links' }))} />);
    expect(screen.getByRole('link', { name: 'Vidéo sur les moteurs' }).getAttribute('href')).toBe('https://www.youtube.com/watch?v=x');
    expect(screen.getByRole('link', { name: 'Bien choisir ses mots-clés' }).getAttribute('href')).toBe('http://tool/tutorials/t2');
    expect(document.activeElement).not.toBe(screen.getByRole('heading', { level: 2, name: 'Rentrée' }));
  });
});
