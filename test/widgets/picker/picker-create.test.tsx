import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Picker } from '../../../widgets/src/picker/Picker.tsx';
import type { Boot } from '../../../widgets/src/kit/boot.ts';
import { messages } from '../../../widgets/src/kit/catalogue.ts';
import { aboutData } from '../support/aboutBoot.ts';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  document.querySelectorAll('body > form').forEach((f) => f.remove());
});

const boot = (locale: 'fr' | 'en'): Boot => ({
  widget: 'picker', locale, apiBase: 'http://tool/api', token: 'tok', messages: messages[locale],
  data: { action: 'https://pix.example.org/lti/deep-linking/response', context: 'signed-context', acceptMultiple: false, areas: aboutData(locale).areas, campaigns: [] },
});

const profiles = [
  { id: 'catalogue:rentree-6e', name: 'Rentrée 6e', description: '', category: 'BACK_TO_SCHOOL', tubes: [], skillCount: 40 },
  { id: 'tp-9', name: 'Mon profil', description: '', category: 'CUSTOM', tubes: [], skillCount: 6 },
];

describe('deep-linking picker: create a campaign here', () => {
  it('creates the campaign with the picker’s token and returns it as the deep-linking choice in the same flow', async () => {
    const fetchMock = vi.fn(async (url: string) =>
      url.endsWith('/target-profiles')
        ? new Response(JSON.stringify({ profiles }), { status: 200 })
        : new Response(JSON.stringify({ id: 'c9', code: 'KMNPQR567', name: 'Rentrée 2nde' }), { status: 201 }),
    );
    vi.stubGlobal('fetch', fetchMock);
    const submit = vi.spyOn(HTMLFormElement.prototype, 'submit').mockImplementation(() => {});
    render(<Picker boot={boot('fr')} />);
    fireEvent.click(screen.getByRole('button', { name: 'Créer un parcours ici' }));
    const profile = (await screen.findByLabelText('Profil cible')) as HTMLSelectElement;
    expect([...profile.options].map((o) => o.text)).toEqual(['Rentrée 6e (40)', 'Mon profil (6)']);
    fireEvent.input(screen.getByLabelText('Nom du parcours'), { target: { value: 'Rentrée 2nde' } });
    fireEvent.change(profile, { target: { value: 'tp-9' } });
    fireEvent.submit(profile.closest('form')!);
    await waitFor(() => expect(submit).toHaveBeenCalledTimes(1));
    const [, create] = fetchMock.mock.calls[1] as unknown as [string, RequestInit];
    expect(fetchMock.mock.calls[1]![0]).toBe('http://tool/api/campaigns');
    expect((create.headers as Record<string, string>).Authorization).toBe('Bearer tok');
    expect(JSON.parse(String(create.body))).toEqual({ type: 'ASSESSMENT', name: 'Rentrée 2nde', targetProfileId: 'tp-9' });
    const sent = submit.mock.contexts[0] as HTMLFormElement;
    expect(sent.method).toBe('post');
    expect(sent.action).toBe('https://pix.example.org/lti/deep-linking/response');
    expect(Object.fromEntries(new FormData(sent) as unknown as Iterable<[string, string]>)).toEqual({ context: 'signed-context', choice: 'campaign:KMNPQR567' });
    expect(screen.getByRole('button', { name: 'Envoi à la plateforme…' })).toBeTruthy();
  });

  it('shows the server’s message when the creation is refused, in English', async () => {
    vi.stubGlobal('fetch', vi.fn(async (url: string) =>
      url.endsWith('/target-profiles')
        ? new Response(JSON.stringify({ profiles }), { status: 200 })
        : new Response(JSON.stringify({ error: { code: 'TARGET_PROFILE_EMPTY', message: 'The target profile keeps no skill.' } }), { status: 400 }),
    ));
    const submit = vi.spyOn(HTMLFormElement.prototype, 'submit').mockImplementation(() => {});
    render(<Picker boot={boot('en')} />);
    fireEvent.click(screen.getByRole('button', { name: 'Create a campaign here' }));
    fireEvent.input(await screen.findByLabelText('Campaign name'), { target: { value: 'X' } });
    fireEvent.submit(screen.getByRole('button', { name: 'Create and add the campaign' }).closest('form')!);
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('The target profile keeps no skill.'));
    expect(submit).not.toHaveBeenCalled();
  });
});
