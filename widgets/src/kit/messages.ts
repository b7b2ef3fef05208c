// The one message catalogue of every widget: French first (reference), English second.
// Competence and area names are not here: the server sends them already localised.

const fr = {
  'boot.error.title': 'Impossible d’afficher ce contenu',
  'boot.error.text':
    'Rechargez la page. Si le problème persiste, signalez-le à l’administrateur de votre plateforme.',
  'boot.error.code': 'Code de l’erreur\u00a0: {code}',
  'about.intro':
    '{product} permet d’évaluer et de développer ses compétences numériques (CRCN\u00a0: 16 compétences réparties en 5 domaines) sans quitter son ENT ou son LMS.',
  'about.version': 'Version {version}',
  'about.competences.title': 'Les domaines et les compétences',
  'about.area': 'Domaine {code}\u00a0: {name}',
  'about.privacy.title': 'Données personnelles',
  'about.privacy.text':
    'Votre compte est créé automatiquement à partir de votre plateforme scolaire\u00a0: aucune adresse e-mail n’est demandée. Seules les informations nécessaires à l’évaluation sont conservées.',
};

/** A key of the catalogue. */
export type MessageKey = keyof typeof fr;

// Typed as Record<MessageKey, string>: a missing or extra key is a compile error.
const en: Record<MessageKey, string> = {
  'boot.error.title': 'This content cannot be displayed',
  'boot.error.text': 'Reload the page. If the problem persists, tell your platform administrator.',
  'boot.error.code': 'Error code: {code}',
  'about.intro':
    '{product} lets you assess and develop your digital skills (CRCN: 16 competences in 5 areas) without leaving your school platform or LMS.',
  'about.version': 'Version {version}',
  'about.competences.title': 'Areas and competences',
  'about.area': 'Area {code}: {name}',
  'about.privacy.title': 'Personal data',
  'about.privacy.text':
    'Your account is created automatically from your school platform: no e-mail address is required. Only what the assessment needs is kept.',
};

export const messages = { fr, en };

/** A supported language of the interface. */
export type Locale = keyof typeof messages;

/** Values interpolated into `{name}` placeholders. */
export type MessageParams = Record<string, string | number>;

/** Returns the message for `key`, placeholders filled from `params`. */
export type Translator = (key: MessageKey, params?: MessageParams) => string;

/**
 * Maps a BCP 47 or POSIX tag to a supported locale: 'en', 'en-GB', 'en_US' → en;
 * anything else, including 'fr-FR', 'fr_CA', empty or unknown → fr (the platforms are French).
 */
export function resolveLocale(tag: string | null | undefined): Locale {
  const language = (tag ?? '').trim().toLowerCase().split(/[-_]/)[0];
  return language === 'en' ? 'en' : 'fr';
}

/** Builds `t(key, params?)` for a locale tag; an unknown placeholder is left as written. */
export function createTranslator(tag: string | null | undefined): Translator {
  const catalogue = messages[resolveLocale(tag)];
  return (key, params = {}) =>
    catalogue[key].replace(/\{(\w+)\}/g, (placeholder: string, name: string) => {
      const value = params[name];
      return value === undefined ? placeholder : String(value);
    });
}
