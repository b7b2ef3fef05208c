// API views as the server sends them (types from the shared contract), small and overridable.
import type {
  AnswerResponse,
  AssessmentView,
  ChallengeView,
  CheckpointView,
  CompetenceCardView,
  ProfileView,
  ResultsView,
  TutorialView,
} from '../../../../tool/src/shared/api-contract/evaluation.ts';
import type { Boot } from '../../../../widgets/src/kit/boot.ts';
import { messages, resolveLocale } from '../../../../widgets/src/kit/catalogue.ts';
import { aboutData } from '../../support/aboutBoot.ts';
import { API_BASE } from './fakeApi.ts';

export function card(overrides: Partial<CompetenceCardView> = {}): CompetenceCardView {
  return {
    index: '1.1',
    name: 'Mener une recherche et une veille d’information',
    areaCode: '1',
    status: 'NOT_STARTED',
    level: 0,
    pix: 0,
    pixAheadOfNextLevel: 0,
    percentToNextLevel: 0,
    maxLevelReached: false,
    assessmentId: null,
    canImprove: false,
    daysBeforeImprove: 0,
    canReset: false,
    daysBeforeReset: 0,
    ...overrides,
  };
}

/** The 16 competences of referential/framework.yaml, not started, except those given in `cards`. */
export function profile(locale = 'fr', cards: CompetenceCardView[] = []): ProfileView {
  const areas = aboutData(locale).areas as Array<{ code: string; name: string; competences: Array<{ index: string; name: string }> }>;
  const byIndex = new Map(cards.map((c) => [c.index, c]));
  const profileAreas = areas.map((area) => ({
    code: area.code,
    name: area.name,
    color: 'jaffa',
    competences: area.competences.map((c) => byIndex.get(c.index) ?? card({ index: c.index, name: c.name, areaCode: area.code })),
  }));
  const totalPix = profileAreas.flatMap((area) => area.competences).reduce((sum, c) => sum + c.pix, 0);
  return { firstName: 'Léa', totalPix, maxReachableLevel: 6, areas: profileAreas };
}

const ASKED_NOW = () => new Date().toISOString();

export function qcu(overrides: Partial<ChallengeView> = {}): ChallengeView {
  return {
    id: 'rec-qcu',
    type: 'QCU',
    lang: 'fr',
    instructionHtml: '<p>Quel moteur de recherche respecte la <strong>vie privée</strong>&nbsp;?</p>',
    choices: [
      { value: 1, html: 'Moteur A' },
      { value: 2, html: 'Moteur <em>B</em>' },
      { value: 3, html: 'Moteur C' },
    ],
    attachments: [],
    focused: false,
    askedAt: ASKED_NOW(),
    ...overrides,
  };
}

export function qcm(overrides: Partial<ChallengeView> = {}): ChallengeView {
  return qcu({ id: 'rec-qcm', type: 'QCM', instructionHtml: '<p>Quels fichiers sont des images&nbsp;?</p>', ...overrides });
}

export function qroc(overrides: Partial<ChallengeView> = {}): ChallengeView {
  return {
    id: 'rec-qroc',
    type: 'QROC',
    lang: 'fr',
    instructionHtml: '<p>Combien de lignes compte le fichier&nbsp;?</p>',
    lines: [
      [
        { kind: 'text', text: 'Le fichier compte ' },
        { kind: 'input', key: 'nb', ariaLabel: 'Nombre de lignes', placeholder: 'ex. 12' },
        { kind: 'text', text: ' lignes.' },
      ],
    ],
    format: 'nombre',
    attachments: [{ name: 'notes.csv', url: '/attachments/rec-qroc/notes.csv?exp=1&sig=abc' }],
    focused: false,
    askedAt: ASKED_NOW(),
    ...overrides,
  };
}

export function qrocmInd(overrides: Partial<ChallengeView> = {}): ChallengeView {
  return {
    id: 'rec-qrocm-ind',
    type: 'QROCM-ind',
    lang: 'fr',
    instructionHtml: '<p>Complète les informations du fichier.</p>',
    lines: [
      [{ kind: 'text', text: 'Auteur\u00a0: ' }, { kind: 'input', key: 'auteur', ariaLabel: 'Auteur' }],
      [{ kind: 'text', text: 'Année\u00a0: ' }, { kind: 'input', key: 'annee', ariaLabel: 'Année' }],
    ],
    attachments: [],
    focused: false,
    askedAt: ASKED_NOW(),
    ...overrides,
  };
}

export function qrocmDep(overrides: Partial<ChallengeView> = {}): ChallengeView {
  return {
    id: 'rec-qrocm-dep',
    type: 'QROCM-dep',
    lang: 'fr',
    instructionHtml: '<p>Donne un format d’image et son usage.</p>',
    lines: [
      [{ kind: 'input', key: 'format', ariaLabel: 'Format', placeholder: 'PNG…' }],
      [{ kind: 'select', key: 'usage', ariaLabel: 'Usage', options: ['photo', 'logo', 'texte'] }],
    ],
    illustration: { url: '/attachments/rec-qrocm-dep/logo.png?sig=x', alt: 'Un logo de 64 pixels de côté' },
    embed: { url: '/embeds/rec-qrocm-dep/outil.html?sig=y', title: 'Simulateur de conversion', height: 300 },
    alternativeInstruction: 'Version texte\u00a0: donne un format d’image et son usage.',
    attachments: [],
    focused: false,
    askedAt: ASKED_NOW(),
    ...overrides,
  };
}

export function assessment(challenge: ChallengeView | null, overrides: Partial<AssessmentView> = {}): AssessmentView {
  return {
    id: 'a1',
    type: 'COMPETENCE_EVALUATION',
    state: 'started',
    competence: { index: '2.1', name: 'Interagir' },
    answeredCount: 0,
    progressInSeries: 1,
    checkpointDue: false,
    challenge,
    ...overrides,
  };
}

export function answered(next: AssessmentView, overrides: Partial<AnswerResponse> = {}): AnswerResponse {
  return { result: 'ok', levelUp: null, assessment: next, ...overrides };
}

export function tutorial(overrides: Partial<TutorialView> = {}): TutorialView {
  return { id: 't1', title: 'Chercher sur le web', format: 'vidéo', durationMinutes: 3, source: 'Pix', url: '/tutorials/t1', ...overrides };
}

export function checkpoint(overrides: Partial<CheckpointView> = {}): CheckpointView {
  const results = ['ok', 'ko', 'aband', 'timedout', 'focusedOut'] as const;
  return {
    assessmentId: 'a1',
    answers: results.map((result, i) => ({
      challengeId: `rec-${i + 1}`,
      lang: 'fr',
      instructionHtml: `<p>Consigne ${i + 1}</p>`,
      result,
      givenAnswer: result === 'aband' ? '' : `Réponse ${i + 1}`,
      expectedAnswer: `Attendu ${i + 1}`,
    })),
    tutorials: [tutorial()],
    completed: false,
    ...overrides,
  };
}

export function results(overrides: Partial<ResultsView> = {}): ResultsView {
  return {
    assessmentId: 'a1',
    competence: { index: '2.1', name: 'Interagir' },
    level: 3,
    pix: 24,
    previousLevel: 2,
    answeredCount: 12,
    tutorials: [tutorial({ id: 't2', title: 'Écrire un courriel', format: 'page', durationMinutes: 5, source: undefined })],
    ...overrides,
  };
}

/** Boot data of the pupil widget, as the server renders it. */
export function pupilBoot(data: unknown, locale = 'fr'): Boot {
  return { widget: 'pupil', locale, apiBase: API_BASE, token: 'tok-1', data, messages: messages[resolveLocale(locale)] };
}
