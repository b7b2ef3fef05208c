/** Text treatments of an épreuve (see referential/README.md, "Traitements des réponses saisies"). */
export type Treatment = 't1' | 't2' | 't3';

/** An input block is free text; a select block offers fixed options and is compared exactly. */
export type BlockKind = 'input' | 'select';

/**
 * A typed solution, as loaded from the referential YAML (not the upstream string encoding).
 * QCU/QCM numbers are 1-based proposal positions.
 */
export type Solution =
  | { type: 'QCU'; value: number }
  | { type: 'QCM'; values: number[] }
  | { type: 'QROC'; accepted: string[]; treatments: Treatment[]; format?: string; blockKind: BlockKind }
  | { type: 'QROCM-ind'; accepted: Record<string, string[]>; treatments: Treatment[]; blocks: Record<string, BlockKind> }
  | { type: 'QROCM-dep'; accepted: Record<string, string[]>; treatments: Treatment[]; fieldKeys: string[] };

export type AnswerStatus = 'ok' | 'ko' | 'aband' | 'timedout' | 'focusedOut';

/** What the widget sent; `value` is untrusted and checked by the validators. */
export interface AnswerSubmission {
  value: unknown;
  timedOut?: boolean;
  focusedOut?: boolean;
}

/** `details` gives one boolean per block key (QROCM-ind) or per field key (QROCM-dep). */
export interface ValidationResult {
  status: AnswerStatus;
  details?: Record<string, boolean>;
}

/** Outcome of one type-specific validator, before the Examiner rules (skip, timeout, focus) apply. */
export interface Correction {
  correct: boolean;
  details?: Record<string, boolean>;
}
