import type { SchoolLevelsReader } from '../livret-ports.ts';
import type { PupilLevels } from '../pupil-levels.ts';

/** Every active pupil of a school (or one class) with her levels, in pages of `pageSize` read in order. */
export async function readAllSchoolLevels(input: {
  organizationId: string;
  division?: string;
  levels: SchoolLevelsReader;
  pageSize?: number;
}): Promise<PupilLevels[]> {
  const pageSize = input.pageSize ?? 1000;
  const all: PupilLevels[] = [];
  for (let offset = 0; ; offset += pageSize) {
    const page = await input.levels.listPupils(input.organizationId, { limit: pageSize, offset, ...(input.division ? { division: input.division } : {}) });
    all.push(...page);
    if (page.length < pageSize) return all;
  }
}
