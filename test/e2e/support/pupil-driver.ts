import axe from 'axe-core';
import type { Frame, Page } from 'playwright-core';
import type { Challenge, Referential } from '../../../tool/src/referential/domain/referential.ts';
import { rightAnswer, wrongAnswer } from '../../../tool/src/bench/answer-values.ts';
import type { ChallengeView } from '../../../tool/src/shared/api-contract/evaluation.ts';

/**
 * Drives the pupil widget like a person: reads which épreuve is on screen from the widget's own API responses,
 * answers it through the form (right up to `knownLevel`, wrong above), and reports every screen it went through.
 */
export class PupilDriver {
  /** The épreuve on screen, as the API sent it to the widget (its proposals in the order shown). */
  private shown: ChallengeView | null = null;
  readonly screens = new Set<string>();

  constructor(
    readonly page: Page,
    readonly frame: () => Frame,
    private readonly referential: Referential,
  ) {
    page.on('response', async (response) => {
      // A campaign assessment opens with a page (POST /campaigns/play) whose boot data holds the first épreuve.
      if (new URL(response.url()).pathname === '/campaigns/play') {
        const html = await response.text().catch(() => '');
        const raw = /<script type="application\/json" id="pix-boot">(.*?)<\/script>/s.exec(html)?.[1];
        const boot = raw ? (JSON.parse(raw) as { data?: { assessment?: { challenge?: ChallengeView | null } } }) : null;
        const first = boot?.data?.assessment?.challenge;
        if (first) this.shown = first;
        return;
      }
      if (!/\/api\/(competence-evaluations|assessments\/[^/]+\/(answers|continue))$/.test(new URL(response.url()).pathname)) return;
      const body = (await response.json().catch(() => null)) as { challenge?: ChallengeView | null; assessment?: { challenge?: ChallengeView | null } } | null;
      const challenge = body?.assessment?.challenge ?? body?.challenge;
      if (challenge) this.shown = challenge;
    });
  }

  current(): Challenge {
    const challenge = this.shown ? this.referential.challenges.get(this.shown.id) : undefined;
    if (!challenge) throw new Error('no current épreuve seen in the API responses');
    return challenge;
  }

  /** The widget may render before the response listener has parsed the body: wait for it. */
  async waitForCurrent(): Promise<Challenge> {
    for (let i = 0; i < 100 && !this.shown; i += 1) await new Promise((r) => setTimeout(r, 50));
    return this.current();
  }

  /** Fills the answer form for the current épreuve, then clicks "Je valide". */
  async answer(correct: boolean): Promise<void> {
    const frame = this.frame();
    const go = frame.getByRole('button', { name: 'Je commence' });
    if (await go.isVisible().catch(() => false)) await go.click();
    const challenge = this.current();
    const value = correct ? rightAnswer(challenge, this.shown!) : wrongAnswer(challenge, this.shown!);
    if (challenge.type === 'QCU' || challenge.type === 'QCM') {
      // Shown positions: the boxes in the order on screen.
      const positions = Array.isArray(value) ? (value as number[]) : [value as number];
      const boxes = frame.locator(`input[name="pix-${challenge.id}"]`);
      for (const position of positions) await boxes.nth(position - 1).check();
    } else {
      const entries: Array<[string, string]> =
        typeof value === 'string' ? [[firstKey(challenge), value]] : Object.entries(value as Record<string, string>);
      for (const [key, text] of entries) {
        const label = ariaLabelOf(challenge, key);
        const control = frame.getByLabel(label, { exact: true });
        if ((await control.evaluate((el) => el.tagName)) === 'SELECT') {
          const options = await control.locator('option').allTextContents();
          await control.selectOption(options.includes(text) ? text : (options.find((o) => o !== text && o !== 'Choisir…') ?? ''));
        } else {
          await control.fill(text);
        }
      }
    }
    await frame.getByRole('button', { name: 'Je valide' }).click();
  }

  async axeViolations(): Promise<string[]> {
    const frame = this.frame();
    await frame.evaluate(axe.source);
    return frame.evaluate(async () => {
      const run = (window as unknown as { axe: typeof axe }).axe.run;
      const result = await run(document);
      return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help} (${v.nodes.length})`);
    });
  }
}

type Field = { key: string; ariaLabel: string };

function fieldsOf(challenge: Challenge): Field[] {
  if (challenge.proposals.kind !== 'blocks') return [];
  return challenge.proposals.parsed.lines.flat().flatMap((segment) => (segment.kind === 'text' ? [] : [{ key: segment.key, ariaLabel: segment.ariaLabel }]));
}

function firstKey(challenge: Challenge): string {
  const field = fieldsOf(challenge)[0];
  if (!field) throw new Error(`no field in ${challenge.id}`);
  return field.key;
}

function ariaLabelOf(challenge: Challenge, key: string): string {
  const field = fieldsOf(challenge).find((f) => f.key === key);
  if (!field) throw new Error(`no field ${key} in ${challenge.id}`);
  return field.ariaLabel;
}
