// Shape of boot.data for the about widget, checked by hand (no validation library in widgets).
import { isNonEmptyString, isRecord } from '../kit/guards.ts';

export interface AboutCompetence {
  /** '1.1' … '5.2' */
  index: string;
  /** Name already localised by the server. */
  name: string;
}

export interface AboutArea {
  /** '1' … '5' */
  code: string;
  name: string;
  competences: AboutCompetence[];
}

/** boot.data as sent by the server: `{ version, areas }`. */
export interface AboutData {
  version?: string;
  areas: AboutArea[];
}

function readCompetence(value: unknown): AboutCompetence | null {
  if (!isRecord(value) || !isNonEmptyString(value.index) || !isNonEmptyString(value.name)) return null;
  return { index: value.index, name: value.name };
}

function readArea(value: unknown): AboutArea | null {
  if (!isRecord(value) || !isNonEmptyString(value.code) || !isNonEmptyString(value.name)) return null;
  if (!Array.isArray(value.competences)) return null;
  const competences = value.competences.map(readCompetence);
  if (competences.some((competence) => competence === null)) return null;
  return { code: value.code, name: value.name, competences: competences.filter((c) => c !== null) };
}

/**
 * Reads boot.data. Missing or malformed parts are left out rather than failing the page: in ENT
 * mode `data` is optional, and the rest of the page is still worth showing.
 */
export function readAboutData(data: unknown): AboutData {
  if (!isRecord(data)) return { areas: [] };
  const areas = Array.isArray(data.areas) ? data.areas.map(readArea) : [];
  const result: AboutData = { areas: areas.some((area) => area === null) ? [] : areas.filter((a) => a !== null) };
  if (isNonEmptyString(data.version)) result.version = data.version;
  return result;
}
