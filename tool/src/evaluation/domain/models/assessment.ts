/**
 * An assessment as plain data. Competence evaluations and campaigns for now; certification will add its own type.
 * The engine never mutates it: use cases return the new facts (answers, knowledge elements, state).
 */
export type AssessmentType = 'COMPETENCE_EVALUATION' | 'CAMPAIGN';
export type AssessmentState = 'started' | 'completed' | 'aborted';

/** How the next épreuve is chosen: our adaptive engine, or upstream Pix's smart random kept as the baseline. */
export type AssessmentMethod = 'adaptive' | 'smart-random';

export const ASSESSMENT_METHODS: readonly AssessmentMethod[] = ['adaptive', 'smart-random'];

export interface Assessment {
  id: string;
  userId: string;
  type: AssessmentType;
  state: AssessmentState;
  method: AssessmentMethod;
  /** Competence evaluation: the competence evaluated ("1.1" …); null for a campaign. */
  competenceIndex: string | null;
  /** Campaign: the skills (acquis) of its target profile; null for a competence evaluation. */
  targetSkillIds: readonly string[] | null;
  /** Improving (« retenter ») an already completed competence: old failures are forgotten (§2.4). */
  isImproving: boolean;
  createdAt: Date;
  /** The épreuve asked last and not answered yet; null before the first one. */
  lastChallengeId: string | null;
}
