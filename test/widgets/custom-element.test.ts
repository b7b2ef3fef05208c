import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { About } from '../../widgets/src/about/About.tsx';
import { defineWidgetElement } from '../../widgets/src/kit/mount.tsx';
import { aboutData } from './support/aboutBoot.ts';
import { messages } from '../../widgets/src/kit/catalogue.ts';

/** ENT mode has no server page to inline the strings: the element fetches its locale's catalogue once. */
function serveMessages() {
  const fetchStub = vi.fn(async (url: string) => new Response(JSON.stringify(messages[url.endsWith('/en.json') ? 'en' : 'fr'])));
  vi.stubGlobal('fetch', fetchStub);
  return fetchStub;
}

beforeEach(() => {
  serveMessages();
});

afterEach(() => {
  document.body.innerHTML = '';
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe('<pix-about> custom element', () => {
  it('is defined by the bundle entry, and defining it twice is harmless', async () => {
    await import('../../widgets/src/about/main.tsx');
    expect(customElements.get('pix-about')).toBeDefined();
    expect(defineWidgetElement('about', About)).toBe('pix-about');
  });

  it('renders English content in its light DOM for locale="en", sized by its content', async () => {
    await import('../../widgets/src/about/main.tsx');
    const fetchStub = serveMessages();
    document.body.innerHTML = '<pix-about locale="en" api-base="https://pix.example.org/api"></pix-about>';
    const element = document.querySelector('pix-about');

    await vi.waitFor(() => expect(element?.textContent).toContain('Personal data'));
    expect(fetchStub).toHaveBeenCalledWith('https://pix.example.org/widgets/messages/en.json');
    expect(element?.querySelector('main h1')?.textContent).toBe('Pix Embed');
    expect(element?.textContent).toContain('assess and develop your digital skills');
    expect(element?.textContent).toContain('Personal data');
    expect(element?.getAttribute('lang')).toBe('en');
    expect(element?.classList.contains('pix-widget')).toBe(true);
    expect(element?.shadowRoot ?? null).toBeNull();
    expect(document.documentElement.classList.contains('pix-frame')).toBe(false);
  });

  it('takes data from the data attribute and re-renders when an attribute changes', async () => {
    await import('../../widgets/src/about/main.tsx');
    const element = document.createElement('pix-about');
    element.setAttribute('data', JSON.stringify(aboutData('fr')));
    document.body.append(element);

    expect(element.getAttribute('lang')).toBe('fr');
    await vi.waitFor(() => expect(element.querySelectorAll('li li')).toHaveLength(16));

    element.setAttribute('locale', 'en-GB');
    element.setAttribute('data', JSON.stringify(aboutData('en-GB')));
    expect(element.getAttribute('lang')).toBe('en');
    await vi.waitFor(() => expect(element.textContent).toContain('Area 5: '));
  });

  it('falls back to the language of the host page and shows an error for malformed data', async () => {
    await import('../../widgets/src/about/main.tsx');
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    document.body.innerHTML = '<div lang="en-GB"><pix-about data="{oops"></pix-about></div>';

    const element = document.querySelector('pix-about');
    expect(element?.getAttribute('lang')).toBe('en');
    expect(element?.querySelector('h1')?.textContent).toBe('This content cannot be displayed');
    expect(element?.textContent).toContain('BOOT_JSON_INVALID');
  });
});
