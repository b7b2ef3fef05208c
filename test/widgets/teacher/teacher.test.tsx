import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Teacher } from '../../../widgets/src/teacher/Teacher.tsx';
import { messages } from '../../../widgets/src/kit/catalogue.ts';
import type { Boot } from '../../../widgets/src/kit/boot.ts';
import type { CampaignView } from '../../../tool/src/shared/api-contract/campaigns.ts';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const campaign: CampaignView = {
  id: 'c1', code: 'BADGHT234', type: 'ASSESSMENT', name: 'Rentrée 5e', title: null, landingText: null, externalIdLabel: null,
  multipleSendings: false, openToAnyone: false, gradePerCompetence: false, targetProfile: { id: 'catalogue:rentree-6e', name: 'Parcours de rentrée 6e' },
  skillCount: 40, stages: [], createdAt: '2026-01-01T00:00:00Z', archivedAt: null, joinUrl: 'http://tool/campaigns/join?code=BADGHT234', participantsCount: 2, sharedCount: 1,
};

function boot(): Boot {
  return {
    widget: 'teacher', locale: 'fr', apiBase: 'http://tool/api', token: 'tok', messages: messages.fr,
    data: { screen: 'campaigns', campaigns: [campaign], profiles: [{ id: 'catalogue:rentree-6e', name: 'Parcours de rentrée 6e', description: '', category: 'BACK_TO_SCHOOL', tubes: [], skillCount: 40 }] },
  };
}

describe('teacher space', () => {
  it('shows each campaign with its code and link in read-only fields to select and copy', () => {
    render(<Teacher boot={boot()} />);
    expect(screen.getByRole('heading', { level: 1, name: 'Parcours' })).toBeTruthy();
    const code = screen.getByDisplayValue('BADGHT234') as HTMLInputElement;
    expect(code.readOnly).toBe(true);
    expect(screen.getByDisplayValue(campaign.joinUrl)).toBeTruthy();
    expect(screen.getByText(/2 participant\(s\), 1 résultat/)).toBeTruthy();
    // The copy help describes the fields.
    expect(code.getAttribute('aria-describedby')).toBe('pix-copy-help');
    expect(document.getElementById('pix-copy-help')!.textContent).toContain('Ctrl+C');
  });

  it('says there is no campaign yet, without the copy help of fields that are not there', () => {
    render(<Teacher boot={{ ...boot(), data: { ...(boot().data as object), campaigns: [] } }} />);
    expect(screen.getByText('Aucun parcours pour le moment.')).toBeTruthy();
    expect(document.getElementById('pix-copy-help')).toBeNull();
  });

  it('creates a campaign from a picked target profile with the session token', async () => {
    const fetchMock = vi.fn(async () => new Response(JSON.stringify({ ...campaign, id: 'c2', name: 'Nouveau', code: 'KMNPQR567' }), { status: 201 }));
    vi.stubGlobal('fetch', fetchMock);
    render(<Teacher boot={boot()} />);
    fireEvent.input(screen.getByLabelText('Nom'), { target: { value: 'Nouveau' } });
    fireEvent.submit(screen.getByRole('button', { name: 'Créer le parcours' }).closest('form')!);
    await waitFor(() => expect(screen.getByDisplayValue('KMNPQR567')).toBeTruthy());
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('http://tool/api/campaigns');
    expect((init.headers as Record<string, string>).Authorization).toBe('Bearer tok');
    expect(JSON.parse(String(init.body))).toMatchObject({ type: 'ASSESSMENT', name: 'Nouveau', targetProfileId: 'catalogue:rentree-6e' });
  });
});
