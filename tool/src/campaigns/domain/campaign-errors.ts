import { AppError } from '../../shared/domain/errors.ts';

/** The campaigns' errors, with stable codes (clients and tests match on the code). */
export const campaignErrors = {
  /** Unknown code, or a code of a campaign the pupil may not join: the same answer, codes cannot be probed. */
  codeUnknown: () => new AppError('CAMPAIGN_CODE_UNKNOWN', 404, 'Aucun parcours ne correspond à ce code.'),
  notFound: () => new AppError('CAMPAIGN_NOT_FOUND', 404, 'Parcours introuvable.'),
  participationNotFound: () => new AppError('PARTICIPATION_NOT_FOUND', 404, 'Participation introuvable.'),
  targetProfileNotFound: () => new AppError('TARGET_PROFILE_NOT_FOUND', 404, 'Profil cible introuvable.'),
  archived: () => new AppError('CAMPAIGN_ARCHIVED', 409, 'Ce parcours est archivé.'),
  alreadyShared: () => new AppError('PARTICIPATION_ALREADY_SHARED', 409, 'Vos résultats ont déjà été envoyés.'),
  notFinished: () => new AppError('PARTICIPATION_NOT_FINISHED', 409, 'Terminez le parcours avant d’envoyer vos résultats.'),
  retryNotAllowed: (days: number) =>
    new AppError('PARTICIPATION_RETRY_NOT_ALLOWED', 412, days > 0 ? `Vous pourrez repasser ce parcours dans ${days} jour(s).` : 'Ce parcours ne peut pas être repassé.'),
  teacherOnly: () => new AppError('CAMPAIGN_TEACHER_ONLY', 403, 'Réservé aux enseignants de l’établissement.'),
  multipleSendingsLocked: () => new AppError('CAMPAIGN_MULTIPLE_SENDINGS_LOCKED', 409, 'L’envoi multiple ne peut plus changer : le parcours a des participants.'),
  emptyTargetProfile: () => new AppError('TARGET_PROFILE_EMPTY', 400, 'Le profil cible ne retient aucun acquis.'),
  invalid: (message: string, details?: unknown) => new AppError('CAMPAIGN_INVALID', 400, message, details),
  previewInvalid: () => new AppError('CAMPAIGN_PREVIEW_INVALID', 400, 'Aperçu expiré ou invalide : relancez l’aperçu.'),
  notShared: () => new AppError('PARTICIPATION_NOT_SHARED', 409, 'Cet élève n’a pas encore envoyé ses résultats.'),
  nothingToResend: () => new AppError('GRADE_SYNC_NOTHING_TO_RESEND', 409, 'Aucune note à renvoyer : l’élève n’a pas ouvert ce parcours depuis le LMS, ou sa note attend déjà son envoi.'),
  codeExhausted: () => new AppError('CAMPAIGN_CODE_EXHAUSTED', 503, 'Aucun code libre trouvé, réessayez.'),
};
