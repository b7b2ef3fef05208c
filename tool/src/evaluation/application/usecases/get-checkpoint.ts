import type { CheckpointView } from '../../../shared/api-contract/evaluation.ts';
import type { Actor, EvaluationDeps } from '../evaluation-deps.ts';
import { evaluationRepositories } from '../evaluation-state.ts';
import { formatExpectedAnswer, formatGivenAnswer } from '../format-answer.ts';
import { loadOwnedAssessment } from '../load-owned-assessment.ts';
import { challengeLang } from '../present-challenge.ts';
import { tutorialsForSkills } from './present-tutorials.ts';

/** The last series of (up to) 5 answers, right or wrong with the expected answer, and tutorials for what failed. */
export async function getCheckpoint(deps: EvaluationDeps, actor: Actor, assessmentId: string): Promise<CheckpointView> {
  const repos = evaluationRepositories(deps.db);
  const referential = deps.referential();
  const stored = await loadOwnedAssessment(repos, actor, assessmentId);
  const answers = await repos.answers.listByAssessment(stored.id);
  const seriesStart = Math.max(0, Math.min(stored.checkpointsSeen * 5, answers.length - 1));
  const series = answers.slice(seriesStart, seriesStart + 5);
  const failedSkills: string[] = [];
  const views = series.flatMap((answer) => {
    const challenge = referential.challenges.get(answer.challengeId);
    if (!challenge) return [];
    if (answer.result !== 'ok') failedSkills.push(challenge.skillId);
    return [
      {
        challengeId: challenge.id,
        lang: challengeLang(challenge),
        instructionHtml: challenge.instructionHtml,
        result: answer.result,
        givenAnswer: formatGivenAnswer(challenge, answer.value, answer.result),
        expectedAnswer: formatExpectedAnswer(challenge),
      },
    ];
  });
  return { assessmentId: stored.id, answers: views, tutorials: tutorialsForSkills(referential, failedSkills), completed: stored.state === 'completed' };
}
