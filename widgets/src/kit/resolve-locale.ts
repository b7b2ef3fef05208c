import type { Locale } from './catalogue.ts';

/**
 * Maps a BCP 47 or POSIX tag to a supported locale: 'en', 'en-GB', 'en_US' → en;
 * anything else, including 'fr-FR', 'fr_CA', empty or unknown → fr (the platforms are French).
 */
export function resolveLocale(tag: string | null | undefined): Locale {
  const language = (tag ?? '').trim().toLowerCase().split(/[-_]/)[0];
  return language === 'en' ? 'en' : 'fr';
}
