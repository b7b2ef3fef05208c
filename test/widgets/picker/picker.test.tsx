import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import axe from 'axe-core';
import { afterEach, describe, expect, it } from 'vitest';
import { Picker } from '../../../widgets/src/picker/Picker.tsx';
import type { Boot } from '../../../widgets/src/kit/boot.ts';
import { messages, resolveLocale } from '../../../widgets/src/kit/catalogue.ts';
import { aboutData } from '../support/aboutBoot.ts';

afterEach(cleanup);

/** Boot data as the server builds it (start-deep-linking.ts): the real framework's areas, localised. */
function pickerBoot(locale: string, extra: { acceptMultiple?: boolean; campaigns?: Array<{ code: string; name: string }> } = {}): Boot {
  return {
    widget: 'picker',
    locale,
    apiBase: '/api',
    token: 'tok',
    messages: messages[resolveLocale(locale)],
    data: {
      action: 'https://pix.example.org/lti/deep-linking/response',
      context: 'signed-context',
      acceptMultiple: extra.acceptMultiple ?? false,
      areas: aboutData(locale).areas,
      campaigns: extra.campaigns ?? [],
    },
  };
}

describe('deep-linking picker', () => {
  it('offers the 16 competence evaluations by area, as radios of one plain form posting the signed context', () => {
    const { container } = render(<Picker boot={pickerBoot('fr')} />);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Ajouter une activité Pix');
    const form = container.querySelector('form')!;
    expect(form.getAttribute('method')).toBe('post');
    expect(form.getAttribute('action')).toBe('https://pix.example.org/lti/deep-linking/response');
    expect((form.querySelector('input[name="context"]') as HTMLInputElement).value).toBe('signed-context');
    expect(screen.getAllByRole('group')).toHaveLength(5);
    const radios = screen.getAllByRole('radio');
    expect(radios).toHaveLength(16);
    expect(radios.map((r) => (r as HTMLInputElement).value)).toContain('competence:1.1');
    expect(within(screen.getAllByRole('group')[0]!).getByLabelText(/^1\.1 /)).toBeTruthy();
  });

  it('says so and stays on the page when submitted with nothing chosen', async () => {
    const { container } = render(<Picker boot={pickerBoot('fr', { acceptMultiple: true })} />);
    const form = container.querySelector('form')!;
    const event = new Event('submit', { cancelable: true, bubbles: true });
    form.dispatchEvent(event);
    expect(event.defaultPrevented).toBe(true);
    expect((await screen.findByRole('alert')).textContent).toBe('Choisissez au moins une activité.');
  });

  it('lets the form go with a choice, once (no double submit)', () => {
    const { container } = render(<Picker boot={pickerBoot('fr')} />);
    fireEvent.click(screen.getAllByRole('radio')[3]!);
    const form = container.querySelector('form')!;
    const first = new Event('submit', { cancelable: true, bubbles: true });
    form.dispatchEvent(first);
    expect(first.defaultPrevented).toBe(false);
    const second = new Event('submit', { cancelable: true, bubbles: true });
    form.dispatchEvent(second);
    expect(second.defaultPrevented).toBe(true);
  });

  it('uses checkboxes when the platform accepts several items, and lists campaigns first when there are some', () => {
    render(<Picker boot={pickerBoot('en', { acceptMultiple: true, campaigns: [{ code: 'ABCD1234', name: 'Rentrée 5e' }] })} />);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Add a Pix activity');
    expect(screen.getAllByRole('checkbox')).toHaveLength(17);
    expect(screen.getAllByRole('group')[0]!.querySelector('legend')!.textContent).toBe('Your school’s campaigns');
    expect((screen.getAllByRole('checkbox')[0] as HTMLInputElement).value).toBe('campaign:ABCD1234');
    expect(screen.getByRole('button', { name: 'Add the activities' }).getAttribute('type')).toBe('submit');
  });

  it.each(['fr', 'en'])('has no serious or critical accessibility violation in %s (axe-core)', async (locale) => {
    document.documentElement.lang = locale;
    const { container } = render(<Picker boot={pickerBoot(locale)} />);
    const results = await axe.run(container);
    expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  });
});
