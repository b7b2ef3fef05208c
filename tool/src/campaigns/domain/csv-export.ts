import type { Referential } from '../../referential/domain/referential.ts';
import type { ParticipationStatus } from './participation-rules.ts';
import type { Stage } from './stages.ts';
import { reachedStage } from './stages.ts';

/** One participation as the export reads it. */
export interface ExportRow {
  lastName: string;
  firstName: string;
  className: string | null;
  externalId: string | null;
  status: ParticipationStatus;
  createdAt: Date;
  sharedAt: Date | null;
  /** 0–1. */
  progress: number;
  masteryRate: number | null;
  validatedSkillsCount: number | null;
  competences: Record<string, { targeted: number; validated: number }> | null;
}

export interface ExportCampaign {
  id: string;
  code: string;
  name: string;
  organizationName: string;
  targetProfileName: string | null;
  externalIdLabel: string | null;
  stages: readonly Stage[];
  skillIds: readonly string[];
  /** SCO schools get the "Classe" column. */
  withClass: boolean;
}

const parisDate = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', day: '2-digit', month: '2-digit', year: 'numeric' });

/** dd/mm/yyyy in Europe/Paris time. */
export function formatParisDate(date: Date): string {
  return parisDate.format(date);
}

/** French decimal comma, at most 2 decimals: what French spreadsheet software reads as a number. */
export function formatDecimal(value: number): string {
  return String(Math.round(value * 100) / 100).replace('.', ',');
}

/** One CSV field: quoted when needed; a leading =, +, -, @ is neutralised (formula injection). */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[;"\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * The assessment campaign's results file (§4.4): upstream's columns, `;`-separated, UTF-8 with BOM, CRLF,
 * dates dd/mm/yyyy in Paris time, "NA" in the result columns of unshared participations.
 */
export function buildResultsCsv(campaign: ExportCampaign, rows: Iterable<ExportRow>, referential: Referential): string {
  const targeted = countTargeted(campaign.skillIds, referential);
  const competences = [...referential.competences.values()].filter((c) => (targeted.get(c.index) ?? 0) > 0);
  const areas = referential.areas.filter((area) => area.competenceIndexes.some((index) => (targeted.get(index) ?? 0) > 0));
  const name = (text: { fr: string } | string) => (typeof text === 'string' ? text : text.fr);

  const header = [
    "Nom de l'organisation",
    'ID Campagne',
    'Code',
    'Nom de la campagne',
    'Nom du Profil Cible',
    'Nom du Participant',
    'Prénom du Participant',
    ...(campaign.withClass ? ['Classe'] : []),
    ...(campaign.externalIdLabel ? [campaign.externalIdLabel] : []),
    '% de progression',
    'Date de début',
    'Partage (O/N)',
    'Date du partage',
    ...(campaign.stages.length ? [`Palier obtenu (/${campaign.stages.length - 1})`] : []),
    "% maitrise de l'ensemble des acquis du profil",
    ...competences.flatMap((c) => {
      const label = `${c.index} ${name(c.name)}`;
      return [`% de maitrise des acquis de la compétence ${label}`, `Nombre d'acquis du profil cible dans la compétence ${label}`, `Acquis maitrisés dans la compétence ${label}`];
    }),
    ...areas.flatMap((a) => {
      const label = `${a.code} ${name(a.name)}`;
      return [`% de maitrise des acquis du domaine ${label}`, `Nombre d'acquis du profil cible du domaine ${label}`, `Acquis maitrisés du domaine ${label}`];
    }),
  ];
  const lines = [header.map(csvField).join(';')];
  const fixed = [campaign.organizationName, campaign.id, campaign.code, campaign.name, campaign.targetProfileName ?? ''];
  for (const row of rows) {
    const shared = row.status === 'SHARED' && row.competences !== null;
    const cells: string[] = [
      ...fixed,
      row.lastName,
      row.firstName,
      ...(campaign.withClass ? [row.className ?? ''] : []),
      ...(campaign.externalIdLabel ? [row.externalId ?? ''] : []),
      formatDecimal(row.progress),
      formatParisDate(row.createdAt),
      shared ? 'Oui' : 'Non',
      shared && row.sharedAt ? formatParisDate(row.sharedAt) : 'NA',
    ];
    if (campaign.stages.length) {
      const stage = shared ? reachedStage(campaign.stages, row.masteryRate ?? 0, row.validatedSkillsCount ?? 0) : null;
      cells.push(stage ? String(stage.reached - 1) : 'NA');
    }
    cells.push(shared ? formatDecimal(row.masteryRate ?? 0) : 'NA');
    for (const c of competences) {
      const counts = row.competences?.[c.index];
      const t = targeted.get(c.index) ?? 0;
      cells.push(...(shared ? [formatDecimal(t ? (counts?.validated ?? 0) / t : 0), String(t), String(counts?.validated ?? 0)] : ['NA', 'NA', 'NA']));
    }
    for (const a of areas) {
      const t = a.competenceIndexes.reduce((sum, index) => sum + (targeted.get(index) ?? 0), 0);
      const v = a.competenceIndexes.reduce((sum, index) => sum + (row.competences?.[index]?.validated ?? 0), 0);
      cells.push(...(shared ? [formatDecimal(t ? v / t : 0), String(t), String(v)] : ['NA', 'NA', 'NA']));
    }
    lines.push(cells.map(csvField).join(';'));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** Targeted skills per competence index. */
export function countTargeted(skillIds: readonly string[], referential: Referential): Map<string, number> {
  const counts = new Map<string, number>();
  for (const id of skillIds) {
    const skill = referential.skills.get(id);
    if (skill) counts.set(skill.competenceIndex, (counts.get(skill.competenceIndex) ?? 0) + 1);
  }
  return counts;
}

/** `Resultats-{name}-{id}-{date}.csv`, name reduced to safe characters. */
export function resultsFileName(campaign: { name: string; id: string }, now: Date): string {
  const safeName = campaign.name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^\w-]+/g, '_').slice(0, 60);
  const [d, m, y] = formatParisDate(now).split('/');
  return `Resultats-${safeName}-${campaign.id}-${y}-${m}-${d}.csv`;
}
