import { expect } from 'vitest';
import type { Frame } from 'playwright-core';
import type { PupilDriver } from './pupil-driver.ts';

/** How a pupil answers each épreuve, from its level. */
export type AnswerPattern = (challengeLevel: number) => boolean;

/**
 * Plays a campaign assessment in the pupil player like a person, from its first épreuve to the campaign's results:
 * answers with `pattern`, goes through every checkpoint, and stops when the campaign widget shows the results
 * ("Envoyer mes résultats"). Any error shown to the pupil, or the competence evaluation's results screen (the
 * wrong end for a campaign), fails at once with what was on screen.
 */
export async function playCampaignToResults(driver: PupilDriver, frame: () => Frame, pattern: AnswerPattern): Promise<{ answered: number; checkpoints: number }> {
  let answered = 0;
  let checkpoints = 0;
  for (let step = 0; step < 400; step += 1) {
    const f = frame();
    await f.locator('main h1, main h2').first().waitFor({ timeout: 15_000 });
    if (await f.getByRole('button', { name: 'Envoyer mes résultats' }).isVisible().catch(() => false)) return { answered, checkpoints };
    const alert = f.getByRole('alert');
    if (await alert.isVisible().catch(() => false)) throw new Error(`error shown to the pupil after ${answered} answers: ${await alert.textContent()}`);
    if (await f.getByRole('heading', { name: 'Ton résultat' }).isVisible().catch(() => false)) {
      throw new Error(`a campaign assessment ended on the competence results screen, not on the campaign's results (${f.url()})`);
    }
    if (await f.getByRole('heading', { name: 'Tes dernières réponses' }).isVisible().catch(() => false)) {
      checkpoints += 1;
      const seeResults = f.getByRole('button', { name: 'Voir mon résultat' });
      if (await seeResults.isVisible().catch(() => false)) await seeResults.click();
      else await f.getByRole('button', { name: 'Continuer' }).click();
      await expect.poll(() => frame().getByRole('heading', { name: 'Tes dernières réponses' }).isVisible().catch(() => false), { timeout: 15_000 }).toBe(false);
      continue;
    }
    if (await f.getByRole('button', { name: 'Je commence' }).isVisible().catch(() => false)) {
      await f.getByRole('button', { name: 'Je commence' }).click();
      continue;
    }
    if (await f.getByRole('button', { name: 'Je valide' }).isVisible().catch(() => false)) {
      const challenge = await driver.waitForCurrent();
      const before = challenge.id;
      await driver.answer(pattern(challenge.level));
      answered += 1;
      // The next screen: another épreuve, a checkpoint, or (page navigation) the campaign's results.
      await expect
        .poll(
          async () => {
            const g = frame();
            const sameQuestion = (await g.getByRole('button', { name: 'Je valide' }).isVisible().catch(() => false)) && driver.current().id === before;
            return !sameQuestion;
          },
          { timeout: 15_000 },
        )
        .toBe(true);
      continue;
    }
    await f.waitForTimeout(100);
  }
  throw new Error(`the campaign assessment did not end after ${answered} answers`);
}
