import type { PupilLevels } from './pupil-levels.ts';

/** Interfaces the livret use cases call; the composition root hands in the connectors and repositories. */

/** A school by its id, or by its UAI (an unknown UAI reads as a school without pupils). */
export type SchoolRef = { organizationId: string } | { uai: string };

export interface SchoolLevelsReader {
  countPupils(organizationId: string, filter?: { division?: string }): Promise<number>;
  /** Active rostered pupils ordered by last name, first name. */
  listPupils(organizationId: string, options: { limit: number; offset: number; division?: string }): Promise<PupilLevels[]>;
  /** The same page plus the filtered total, in one read (the API's paginated document needs both). */
  pageOfPupils(school: SchoolRef, options: { limit: number; offset: number; division?: string }): Promise<{ total: number; pupils: PupilLevels[] }>;
  listDivisions(organizationId: string): Promise<string[]>;
}

export interface LsuFilePupilView {
  ref: string;
  idBe: string;
  lastName: string;
  firstName: string;
  division: string;
  periodicReports: number;
}

export interface LsuFileView {
  schemaVersion: string;
  uai: string;
  pupils: LsuFilePupilView[];
}

export type LsuSchemaCheck =
  | { valid: true; schemaFile: string }
  | { valid: false; reason: 'VERSION_UNSUPPORTED' | 'SCHEMA_MISSING' | 'INVALID'; messages: string[] };

export interface LsuBlock {
  levels: ReadonlyArray<{ code: string; niveau: 1 | 2 | 3 }>;
  appreciation?: string;
}

/** The LSU file connector: read, validate, enrich. Streaming; the file never sits whole in memory. */
export interface LsuConnector {
  /** Root check and first pass; throws nothing for a non-LSU file but returns an empty schemaVersion. */
  inspect(path: string): Promise<LsuFileView>;
  validate(path: string, schemaVersion: string, displayName: string): Promise<LsuSchemaCheck>;
  enrich(input: { inputPath: string; outputPath: string; file: LsuFileView; blocks: ReadonlyMap<string, LsuBlock>; lastReportOnly: boolean }): Promise<{ reportsWritten: number }>;
  /** LSU code of a CRCN competence index (explicit table). */
  codeOf(competenceIndex: string): string | null;
  codes(): readonly string[];
}
