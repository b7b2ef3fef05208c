// Starts a widget in both embeddings: page mode (LTI iframe, server-rendered #pix-root + #pix-boot)
// and custom-element mode (`<pix-NAME>` dropped into an ENT page with a script tag).
import { render, type ComponentType } from 'preact';
import { bootFromAttributes, readBoot, type Boot, type BootResult } from './boot.ts';
import { BootErrorView } from './components/BootErrorView.tsx';
import { resolveLocale } from './messages.ts';
import { startFrameResize, type FrameHost, type FrameResizer } from './resize.ts';
import './base.css';

export interface WidgetProps {
  boot: Boot;
}

export type WidgetComponent = ComponentType<WidgetProps>;

function WidgetOrError({ result, Component, fallbackLocale }: {
  result: BootResult;
  Component: WidgetComponent;
  fallbackLocale?: string | undefined;
}) {
  if (result.ok) return <Component boot={result.boot} />;
  console.error(`[pix-embed] ${result.error.code}: ${result.error.detail}`);
  return <BootErrorView error={result.error} fallbackLocale={fallbackLocale} />;
}

function localeOf(result: BootResult, fallback: string): string {
  return result.ok ? result.boot.locale : (result.error.locale ?? fallback);
}

/**
 * Page mode: renders the widget into #pix-root from #pix-boot, sets <html lang>, and reports the
 * content height to the LMS when framed. Returns the resizer (null when not framed), or undefined
 * when the page has no #pix-root.
 */
export function mountPage(
  name: string,
  Component: WidgetComponent,
  doc: Document = document,
  host: FrameHost = window,
): FrameResizer | null | undefined {
  const root = doc.getElementById('pix-root');
  if (root === null) return undefined;
  const result = readBoot(doc, name);
  const html = doc.documentElement;
  html.lang = resolveLocale(localeOf(result, html.lang));
  html.classList.add('pix-frame');
  root.classList.add('pix-widget');
  // The root is the scroller of the frame: focusable, so keyboard users can scroll it in every
  // browser (Safari does not make scrollers focusable by itself).
  root.tabIndex = 0;

  // A wrapper of natural height inside the 100%-high scroller: its height is the content height.
  const content = doc.createElement('div');
  root.replaceChildren(content);
  render(<WidgetOrError result={result} Component={Component} fallbackLocale={html.lang} />, content);
  return startFrameResize(content, host);
}

/** Attributes of `<pix-NAME>`; a change re-renders the widget. */
export const WIDGET_ATTRIBUTES = ['locale', 'api-base', 'token', 'data'];

/**
 * Defines `<pix-NAME>`, rendering the widget in its light DOM so the host page's fonts and
 * assistive technologies apply. Defining twice (two bundles on one page) is a no-op.
 */
export function defineWidgetElement(name: string, Component: WidgetComponent): string {
  const tag = `pix-${name}`;
  if (customElements.get(tag) !== undefined) return tag;

  class PixWidgetElement extends HTMLElement {
    static get observedAttributes(): string[] {
      return WIDGET_ATTRIBUTES;
    }

    connectedCallback(): void {
      this.update();
    }

    attributeChangedCallback(): void {
      if (this.isConnected) this.update();
    }

    disconnectedCallback(): void {
      render(null, this);
    }

    private update(): void {
      const result = bootFromAttributes(this, name);
      const locale = resolveLocale(localeOf(result, ''));
      this.lang = locale;
      this.classList.add('pix-widget');
      if (!result.ok || result.boot.messages) {
        render(<WidgetOrError result={result} Component={Component} />, this);
        return;
      }
      // No page around the element to inline the strings: fetch this locale's once (cached by the browser).
      const boot = result.boot;
      void fetchMessages(boot.apiBase, locale).then((messages) => {
        if (this.isConnected) render(<WidgetOrError result={{ ok: true, boot: { ...boot, messages } }} Component={Component} />, this);
      });
    }
  }

  customElements.define(tag, PixWidgetElement);
  return tag;
}

/** `/widgets/messages/<locale>.json` on the tool's origin (apiBase is `<origin>/api`). */
async function fetchMessages(apiBase: string, locale: string): Promise<Record<string, string>> {
  const base = apiBase.replace(/\/api\/?$/, '').replace(/\/$/, '');
  try {
    const response = await fetch(`${base}/widgets/messages/${locale}.json`);
    return response.ok ? ((await response.json()) as Record<string, string>) : {};
  } catch {
    return {};
  }
}

/**
 * Vite's wrapper of dynamic imports, under the name its build inserts (widgets/vite.config.ts resolves its helper
 * module here): just the import, in the chunk every widget shares.
 */
export function __vitePreload<T>(load: () => Promise<T>): Promise<T> {
  return load();
}

/** Entry point of every widget bundle: defines `<pix-NAME>`, then mounts the page if there is one. */
export function startWidget(name: string, Component: WidgetComponent): void {
  defineWidgetElement(name, Component);
  mountPage(name, Component);
}
