/** Non-breaking space and narrow non-breaking space (French typography puts them before « ; : ! ? »). */
const NON_BREAKING_SPACES = /[\u00A0\u202F]/g;

/**
 * Pre-treatment applied to every answer and accepted value, whatever the treatments:
 * NFC so that a decomposed "é" typed on some keyboards equals the precomposed one, and
 * non-breaking spaces become plain spaces.
 */
export function normalizeAnswer(s: string): string {
  return s.normalize('NFC').replace(NON_BREAKING_SPACES, ' ');
}
