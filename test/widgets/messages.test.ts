import { describe, expect, it } from 'vitest';
import { messages, resolveLocale } from '../../widgets/src/kit/catalogue.ts';
import { createTranslator } from '../../widgets/src/kit/messages.ts';

describe('message catalogue', () => {
  it('has exactly the same keys in French and English, none empty', () => {
    expect(Object.keys(messages.en).sort()).toEqual(Object.keys(messages.fr).sort());
    for (const text of [...Object.values(messages.fr), ...Object.values(messages.en)]) expect(text.trim()).not.toBe('');
  });

  it('uses the same placeholders in both languages', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
    for (const [key, text] of Object.entries(messages.fr)) {
      expect(placeholders(messages.en[key as keyof typeof messages.en]), key).toEqual(placeholders(text));
    }
  });

  it.each([
    ['fr', 'fr'],
    ['fr-FR', 'fr'],
    ['fr_CA', 'fr'],
    ['FR-be', 'fr'],
    ['en', 'en'],
    ['en-GB', 'en'],
    ['en_US', 'en'],
    ['EN', 'en'],
    ['de-DE', 'fr'],
    ['english', 'fr'],
    ['', 'fr'],
    [undefined, 'fr'],
    [null, 'fr'],
  ])('resolves %s to %s', (tag, locale) => {
    expect(resolveLocale(tag)).toBe(locale);
  });

  it('interpolates {name} placeholders and leaves unknown ones as written', () => {
    expect(createTranslator(messages.en)('about.version', { version: '2.0.1' })).toBe('Version 2.0.1');
    expect(createTranslator(messages.fr)('about.area', { code: 3, name: 'Création de contenus' })).toBe(
      'Domaine 3\u00a0: Création de contenus',
    );
    expect(createTranslator(messages.fr)('about.version')).toBe('Version {version}');
    expect(createTranslator(undefined)('about.version')).toBe('about.version');
  });
});
