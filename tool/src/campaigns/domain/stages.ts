/** Stages (paliers): thresholds on the mastery rate (§4.2). */
export interface Stage {
  /** Percent, 0–100; the first stage is always 0. */
  threshold: number;
  title: string;
  message: string;
}

/** Sorted by threshold, thresholds distinct, the first at 0 (the "zero stage"); null when valid. */
export function stagesProblem(stages: readonly Stage[]): string | null {
  if (stages.length === 0) return null;
  const thresholds = stages.map((s) => s.threshold);
  if (thresholds[0] !== 0) return 'Le premier palier doit avoir un seuil de 0 %.';
  for (let i = 1; i < thresholds.length; i++) {
    if ((thresholds[i] ?? 0) <= (thresholds[i - 1] ?? 0)) return 'Les seuils des paliers doivent être croissants et distincts.';
  }
  return null;
}

/**
 * The reached stage, 1-based, and the total (upstream `StageCollection`): no validated skill → the zero stage;
 * otherwise the highest stage whose threshold ≤ mastery %. Null when the campaign has no stages.
 */
export function reachedStage(stages: readonly Stage[], masteryRate: number, validatedSkillsCount: number): { reached: number; total: number; stage: Stage } | null {
  const first = stages[0];
  if (!first) return null;
  let index = 0;
  if (validatedSkillsCount > 0) {
    const percent = masteryRate * 100;
    stages.forEach((stage, i) => {
      if (stage.threshold <= percent + 1e-9) index = i;
    });
  }
  return { reached: index + 1, total: stages.length, stage: stages[index] ?? first };
}
