import axe from 'axe-core';
import type { Frame } from 'playwright-core';

/** axe-core run inside a frame: its serious and critical violations, one line each (rule, help, node count). */
export async function seriousAxeViolations(frame: Frame): Promise<string[]> {
  await frame.evaluate(axe.source);
  return frame.evaluate(async () => {
    const result = await (window as unknown as { axe: typeof axe }).axe.run(document);
    return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help} (${v.nodes.length})`);
  });
}
