import type { TutorialView } from '../../../shared/api-contract/evaluation.ts';
import type { Referential } from '../../../referential/domain/referential.ts';

/** Tutorials of the skills a pupil failed, each once, in the order the skills were met. */
export function tutorialsForSkills(referential: Referential, skillIds: readonly string[]): TutorialView[] {
  const seen = new Set<string>();
  const views: TutorialView[] = [];
  for (const skillId of skillIds) {
    for (const tutorialId of referential.skills.get(skillId)?.tutorialIds ?? []) {
      const tutorial = referential.tutorials.get(tutorialId);
      if (!tutorial || seen.has(tutorial.id)) continue;
      seen.add(tutorial.id);
      views.push({
        id: tutorial.id,
        title: tutorial.title,
        format: tutorial.format,
        durationMinutes: tutorial.durationMinutes,
        ...(tutorial.source ? { source: tutorial.source } : {}),
        url: tutorial.url ?? `/tutorials/${encodeURIComponent(tutorial.id)}`,
      });
    }
  }
  return views;
}
