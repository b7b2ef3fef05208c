import { messages } from '../../widgets/src/kit/catalogue.ts';
import { cleanup, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { About } from '../../widgets/src/about/About.tsx';
import { aboutBoot } from './support/aboutBoot.ts';

afterEach(cleanup);

describe('about widget', () => {
  it('renders in French by default: name, purpose, version, 5 areas and 16 competences, personal data', () => {
    render(<About boot={aboutBoot('fr')} />);

    expect(screen.getByRole('main')).toBeTruthy();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Pix Embed');
    expect(screen.getByText(/évaluer et de développer ses compétences numériques/).textContent).toContain(
      'sans quitter son ENT ou son LMS',
    );
    expect(screen.getByText('Version 1.2.3')).toBeTruthy();
    expect(screen.getByRole('heading', { level: 2, name: 'Les domaines et les compétences' })).toBeTruthy();
    const areas = screen.getAllByRole('heading', { level: 3 });
    expect(areas.map((heading) => heading.textContent)).toHaveLength(5);
    expect(areas[0]?.textContent).toBe('Domaine 1\u00a0: Information et données');
    // One list of areas, then one list of competences per area: lists as lists.
    const [areaList, ...competenceLists] = screen.getAllByRole('list');
    expect(areaList && within(areaList).getAllByRole('heading', { level: 3 })).toHaveLength(5);
    expect(competenceLists).toHaveLength(5);
    const competences = competenceLists.flatMap((list) => within(list).getAllByRole('listitem'));
    expect(competences).toHaveLength(16);
    expect(competences[0]?.textContent).toBe("1.1 Mener une recherche et une veille d'information");
    expect(competences[15]?.textContent).toMatch(/^5\.2 /);
    expect(screen.getByRole('heading', { level: 2, name: 'Données personnelles' })).toBeTruthy();
    expect(screen.getByText(/aucune adresse e-mail n’est demandée/)).toBeTruthy();
  });

  it('renders in English for en-GB', () => {
    render(<About boot={aboutBoot('en-GB')} />);

    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Pix Embed');
    expect(screen.getByText(/assess and develop your digital skills/)).toBeTruthy();
    expect(screen.getByText('Version 1.2.3')).toBeTruthy();
    expect(screen.getByRole('heading', { level: 2, name: 'Areas and competences' })).toBeTruthy();
    expect(screen.getAllByRole('heading', { level: 3 })[0]?.textContent).toBe('Area 1: Information and data literacy');
    expect(screen.getByRole('heading', { level: 2, name: 'Personal data' })).toBeTruthy();
    expect(screen.getByText(/no e-mail address is required/)).toBeTruthy();
    expect(screen.getByText('1.1 Browsing, searching and monitoring information')).toBeTruthy();
    expect(document.body.textContent).not.toMatch(/Données personnelles|Domaine/);
  });

  it('still shows the static parts when boot.data is missing or malformed', () => {
    render(<About boot={{ widget: 'about', locale: 'fr', apiBase: '', data: { areas: [{ code: 1 }] }, messages: messages.fr }} />);

    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Pix Embed');
    expect(screen.queryByRole('heading', { level: 3 })).toBeNull();
    expect(screen.queryByText(/^Version/)).toBeNull();
    expect(screen.getByRole('heading', { level: 2, name: 'Données personnelles' })).toBeTruthy();
  });
});
