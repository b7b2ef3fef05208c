/** Assignment and Grade Services 2.0: the score body and the URLs, as platforms (Moodle first) expect them. */

export type ActivityProgress = 'Initialized' | 'Started' | 'InProgress' | 'Submitted' | 'Completed';
export type GradingProgress = 'FullyGraded' | 'Pending' | 'PendingManual' | 'Failed' | 'NotReady';

/** A result as the other contexts report it, before it becomes an AGS score. */
export interface ActivityResult {
  scoreGiven: number;
  scoreMaximum: number;
  comment: string;
  activityProgress: ActivityProgress;
  gradingProgress: GradingProgress;
}

export interface ScoreBody {
  userId: string;
  scoreGiven: number;
  scoreMaximum: number;
  comment: string;
  timestamp: string;
  activityProgress: ActivityProgress;
  gradingProgress: GradingProgress;
}

/**
 * `{lineitem}/scores` with `/scores` inserted in the path, before any query string:
 * `…/lineitem?type_id=1` → `…/lineitem/scores?type_id=1` (appending would break Moodle's URL).
 */
export function scoresUrl(lineItemUrl: string): string {
  const url = new URL(lineItemUrl);
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/scores`;
  return url.toString();
}

/**
 * Timestamps of one learner's scores on one line item must strictly increase (Moodle ignores an older or
 * equal one): the new score is stamped now, or 1 ms after the previous one if the clock has not moved on.
 */
export function nextScoreTimestamp(now: Date, previous: string | null): string {
  const previousMs = previous ? Date.parse(previous) : Number.NaN;
  const ms = Number.isNaN(previousMs) ? now.getTime() : Math.max(now.getTime(), previousMs + 1);
  return new Date(ms).toISOString();
}

export function scoreBody(subject: string, result: ActivityResult, timestamp: string): ScoreBody {
  return {
    userId: subject,
    scoreGiven: result.scoreGiven,
    scoreMaximum: result.scoreMaximum,
    comment: result.comment,
    timestamp,
    activityProgress: result.activityProgress,
    gradingProgress: result.gradingProgress,
  };
}

/** The AGS result of a finished competence evaluation: the level out of the maximum level. */
export function competenceEvaluationResult(input: { level: number; pix: number; maxLevel: number }): ActivityResult {
  return {
    scoreGiven: input.level,
    scoreMaximum: input.maxLevel,
    comment: `Niveau ${input.level} — ${input.pix} pix`,
    activityProgress: 'Completed',
    gradingProgress: 'FullyGraded',
  };
}

/** 200, 201, 202 and 204 all mean "received" in AGS. */
export function isAcceptedStatus(status: number): boolean {
  return status === 200 || status === 201 || status === 202 || status === 204;
}
