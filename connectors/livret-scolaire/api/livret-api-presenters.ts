/**
 * JSON documents of the livret scolaire API, in the shape LSU and LSL read (shared/domain/livret-scolaire.md).
 * Presenters are the only place these documents are built, so no internal field can leak by accident.
 */

export interface ReferentialArea {
  /** Area code, "1" … "5". */
  code: string;
  title: string;
}
export interface ReferentialCompetence {
  /** "1.1" … "5.2" */
  index: string;
  name: string;
  areaCode: string;
}

export interface CertificationResult {
  id: string;
  firstName: string;
  middleName: string | null;
  thirdName: string | null;
  lastName: string;
  birthdate: string;
  nationalStudentId: string;
  status: 'validated' | 'rejected' | 'pending';
  isPublished: boolean;
  pixScore: number;
  verificationCode: string;
  date: string;
  deliveredAt: string | null;
  certificationCenter: string;
  competenceResults: Array<{ competenceId: string; level: number }>;
}

/**
 * `certificationsResults` for one UAI: certifications in `attributes`, competences in `relationships`, areas
 * and competences in `included`. Score and levels only when published and validated.
 */
export function presentCertificationsResults(input: {
  uai: string;
  certifications: readonly CertificationResult[];
  areas: readonly ReferentialArea[];
  competences: readonly ReferentialCompetence[];
}) {
  const competences = [...input.competences].sort((a, b) => compareIndex(a.index, b.index));
  return {
    data: {
      type: 'certificationsResults',
      id: input.uai,
      attributes: {
        certifications: input.certifications.map((c) => {
          const exposed = c.isPublished && c.status === 'validated';
          return {
            id: c.id,
            firstName: c.firstName,
            middleName: c.middleName,
            thirdName: c.thirdName,
            lastName: c.lastName,
            birthdate: c.birthdate,
            nationalStudentId: c.nationalStudentId,
            status: c.isPublished ? c.status : 'pending',
            pixScore: exposed ? c.pixScore : 0,
            verificationCode: c.verificationCode,
            date: c.date,
            deliveredAt: c.deliveredAt,
            certificationCenter: c.certificationCenter,
            competenceResults: exposed ? c.competenceResults : [],
          };
        }),
      },
      relationships: {
        competences: { data: competences.map((c) => ({ type: 'competences', id: c.index })) },
      },
    },
    included: [
      ...[...input.areas].sort((a, b) => a.code.localeCompare(b.code)).map((a) => ({ type: 'areas', id: a.code, attributes: { name: a.title } })),
      ...competences.map((c) => ({
        type: 'competences',
        id: c.index,
        attributes: { name: c.name },
        relationships: { area: { data: { type: 'areas', id: c.areaCode } } },
      })),
    ],
  };
}

export interface PupilCompetenceLevels {
  rosterId: string;
  ine: string;
  lastName: string;
  firstName: string;
  birthdate: string;
  division: string;
  /** By competence index, every competence of the referential (0 when never evaluated). */
  levels: ReadonlyArray<{ competenceId: string; level: number }>;
  pixScore: number;
  /** Last knowledge element of the pupil; null when she never answered. */
  lastChangedAt: Date | null;
}

/** `competence-levels` page, JSON:API with `meta` and `links` for pagination. */
export function presentCompetenceLevelsPage(input: {
  uai: string;
  pupils: readonly PupilCompetenceLevels[];
  page: { number: number; size: number; total: number };
  basePath: string;
}) {
  const { number, size, total } = input.page;
  const pageCount = Math.max(1, Math.ceil(total / size));
  const link = (n: number) => `${input.basePath}?page%5Bnumber%5D=${n}&page%5Bsize%5D=${size}`;
  return {
    data: input.pupils.map((p) => ({
      type: 'competence-levels',
      id: p.rosterId,
      attributes: {
        nationalStudentId: p.ine,
        lastName: p.lastName,
        firstName: p.firstName,
        birthdate: p.birthdate,
        division: p.division,
        competenceLevels: p.levels,
        pixScore: p.pixScore,
        lastChangedAt: p.lastChangedAt?.toISOString() ?? null,
      },
    })),
    meta: { uai: input.uai, page: number, pageSize: size, rowCount: total, pageCount },
    links: {
      self: link(number),
      first: link(1),
      last: link(pageCount),
      prev: number > 1 ? link(number - 1) : null,
      next: number < pageCount ? link(number + 1) : null,
    },
  };
}

function compareIndex(a: string, b: string): number {
  const [a1 = 0, a2 = 0] = a.split('.').map(Number);
  const [b1 = 0, b2 = 0] = b.split('.').map(Number);
  return a1 - b1 || a2 - b2;
}
