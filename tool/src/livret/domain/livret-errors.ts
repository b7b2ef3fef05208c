import { AppError } from '../../shared/domain/errors.ts';

/** Stable codes of the livret scolaire features; messages are for people and may change. */
export const livretErrors = {
  tokenInvalid: () => new AppError('LIVRET_TOKEN_INVALID', 401, 'Jeton d’accès absent, invalide ou expiré.'),
  scopeMissing: (scope: string) => new AppError('LIVRET_SCOPE_MISSING', 403, `Le jeton n’a pas la portée « ${scope} ».`),
  uaiForbidden: () => new AppError('LIVRET_UAI_FORBIDDEN', 403, 'Ce client n’a pas accès à cet établissement.'),
  uaiInvalid: () => new AppError('LIVRET_UAI_INVALID', 400, 'UAI invalide (7 chiffres et une lettre).'),
  schemaInvalid: (messages: string[], which: 'input' | 'output') =>
    new AppError(
      'LSU_SCHEMA_INVALID',
      which === 'input' ? 400 : 500,
      which === 'input' ? 'Le fichier LSU ne respecte pas le schéma de sa version.' : 'Le fichier enrichi ne respecte pas le schéma : rien n’a été livré.',
      { messages },
    ),
  schemaVersionUnsupported: (messages: string[]) => new AppError('LSU_SCHEMA_VERSION_UNSUPPORTED', 400, 'Version du schéma LSU non prise en charge.', { messages }),
  schemaMissing: (messages: string[]) => new AppError('LSU_SCHEMA_MISSING', 500, 'Schéma LSU introuvable : vérifiez LSU_SCHEMA_DIR.', { messages }),
  notLsu: () => new AppError('LSU_NOT_LSU_FILE', 400, 'Ce fichier n’est pas un export LSU (racine lsun-bilans attendue).'),
  uaiMismatch: (fileUai: string, uai: string) =>
    new AppError('LSU_UAI_MISMATCH', 400, `Le fichier est celui de l’établissement ${fileUai}, pas de ${uai}.`, { fileUai, uai }),
  noCycle3Pupil: () =>
    new AppError('LSU_NO_CYCLE3_PUPIL', 400, 'Aucun élève de CM2 ou de 6e dans ce fichier : le bloc des compétences numériques ne concerne que ces classes.'),
  adminOnly: () => new AppError('LIVRET_ADMIN_ONLY', 403, 'Réservé aux administrateurs de cet établissement.'),
  organizationNotFound: (uai: string) => new AppError('ORGANIZATION_NOT_FOUND', 404, `Établissement inconnu : ${uai}.`),
  appreciationTooLong: () => new AppError('LSU_APPRECIATION_TOO_LONG', 400, 'L’appréciation dépasse 600 caractères.'),
};

export const UAI_PATTERN = /^[0-9]{7}[A-Za-z]$/;
