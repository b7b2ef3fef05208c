// Boot data: what the server puts in the page so the first screen renders without any request.
import { isNonEmptyString, isRecord } from './guards.ts';
import type { Catalogue } from './catalogue.ts';

/** Contents of `<script type="application/json" id="pix-boot">`, or of a custom element's attributes. */
export interface Boot {
  /** Widget name, e.g. 'about'; must match the bundle that reads it. */
  widget: string;
  /** Locale tag of the user ('fr', 'fr-FR', 'en-GB'…), resolved by `resolveLocale`. */
  locale: string;
  /** Base URL of the Pix Embed API, e.g. 'https://pix-embed.example.org/api'. */
  apiBase: string;
  /** Session token sent as `Authorization: Bearer`; absent for public widgets. */
  token?: string;
  /** Everything the first screen needs, specific to each widget. */
  data?: unknown;
  /** The interface strings of `locale`, inlined by the server (ENT mode fetches them once). */
  messages?: Partial<Catalogue>;
}

/** Stable codes: support staff and tests match on them, never on the message. */
export type BootErrorCode = 'BOOT_MISSING' | 'BOOT_JSON_INVALID' | 'BOOT_SHAPE_INVALID' | 'BOOT_WIDGET_MISMATCH';

export interface BootError {
  code: BootErrorCode;
  /** For the console: the field at fault or the parser's message (the code says what went wrong). */
  detail: string;
  /** The locale tag, when it could still be read. */
  locale?: string;
}

export type BootResult = { ok: true; boot: Boot } | { ok: false; error: BootError };

function fail(code: BootErrorCode, detail: string, locale?: string): BootResult {
  return { ok: false, error: locale === undefined ? { code, detail } : { code, detail, locale } };
}

/** Parses JSON text, turning a syntax error into a BOOT_JSON_INVALID result. */
export function parseBootJson(text: string, widget: string): BootResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return fail('BOOT_JSON_INVALID', `#pix-boot: ${String(error)}`);
  }
  return validateBoot(value, widget);
}

/** Checks the shape of a parsed boot object and that it is meant for `widget`. */
export function validateBoot(value: unknown, widget: string): BootResult {
  if (!isRecord(value)) return fail('BOOT_SHAPE_INVALID', 'object');
  const locale = typeof value.locale === 'string' ? value.locale : undefined;
  if (!isNonEmptyString(value.widget)) return fail('BOOT_SHAPE_INVALID', 'widget', locale);
  if (locale === undefined) return fail('BOOT_SHAPE_INVALID', 'locale');
  if (typeof value.apiBase !== 'string') return fail('BOOT_SHAPE_INVALID', 'apiBase', locale);
  if (value.token !== undefined && !isNonEmptyString(value.token)) {
    return fail('BOOT_SHAPE_INVALID', 'token', locale);
  }
  if (value.widget !== widget) {
    return fail('BOOT_WIDGET_MISMATCH', `${value.widget} ≠ ${widget}`, locale);
  }
  const boot: Boot = { widget: value.widget, locale, apiBase: value.apiBase };
  if (value.token !== undefined) boot.token = value.token;
  if (value.data !== undefined) boot.data = value.data;
  if (value.messages !== undefined) {
    if (!isRecord(value.messages) || Object.values(value.messages).some((m) => typeof m !== 'string')) {
      return fail('BOOT_SHAPE_INVALID', 'messages', locale);
    }
    boot.messages = value.messages as Partial<Catalogue>;
  }
  return { ok: true, boot };
}

/** Reads `#pix-boot` from the page (page mode). */
export function readBoot(doc: Document, widget: string): BootResult {
  const script = doc.getElementById('pix-boot');
  if (script === null) return fail('BOOT_MISSING', '#pix-boot');
  return parseBootJson(script.textContent ?? '', widget);
}

/**
 * Builds boot data from a custom element's attributes (ENT mode): `locale` (default: the nearest
 * `lang` of the page), `api-base`, `token`, and optional `data` holding JSON.
 */
export function bootFromAttributes(element: Element, widget: string): BootResult {
  const locale = element.getAttribute('locale') ?? element.parentElement?.closest('[lang]')?.getAttribute('lang') ?? '';
  const boot: Boot = { widget, locale, apiBase: element.getAttribute('api-base') ?? '' };
  const token = element.getAttribute('token');
  if (isNonEmptyString(token)) boot.token = token;
  const data = element.getAttribute('data');
  if (data !== null) {
    try {
      boot.data = JSON.parse(data);
    } catch (error) {
      return fail('BOOT_JSON_INVALID', `data: ${String(error)}`, locale);
    }
  }
  return { ok: true, boot };
}
