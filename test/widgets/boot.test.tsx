import { afterEach, describe, expect, it, vi } from 'vitest';
import { About } from '../../widgets/src/about/About.tsx';
import { parseBootJson, readBoot, validateBoot } from '../../widgets/src/kit/boot.ts';
import { mountPage } from '../../widgets/src/kit/mount.tsx';
import type { FrameHost } from '../../widgets/src/kit/resize.ts';
import { aboutBoot } from './support/aboutBoot.ts';

/** The page the server renders: an empty root and the boot script. */
function serverPage(bootText: string | null): void {
  document.documentElement.lang = '';
  document.body.innerHTML =
    '<div id="pix-root"></div>' + (bootText === null ? '' : '<script type="application/json" id="pix-boot"></script>');
  const script = document.getElementById('pix-boot');
  if (script !== null && bootText !== null) script.textContent = bootText;
}

/** Not framed (its parent is itself): the resizer must stay off. */
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

describe('boot data', () => {
  it('reads and types #pix-boot', () => {
    serverPage(JSON.stringify({ widget: 'about', locale: 'fr-FR', apiBase: '/api', token: 'abc', data: { version: '1' } }));

    expect(readBoot(document, 'about')).toEqual({
      ok: true,
      boot: { widget: 'about', locale: 'fr-FR', apiBase: '/api', token: 'abc', data: { version: '1' } },
    });
  });

  it.each([
    ['not an object', [], 'BOOT_SHAPE_INVALID'],
    ['no widget', { locale: 'fr', apiBase: '' }, 'BOOT_SHAPE_INVALID'],
    ['locale not a string', { widget: 'about', locale: 3, apiBase: '' }, 'BOOT_SHAPE_INVALID'],
    ['no apiBase', { widget: 'about', locale: 'fr' }, 'BOOT_SHAPE_INVALID'],
    ['empty token', { widget: 'about', locale: 'fr', apiBase: '', token: '' }, 'BOOT_SHAPE_INVALID'],
    ['another widget', { widget: 'campaign', locale: 'fr', apiBase: '' }, 'BOOT_WIDGET_MISMATCH'],
  ])('rejects boot data with %s', (_case, value, code) => {
    const result = validateBoot(value, 'about');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe(code);
  });

  it('reports malformed JSON and a missing script with stable codes', () => {
    const malformed = parseBootJson('{"widget": "about",', 'about');
    expect(malformed.ok ? null : malformed.error.code).toBe('BOOT_JSON_INVALID');
    serverPage(null);
    const missing = readBoot(document, 'about');
    expect(missing.ok ? null : missing.error.code).toBe('BOOT_MISSING');
  });

  it('mounts the widget in page mode, sets <html lang> and the layout class', () => {
    serverPage(JSON.stringify(aboutBoot('en-GB')));

    const resizer = mountPage('about', About, document, topWindow);

    expect(resizer).toBeNull();
    expect(document.documentElement.lang).toBe('en');
    expect(document.documentElement.classList.contains('pix-frame')).toBe(true);
    expect(document.getElementById('pix-root')?.tabIndex).toBe(0);
    expect(document.querySelector('#pix-root main h1')?.textContent).toBe('Pix Embed');
    expect(document.getElementById('pix-root')?.textContent).toContain('Personal data');
  });

  it('renders a clear error, not a crash, when #pix-boot is malformed JSON', () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    serverPage('{ "widget": "about", "locale": ');

    expect(() => mountPage('about', About, document, topWindow)).not.toThrow();

    const root = document.getElementById('pix-root');
    expect(root?.querySelector('main h1')?.textContent).toBe('Impossible d’afficher ce contenu');
    expect(root?.querySelector('[role="alert"]')?.textContent).toContain('Rechargez la page');
    expect(root?.textContent).toContain('BOOT_JSON_INVALID');
    expect(document.documentElement.lang).toBe('fr');
    expect(console.error).toHaveBeenCalledWith(expect.stringContaining('BOOT_JSON_INVALID'));
  });

  it('shows the error in the boot locale when only the shape is wrong', () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    serverPage(JSON.stringify({ widget: 'campaign', locale: 'en', apiBase: '' }));

    mountPage('about', About, document, topWindow);

    expect(document.querySelector('#pix-root h1')?.textContent).toBe('This content cannot be displayed');
    expect(document.getElementById('pix-root')?.textContent).toContain('BOOT_WIDGET_MISMATCH');
  });

  it('does nothing on a page without #pix-root', () => {
    document.body.innerHTML = '<p>ENT</p>';
    expect(mountPage('about', About, document, topWindow)).toBeUndefined();
    expect(document.body.innerHTML).toBe('<p>ENT</p>');
  });
});
