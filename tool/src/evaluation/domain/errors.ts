import { AppError } from '../../shared/domain/errors.ts';

/** Named errors of the evaluation context; codes are stable, messages may change. */

export class AssessmentNotStartedError extends AppError {
  constructor(assessmentId: string) {
    super('ASSESSMENT_NOT_STARTED', 409, `L'évaluation ${assessmentId} n'est plus en cours.`);
    this.name = 'AssessmentNotStartedError';
  }
}

export class ChallengeNotAskedError extends AppError {
  constructor(challengeId: string) {
    super('CHALLENGE_NOT_ASKED', 409, `L'épreuve ${challengeId} n'est pas l'épreuve en cours.`);
    this.name = 'ChallengeNotAskedError';
  }
}

export class ChallengeAlreadyAnsweredError extends AppError {
  constructor(challengeId: string) {
    super('CHALLENGE_ALREADY_ANSWERED', 409, `L'épreuve ${challengeId} a déjà reçu une réponse.`);
    this.name = 'ChallengeAlreadyAnsweredError';
  }
}

export class UnknownChallengeError extends AppError {
  constructor(challengeId: string) {
    super('CHALLENGE_UNKNOWN', 404, `Épreuve inconnue : ${challengeId}.`);
    this.name = 'UnknownChallengeError';
  }
}

export class UnknownCompetenceError extends AppError {
  constructor(competenceIndex: string) {
    super('COMPETENCE_UNKNOWN', 404, `Compétence inconnue : ${competenceIndex}.`);
    this.name = 'UnknownCompetenceError';
  }
}

export class InvalidAssessmentTargetError extends AppError {
  constructor(assessmentId: string) {
    super('ASSESSMENT_TARGET_INVALID', 400, `L'évaluation ${assessmentId} n'a ni compétence ni acquis ciblés.`);
    this.name = 'InvalidAssessmentTargetError';
  }
}

export class CompetenceResetNotAllowedError extends AppError {
  constructor(competenceIndex: string) {
    super('COMPETENCE_RESET_NOT_ALLOWED', 412, `La compétence ${competenceIndex} ne peut pas encore être remise à zéro.`);
    this.name = 'CompetenceResetNotAllowedError';
  }
}
