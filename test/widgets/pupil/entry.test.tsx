import { messages } from '../../../widgets/src/kit/catalogue.ts';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mountPage } from '../../../widgets/src/kit/mount.tsx';
import type { FrameHost } from '../../../widgets/src/kit/resize.ts';
import { Pupil } from '../../../widgets/src/pupil/Pupil.tsx';
import { profile, pupilBoot } from './support/pupilFixtures.ts';

/** Not framed: its parent is itself. */
const topWindow: FrameHost & { postMessage(): void } = {
  postMessage: () => undefined,
  get parent() {
    return topWindow;
  },
  requestAnimationFrame: () => 1,
  cancelAnimationFrame: () => undefined,
};

afterEach(() => {
  document.body.innerHTML = '';
  document.documentElement.className = '';
  vi.restoreAllMocks();
});

describe('pupil bundle entry', () => {
  it('mounts in page mode (LTI frame) from #pix-boot', () => {
    document.body.innerHTML = '<div id="pix-root"></div><script type="application/json" id="pix-boot"></script>';
    const script = document.getElementById('pix-boot');
    if (script) script.textContent = JSON.stringify(pupilBoot({ screen: 'profile', profile: profile() }));

    mountPage('pupil', Pupil, document, topWindow);

    expect(document.querySelector('#pix-root main h1')?.textContent).toBe('Mon profil');
    expect(document.querySelectorAll('#pix-root h3')).toHaveLength(16);
  });

  it('defines <pix-pupil> for ENT pages, rendering in its light DOM', async () => {
    await import('../../../widgets/src/pupil/main.tsx');
    const element = document.createElement('pix-pupil');
    element.setAttribute('locale', 'en');
    element.setAttribute('api-base', 'https://pix-embed.example.org/api');
    element.setAttribute('data', JSON.stringify({ screen: 'profile', profile: profile('en') }));
    const fetchStub = vi.fn(async () => new Response(JSON.stringify(messages.en)));
    vi.stubGlobal('fetch', fetchStub);
    document.body.append(element);

    expect(customElements.get('pix-pupil')).toBeDefined();
    await vi.waitFor(() => expect(element.querySelector('main h1')?.textContent).toBe('My profile'));
    expect(fetchStub).toHaveBeenCalledWith('https://pix-embed.example.org/widgets/messages/en.json');
    vi.unstubAllGlobals();
    expect(element.shadowRoot).toBeNull();
  });
});
