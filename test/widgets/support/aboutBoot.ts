// Boot data of the about widget, built like the server does: from referential/framework.yaml,
// names localised. Reading the real file keeps the test honest about "5 areas, 16 competences".
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { Boot } from '../../../widgets/src/kit/boot.ts';
import { isRecord } from '../../../widgets/src/kit/guards.ts';
import { messages, resolveLocale } from '../../../widgets/src/kit/catalogue.ts';

// A path, not a URL object: in happy-dom the global URL is the DOM one, which node:fs refuses.
const frameworkPath = join(dirname(fileURLToPath(import.meta.url)), '../../../referential/framework.yaml');

function localised(value: unknown, locale: 'fr' | 'en'): string {
  const name = isRecord(value) ? value[locale] : undefined;
  if (typeof name !== 'string') throw new Error('expected { fr, en } names');
  return name;
}

function list(value: unknown): unknown[] {
  if (!Array.isArray(value)) throw new Error('expected a list');
  return value;
}

/** `{ version, areas }` in the locale of `tag`. */
export function aboutData(tag: string, version = '1.2.3'): { version: string; areas: unknown[] } {
  const locale = resolveLocale(tag);
  const framework: unknown = parse(readFileSync(frameworkPath, 'utf8'));
  if (!isRecord(framework)) throw new Error('framework.yaml: expected a mapping');
  const areas = list(framework.areas).map((area) => {
    if (!isRecord(area)) throw new Error('area: expected a mapping');
    return {
      code: String(area.code),
      name: localised(area.name, locale),
      competences: list(area.competences).map((competence) => {
        if (!isRecord(competence)) throw new Error('competence: expected a mapping');
        return { index: String(competence.index), name: localised(competence.name, locale) };
      }),
    };
  });
  return { version, areas };
}

/** A complete boot object for the about widget. */
export function aboutBoot(locale: string): Boot {
  return { widget: 'about', locale, apiBase: '/api', data: aboutData(locale), messages: messages[resolveLocale(locale)] };
}
