import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import axe from 'axe-core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Teacher } from '../../../widgets/src/teacher/Teacher.tsx';
import { messages } from '../../../widgets/src/kit/catalogue.ts';
import type { Boot } from '../../../widgets/src/kit/boot.ts';
import type { CampaignView } from '../../../tool/src/shared/api-contract/campaigns.ts';

// The editor screens are a lazy chunk (widgets/src/teacher/editor/editors.ts): these tests stand in for a slow
// and for an offline school network by mocking that module, which Teacher.tsx imports dynamically.
const EDITORS = '../../../widgets/src/teacher/editor/editors.ts';

afterEach(() => {
  cleanup();
  vi.doUnmock(EDITORS);
  vi.unstubAllGlobals();
});

const campaign: CampaignView = {
  id: 'c1', code: 'BADGHT234', type: 'ASSESSMENT', name: 'Rentrée 5e', title: null, landingText: null, externalIdLabel: null,
  multipleSendings: false, openToAnyone: false, gradePerCompetence: false, targetProfile: { id: 'catalogue:rentree-6e', name: 'Parcours de rentrée 6e' },
  skillCount: 40, stages: [], createdAt: '2026-01-01T00:00:00Z', archivedAt: null, joinUrl: 'http://tool/campaigns/join?code=BADGHT234', participantsCount: 0, sharedCount: 0,
};

function boot(locale: 'fr' | 'en' = 'fr'): Boot {
  return { widget: 'teacher', locale, apiBase: 'http://tool/api', token: 'tok', messages: messages[locale], data: { campaigns: [campaign], profiles: [] } };
}

describe('teacher editors loaded on demand', () => {
  it('shows a busy main and a status while the editors’ chunk loads, then the editor', async () => {
    let arrive = () => {};
    const arrived = new Promise<void>((resolve) => (arrive = resolve));
    vi.doMock(EDITORS, async () => {
      await arrived;
      return vi.importActual(EDITORS);
    });
    document.documentElement.lang = 'fr';
    const { container } = render(<Teacher boot={boot()} />);
    fireEvent.click(screen.getByRole('button', { name: 'Modifier' }));

    const status = screen.getByRole('status');
    expect(status.textContent).toBe('Chargement de l’éditeur…');
    expect(status.closest('main')?.getAttribute('aria-busy')).toBe('true');
    const results = await axe.run(container);
    expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`)).toEqual([]);

    arrive();
    const heading = await screen.findByRole('heading', { level: 1, name: 'Modifier « Rentrée 5e »' });
    expect(heading.closest('main')?.hasAttribute('aria-busy')).toBe(false);
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('says so when the chunk cannot be fetched, with a way back to the list and a retry that opens the editor', async () => {
    vi.doMock(EDITORS, () => {
      throw new TypeError('Failed to fetch dynamically imported module');
    });
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify({ competences: [] }), { status: 200 })));
    render(<Teacher boot={boot()} />);
    fireEvent.click(screen.getByRole('button', { name: 'Créer un profil cible personnalisé' }));

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('L’éditeur n’a pas pu être chargé. Vérifiez la connexion au réseau, puis réessayez.');
    // Focus goes to the message, next to its buttons; nothing is busy any more.
    expect(document.activeElement).toBe(alert);
    expect(alert.closest('main')?.getAttribute('aria-busy')).toBe('false');

    fireEvent.click(screen.getByRole('button', { name: 'Annuler' }));
    expect(screen.getByRole('heading', { level: 1, name: 'Parcours' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Créer un profil cible personnalisé' }));
    expect(await screen.findByRole('button', { name: 'Réessayer' })).toBeTruthy();

    // The network is back: "Réessayer" fetches the chunk again.
    vi.doUnmock(EDITORS);
    fireEvent.click(screen.getByRole('button', { name: 'Réessayer' }));
    expect(screen.getByRole('status').textContent).toBe('Chargement de l’éditeur…');
    expect(await screen.findByRole('heading', { level: 1, name: 'Nouveau profil cible' })).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('words the failure in English too', async () => {
    vi.doMock(EDITORS, () => {
      throw new TypeError('Failed to fetch dynamically imported module');
    });
    render(<Teacher boot={boot('en')} />);
    fireEvent.click(screen.getByRole('button', { name: 'Pupil preview' }));
    expect((await screen.findByRole('alert')).textContent).toContain('The editor could not be loaded. Check the network connection, then try again.');
    expect(screen.getByRole('button', { name: 'Try again' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Cancel' })).toBeTruthy();
  });
});
