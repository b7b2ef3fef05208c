import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import axe from 'axe-core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ChallengeView } from '../../../tool/src/shared/api-contract/evaluation.ts';
import { Pupil } from '../../../widgets/src/pupil/Pupil.tsx';
import { fakeApi, json, networkError } from './support/fakeApi.ts';
import { assessment, card, checkpoint, profile, pupilBoot, qcm, qcu, qroc, qrocmDep, qrocmInd, results } from './support/pupilFixtures.ts';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

/** Violations axe rates serious or critical (happy-dom does no layout: contrast is left to browser tests). */
async function blockingViolations(): Promise<string[]> {
  const result = await axe.run(document.body);
  return result.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.html).join(', ')})`);
}

const cards = [
  card({ index: '1.1', status: 'STARTED', level: 3, pix: 29, pixAheadOfNextLevel: 5, percentToNextLevel: 62, canReset: true }),
  card({ index: '2.1', name: 'Interagir', areaCode: '2', status: 'COMPLETED', level: 2, pix: 18, canImprove: true, daysBeforeReset: 2 }),
  card({ index: '5.1', name: 'Résoudre des problèmes techniques', areaCode: '5', status: 'COMPLETED', level: 6, maxLevelReached: true }),
];

describe('pupil widget accessibility (axe-core)', () => {
  it.each(['fr', 'en'])('profile, with a reset confirmation open, in %s', async (locale) => {
    document.documentElement.lang = locale;
    render(<Pupil boot={pupilBoot({ screen: 'profile', profile: profile(locale, cards) }, locale)} />);
    fireEvent.click(screen.getByRole('button', { name: locale === 'fr' ? 'Remettre à zéro' : 'Reset' }));
    // The confirmation comes with the lazy chunk.
    await screen.findByRole('button', { name: locale === 'fr' ? 'Annuler' : 'Cancel' });

    expect(await blockingViolations()).toEqual([]);
  });

  it.each<[string, ChallengeView]>([
    ['QCU', qcu()],
    ['QCM', qcm()],
    ['QROC', qroc()],
    ['QROCM-ind', qrocmInd()],
    ['QROCM-dep with illustration, embed and text alternative', qrocmDep()],
    ['focused', qcu({ focused: true })],
  ])('challenge %s', async (_type, challenge) => {
    render(<Pupil boot={pupilBoot({ screen: 'assessment', assessment: assessment(challenge) })} />);

    expect(await blockingViolations()).toEqual([]);
  });

  it('timed challenge: notice, then countdown', async () => {
    render(<Pupil boot={pupilBoot({ screen: 'assessment', assessment: assessment(qroc({ timer: 45 })) })} />);
    expect(await blockingViolations()).toEqual([]);

    fireEvent.click(screen.getByRole('button', { name: 'Je commence' }));
    expect(screen.getByRole('timer')).toBeTruthy();
    expect(await blockingViolations()).toEqual([]);
  });

  it('error alert', async () => {
    fakeApi().on('POST assessments/a1/answers', networkError);
    render(<Pupil boot={pupilBoot({ screen: 'assessment', assessment: assessment(qcu()) })} />);
    fireEvent.click(screen.getByRole('radio', { name: 'Moteur A' }));
    fireEvent.click(screen.getByRole('button', { name: 'Je valide' }));
    await screen.findByRole('alert');

    expect(await blockingViolations()).toEqual([]);
  });

  it('checkpoint', async () => {
    fakeApi().on('GET assessments/a1/checkpoint', json(checkpoint()));
    render(<Pupil boot={pupilBoot({ screen: 'assessment', assessment: assessment(null, { checkpointDue: true }) })} />);
    await screen.findByRole('heading', { name: 'Tes dernières réponses' });

    expect(await blockingViolations()).toEqual([]);
  });

  it('results', async () => {
    fakeApi().on('GET assessments/a1/results', json(results()));
    render(<Pupil boot={pupilBoot({ screen: 'assessment', assessment: assessment(null, { state: 'completed' }) })} />);
    await screen.findByRole('heading', { name: 'Ton résultat' });

    const result = await axe.run(document.body);
    expect(result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
    // axe really checked the structure.
    expect(result.passes.map((rule) => rule.id)).toEqual(expect.arrayContaining(['heading-order', 'landmark-main-is-top-level', 'region', 'list']));
  });
});
