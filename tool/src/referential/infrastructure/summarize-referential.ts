import type { ChallengeType, Referential } from '../domain/referential.ts';
import type { ReferentialError } from './referential-error.ts';

export interface CompetenceSummary {
  skills: number;
  /** `validé` épreuves. */
  challenges: number;
  /** Levels with at least one `validé` épreuve, ascending. */
  levels: number[];
}

/** The statistics of `referential check --json`: épreuve counts are of `validé` (playable) épreuves only. */
export interface ReferentialSummary {
  areas: number;
  competences: number;
  tubes: number;
  skills: number;
  challenges: number;
  /** Every type, zero included. */
  byType: Record<ChallengeType, number>;
  /** Every competence of the framework, in its order. */
  byCompetence: Record<string, CompetenceSummary>;
  errors: ReferentialError[];
}

export function summarizeReferential(referential: Referential, errors: ReferentialError[]): ReferentialSummary {
  const playable = [...referential.challenges.values()].filter((challenge) => challenge.status === 'validé');
  const byType: Record<ChallengeType, number> = { QCU: 0, QCM: 0, QROC: 0, 'QROCM-ind': 0, 'QROCM-dep': 0 };
  for (const challenge of playable) byType[challenge.type] += 1;

  const byCompetence: Record<string, CompetenceSummary> = {};
  for (const index of referential.competences.keys()) {
    const competencePlayable = playable.filter((challenge) => challenge.competenceIndex === index);
    byCompetence[index] = {
      skills: referential.skillsByCompetence.get(index)?.length ?? 0,
      challenges: competencePlayable.length,
      levels: [...new Set(competencePlayable.map((challenge) => challenge.level))].sort((a, b) => a - b),
    };
  }

  return {
    areas: referential.areas.length,
    competences: referential.competences.size,
    tubes: referential.tubes.size,
    skills: referential.skills.size,
    challenges: playable.length,
    byType,
    byCompetence,
    errors,
  };
}
