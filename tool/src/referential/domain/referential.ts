import type { Solution } from './answer-validation/types.ts';
import type { ParsedProposals } from './proposals/types.ts';

/**
 * The referential in memory: framework → areas → competences → tubes (sujets) → skills (acquis) → challenges
 * (épreuves), tutorials hanging off skills. Built once at start-up by the loader
 * (infrastructure/load-referential.ts) from the YAML files of `referential/`, indexed for the adaptive engine.
 * Everything here is immutable data: no I/O.
 */

export interface LocalizedText {
  fr: string;
  en: string;
}

export type ChallengeType = 'QCU' | 'QCM' | 'QROC' | 'QROCM-ind' | 'QROCM-dep';
export type ChallengeStatus = 'validé' | 'proposé' | 'archivé';
export type AccessibilityFlag = 'OK' | 'RAS' | 'KO';

export interface Area {
  code: string;
  name: LocalizedText;
  color: string;
  competenceIndexes: string[];
}

export interface Competence {
  /** "1.1" … "5.2" */
  index: string;
  areaCode: string;
  name: LocalizedText;
  description: LocalizedText;
  /** Code of the competence in the LSU (cycle 3 digital competences block), e.g. CN_INF_MEN. */
  lsuCode: string;
  tubeNames: string[];
}

export interface Tube {
  /** Without "@", unique across the referential, e.g. "requete". */
  name: string;
  competenceIndex: string;
  title: LocalizedText;
  description: LocalizedText;
  /** Skill ids of this tube, easiest first. */
  skillIds: string[];
  /** Level of its hardest skill. */
  maxLevel: number;
}

export interface Skill {
  /** "@requete2": tube name with "@" and the level; also the skill's name. */
  id: string;
  tubeName: string;
  competenceIndex: string;
  /** Difficulty 1–8. */
  level: number;
  hint: LocalizedText;
  tutorialIds: string[];
  /** min(4, 8 ÷ number of playable skills of the same competence and level); 0 when the skill has no validated challenge. */
  pixValue: number;
}

export interface Tutorial {
  id: string;
  tubeName: string;
  title: string;
  /** page (written in the referential), vidéo, site, outil, pdf */
  format: string;
  durationMinutes: number;
  source?: string;
  /** External resource; absent for in-tool pages. */
  url?: string;
  /** In-tool page body, already rendered to safe HTML. */
  bodyHtml?: string;
  /** The same body with its links printed as "label (address)": GAR sessions that do not allow links. */
  bodyHtmlLinksAsText?: string;
}

export type ChallengeProposals =
  /** QCU/QCM: the choices, each rendered to safe inline HTML; answers are 1-based positions. */
  | { kind: 'choices'; choicesHtml: string[] }
  /** QROC/QROCM: lines of text, inputs and selects. */
  | { kind: 'blocks'; parsed: ParsedProposals };

export interface Challenge {
  id: string;
  skillId: string;
  tubeName: string;
  competenceIndex: string;
  /** The skill's level, repeated here because the engine reads it on every pick. */
  level: number;
  type: ChallengeType;
  status: ChallengeStatus;
  locales: string[];
  /** Markdown source and its safe HTML rendering (links kept). */
  instruction: string;
  instructionHtml: string;
  alternativeInstruction?: string;
  proposals: ChallengeProposals;
  /** QCU/QCM: false when the proposals must keep their written order (shown in an order of each assessment's otherwise). */
  shuffled?: false;
  /** Never leaves the server before the answer. */
  solution: Solution;
  format?: string;
  /** File names under referential/attachments/<id>/ */
  attachments: string[];
  illustration?: { file: string; alt: string };
  embed?: { file: string; title: string; height: number };
  /** Seconds; present only for timed challenges. */
  timer?: number;
  focused: boolean;
  accessibility: { blind: AccessibilityFlag; colorBlind: AccessibilityFlag };
  /** 2PL parameters on the level scale; defaults derived from the skill level (see docs/adaptive-testing.md). */
  irt: { difficulty: number; discrimination: number };
}

export interface Referential {
  /** Content hash of every referential file: changes whenever the content does. */
  version: string;
  areas: Area[];
  competences: ReadonlyMap<string, Competence>;
  tubes: ReadonlyMap<string, Tube>;
  skills: ReadonlyMap<string, Skill>;
  challenges: ReadonlyMap<string, Challenge>;
  tutorials: ReadonlyMap<string, Tutorial>;
  /** Indexes for the engine. Only `validé` challenges are listed in `playableChallengesBySkill`. */
  skillsByCompetence: ReadonlyMap<string, Skill[]>;
  skillsByTube: ReadonlyMap<string, Skill[]>;
  playableChallengesBySkill: ReadonlyMap<string, Challenge[]>;
  challengesByCompetence: ReadonlyMap<string, Challenge[]>;
}
