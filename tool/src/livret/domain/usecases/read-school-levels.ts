import type { SchoolLevelsReader } from '../livret-ports.ts';
import type { PupilLevels } from '../pupil-levels.ts';

interface SchoolLevelsQuery {
  organizationId: string;
  division?: string;
  levels: SchoolLevelsReader;
  pageSize?: number;
}

/** Every active pupil of a school (or one class) with her levels, page after page, in roster order. */
export async function* schoolLevelsPages(input: SchoolLevelsQuery): AsyncGenerator<PupilLevels[]> {
  const pageSize = input.pageSize ?? 500;
  for (let offset = 0; ; offset += pageSize) {
    const page = await input.levels.listPupils(input.organizationId, { limit: pageSize, offset, ...(input.division ? { division: input.division } : {}) });
    if (page.length) yield page;
    if (page.length < pageSize) return;
  }
}

/** The same, gathered in one list (the CSV exports need them all). */
export async function readAllSchoolLevels(input: SchoolLevelsQuery): Promise<PupilLevels[]> {
  const all: PupilLevels[] = [];
  for await (const page of schoolLevelsPages(input)) all.push(...page);
  return all;
}
