// Translation at run time, from the strings the server inlined in the boot data (see catalogue.ts).
import type { Catalogue, MessageKey } from './catalogue.ts';

export type { Catalogue, Locale, MessageKey } from './catalogue.ts';
export { resolveLocale } from './resolve-locale.ts';

/** Values interpolated into `{name}` placeholders. */
export type MessageParams = Record<string, string | number>;

/** Returns the message for `key`, placeholders filled from `params`. */
export type Translator = (key: MessageKey, params?: MessageParams) => string;

/** Builds `t(key, params?)` over a catalogue; an unknown placeholder is left as written, a missing key shows the key. */
export function createTranslator(catalogue: Partial<Catalogue> | undefined): Translator {
  return (key, params = {}) =>
    (catalogue?.[key] ?? key).replace(/\{(\w+)\}/g, (placeholder: string, name: string) => {
      const value = params[name];
      return value === undefined ? placeholder : String(value);
    });
}

/** A message cut around one of its placeholders, for a part rendered apart (in another language, say): [before, after]. */
export function messageAround(t: Translator, key: MessageKey, name: string): [string, string] {
  const [before = '', after = ''] = t(key, { [name]: '\u0000' }).split('\u0000');
  return [before, after];
}
