import { cleanup, render } from '@testing-library/preact';
import axe from 'axe-core';
import { afterEach, describe, expect, it } from 'vitest';
import { About } from '../../widgets/src/about/About.tsx';
import { aboutBoot } from './support/aboutBoot.ts';

afterEach(cleanup);

describe('about widget accessibility (axe-core)', () => {
  it.each(['fr', 'en'])('has no serious or critical violation in %s', async (locale) => {
    document.documentElement.lang = locale;
    const { container } = render(<About boot={aboutBoot(locale)} />);

    const results = await axe.run(container);
    const blocking = results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');

    expect(blocking.map((violation) => `${violation.id}: ${violation.help}`)).toEqual([]);
    // axe really ran the structural rules (happy-dom does no layout, so contrast is left to browser tests).
    expect(results.passes.map((rule) => rule.id)).toEqual(expect.arrayContaining(['list', 'listitem', 'heading-order']));
  });

  it('catches a known violation, so a clean result above means something under happy-dom', async () => {
    const { container } = render(
      <main>
        <img src="logo.png" />
      </main>,
    );

    const results = await axe.run(container);

    expect(results.violations.map((violation) => [violation.id, violation.impact])).toContainEqual(['image-alt', 'critical']);
  });
});
