import { formatReferentialError, type ReferentialError } from './referential-error.ts';

const LISTED_ERRORS = 20;

/** The server refuses to start on an invalid referential: the message lists the first errors, `errors` has them all. */
export class InvalidReferentialError extends Error {
  override readonly name = 'InvalidReferentialError';
  readonly code = 'REFERENTIAL_INVALID';
  readonly errors: readonly ReferentialError[];

  constructor(errors: readonly ReferentialError[]) {
    const listed = errors.slice(0, LISTED_ERRORS).map((error) => `  ${formatReferentialError(error)}`);
    const more = errors.length > LISTED_ERRORS ? [`  … et ${errors.length - LISTED_ERRORS} autre(s)`] : [];
    super([`Référentiel invalide (${errors.length} erreur(s)) ; détail : npx pix-embed referential check`, ...listed, ...more].join('\n'));
    this.errors = errors;
  }
}
