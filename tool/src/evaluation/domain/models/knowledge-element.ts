/**
 * A knowledge element (KE): one fact about one skill (acquis) of one learner. Append-only: a newer KE on the
 * same skill supersedes the older one, a `reset` KE makes the skill unknown again (§2.1). Persistence assigns ids.
 */
export type KnowledgeElementStatus = 'validated' | 'invalidated' | 'reset';

/** `direct`: the skill of the answered épreuve; `inferred`: deduced along the tube or settled by the engine. */
export type KnowledgeElementSource = 'direct' | 'inferred';

export interface KnowledgeElement {
  userId: string;
  assessmentId: string;
  /** The answer it comes from; null for KEs settled at the end of an adaptive assessment and for resets. */
  answerId: string | null;
  skillId: string;
  competenceIndex: string;
  source: KnowledgeElementSource;
  status: KnowledgeElementStatus;
  /** The skill's pixValue when validated, else 0. */
  earnedPix: number;
  createdAt: Date;
}
