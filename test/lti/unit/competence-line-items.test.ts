import { describe, expect, it } from 'vitest';
import { canCreateLineItems, competenceTag } from '../../../tool/src/lti/domain/extra-line-items.ts';
import { campaignCompetenceResults } from '../../../tool/src/campaigns/campaigns-module.ts';
import type { ParticipationSharedEvent } from '../../../tool/src/campaigns/application/campaigns-deps.ts';
import type { Referential } from '../../../tool/src/referential/domain/referential.ts';
import type { Database } from '../../../tool/src/shared/infrastructure/db/database.ts';

const SCOPE = 'https://purl.imsglobal.org/spec/lti-ags/scope/';

describe('per-competence gradebook columns', () => {
  it('creates columns only where the link was offered and the registration granted the lineitem scope', () => {
    const all = [`${SCOPE}lineitem`, `${SCOPE}lineitem.readonly`, `${SCOPE}score`];
    const gradeSyncOnly = [`${SCOPE}lineitem.readonly`, `${SCOPE}score`];
    expect(canCreateLineItems(all, all)).toBe(true);
    expect(canCreateLineItems(gradeSyncOnly, all)).toBe(false);
    expect(canCreateLineItems(all, gradeSyncOnly)).toBe(false);
    expect(canCreateLineItems([`${SCOPE}lineitem.readonly`], [`${SCOPE}lineitem.readonly`])).toBe(false);
  });

  const referential = {
    competences: new Map([
      ['1.1', { name: { fr: 'Mener une recherche et une veille d’information', en: 'Searching' } }],
      ['3.2', { name: { fr: 'Développer des documents multimédia', en: 'Multimedia' } }],
    ]),
  } as unknown as Referential;
  const event = (gradePerCompetence: boolean): ParticipationSharedEvent => ({
    db: {} as Database,
    userId: 'u1',
    campaign: { id: 'c1', code: 'BADGHT234', name: 'Rentrée 5e', gradePerCompetence },
    masteryPercent: 62,
    stage: null,
    competenceLevels: [
      { index: '1.1', level: 3 },
      { index: '3.2', level: 0 },
    ],
    now: new Date('2026-11-22T08:00:00Z'),
  });

  it('gives nothing when the campaign does not ask for per-competence grades', () => {
    expect(campaignCompetenceResults(event(false), referential, 6)).toEqual([]);
  });

  it('gives one tagged, named column per assessed competence: the level out of the maximum level', () => {
    const results = campaignCompetenceResults(event(true), referential, 6);
    expect(results.map((r) => r.tag)).toEqual([competenceTag('1.1'), 'pix-competence-3.2']);
    expect(results[0]).toEqual({
      tag: 'pix-competence-1.1',
      label: '1.1 Mener une recherche et une veille d’information (Rentrée 5e)',
      result: { scoreGiven: 3, scoreMaximum: 6, comment: 'Rentrée 5e — 1.1 Mener une recherche et une veille d’information : niveau 3', activityProgress: 'Completed', gradingProgress: 'FullyGraded' },
    });
    expect(results[1]!.result).toMatchObject({ scoreGiven: 0, scoreMaximum: 6 });
    expect(campaignCompetenceResults(event(true), referential, 5)[0]!.result.scoreMaximum).toBe(5);
  });
});
