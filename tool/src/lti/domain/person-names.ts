import type { LaunchPerson } from './launch-message.ts';

/** First and last name from the claims: given/family names when sent, else the full name split once. */
export function personNames(person: LaunchPerson): { firstName: string; lastName: string } {
  if (person.givenName || person.familyName) return { firstName: person.givenName, lastName: person.familyName };
  const [first = '', ...rest] = person.name.split(/\s+/).filter(Boolean);
  return { firstName: first, lastName: rest.join(' ') };
}

/** Locale of the account: the platform's launch locale when it is French or English, else French. */
export function accountLocale(locale: string | null): string {
  if (!locale) return 'fr';
  const language = locale.toLowerCase().split(/[-_]/)[0];
  return language === 'en' ? 'en' : 'fr';
}
