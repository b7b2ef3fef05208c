import type { KnowledgeElement } from '../../models/knowledge-element.ts';
import { DEFAULT_LEVEL_FOR_FIRST_CHALLENGE } from './skill-filters.ts';

/** Candidate levels 0.5, 1.0, …, 7.5. */
const CANDIDATE_LEVELS = Array.from({ length: 15 }, (_, i) => 0.5 + i * 0.5);

/** Two virtual observations keep the estimate finite: a success at difficulty 0 and a failure at 7. */
const VIRTUAL_OBSERVATIONS = [
  { difficulty: 0, outcome: 1 },
  { difficulty: 7, outcome: 0 },
];

export function probabilityOfSuccess(level: number, difficulty: number): number {
  return 1 / (1 + Math.exp(-(level - difficulty)));
}

/**
 * Upstream `getPredictedLevel`: the candidate level whose expected score best matches the observed one on the
 * direct KEs, −|Σ (outcome − P(level, difficulty))|; the first of equal candidates wins.
 */
export function predictLevel({
  knowledgeElements,
  skillLevel,
}: {
  knowledgeElements: readonly KnowledgeElement[];
  /** Difficulty of an acquis; unknown acquis count as level 2 (upstream default). */
  skillLevel: (skillId: string) => number | undefined;
}): number {
  const observations = [
    ...knowledgeElements
      .filter((ke) => ke.source === 'direct')
      .map((ke) => ({
        difficulty: skillLevel(ke.skillId) ?? DEFAULT_LEVEL_FOR_FIRST_CHALLENGE,
        outcome: ke.status === 'validated' ? 1 : 0,
      })),
    ...VIRTUAL_OBSERVATIONS,
  ];
  let bestLevel = CANDIDATE_LEVELS[0]!;
  let bestScore = -Infinity;
  for (const level of CANDIDATE_LEVELS) {
    let gap = 0;
    for (const { difficulty, outcome } of observations) gap += outcome - probabilityOfSuccess(level, difficulty);
    const score = -Math.abs(gap);
    if (score > bestScore) {
      bestScore = score;
      bestLevel = level;
    }
  }
  return bestLevel;
}
