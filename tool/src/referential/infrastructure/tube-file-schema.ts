import { z } from 'zod';
import { competenceIndex, localizedText } from './framework-file.ts';

/**
 * Schema of one tube file, `referential/competences/<index>/<tube>.yaml` (contract: referential/README.md).
 * Strict: an unknown key is an error, so a typo (`soluton:`) never silently drops a field.
 * Numbers reach this schema as the text the author wrote (see yaml/read-yaml.ts): numeric fields accept
 * numeric text, and text fields accept numbers (`solution: [12]`), both normalised here.
 * Rules that need more than one field (ranges against proposals, blocks, files) are checked by the loader.
 */

const INTEGER = /^[-+]?\d+$/;
const DECIMAL = /^[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$/;

function integer(min: number, max: number) {
  return z
    .union([z.string().regex(INTEGER, { error: 'nombre entier attendu' }), z.number()])
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));
}

const decimal = z
  .union([z.string().regex(DECIMAL, { error: 'nombre attendu' }), z.number()])
  .transform(Number)
  .pipe(z.number().finite());

const nonEmptyText = z.string().trim().min(1, { error: 'texte vide' });

/** An answer or a proposal: text, or a YAML number read as the text it was written as. */
const answerText = z
  .union([z.string(), z.number()], { error: 'texte attendu (à mettre entre guillemets s’il contient « : » ou commence par un signe spécial)' })
  .transform(String)
  .pipe(z.string().refine((value) => value.trim() !== '', { error: 'valeur vide' }));

/** One value or a list of values, always a list afterwards (lists first: the common case fails fast). */
const acceptedValues = z.union([z.array(answerText), answerText.transform((value) => [value])]);

export const CHALLENGE_TYPES = ['QCU', 'QCM', 'QROC', 'QROCM-ind', 'QROCM-dep'] as const;
export const CHALLENGE_STATUSES = ['validé', 'proposé', 'archivé'] as const;
export const TUTORIAL_FORMATS = ['page', 'vidéo', 'site', 'outil', 'pdf'] as const;
export const ANSWER_FORMATS = ['nombre', 'mot', 'phrase', 'paragraphe', 'date', 'url'] as const;
export const LOCALES = ['fr-fr', 'fr', 'en'] as const;

/** Letters and digits, not ending with a digit, so that `@name3` always splits into name and level. */
export const tubeName = z.string().regex(/^[A-Za-z](?:[A-Za-z0-9]*[A-Za-z])?$/, {
  error: 'nom de sujet attendu : lettres et chiffres, sans chiffre final (ex. « requete »)',
});
const tutorialId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, { error: 'identifiant de tutoriel attendu (lettres, chiffres, « - »)' });
const challengeId = z.string().regex(/^[A-Za-z0-9]+-[A-Za-z0-9]+$/, { error: 'identifiant d’épreuve attendu : <sujet><niveau>-<lettre>' });
const skillReference = z.string().regex(/^@[A-Za-z](?:[A-Za-z0-9]*[A-Za-z])?[1-8]$/, { error: 'acquis attendu : « @<sujet><niveau> »' });
/** Checked for path traversal and existence by the loader, which names the rule broken. */
const fileName = z.string().min(1);
const accessibilityFlag = z.enum(['OK', 'RAS', 'KO']);

export const skillRecordSchema = z.strictObject({
  level: integer(1, 8),
  hint: localizedText,
  tutorials: z.array(tutorialId).default([]),
});

export const tutorialRecordSchema = z
  .strictObject({
    id: tutorialId,
    title: nonEmptyText,
    format: z.enum(TUTORIAL_FORMATS),
    /** Minutes. */
    duration: integer(1, 240),
    body: nonEmptyText.optional(),
    url: z.string().regex(/^https:\/\/[^\s]+$/, { error: 'adresse https:// attendue' }).optional(),
    source: nonEmptyText.optional(),
  })
  .refine((tutorial) => (tutorial.body === undefined) !== (tutorial.url === undefined), {
    error: 'un tutoriel a soit un texte (body), soit une adresse (url), pas les deux',
    path: ['body'],
    params: { rule: 'tutorial.bodyOrUrl' },
  });

/** Fields shared by every challenge type. */
const challengeBase = {
  id: challengeId,
  skill: skillReference,
  status: z.enum(CHALLENGE_STATUSES),
  locales: z.array(z.enum(LOCALES)).min(1).optional(),
  instruction: nonEmptyText,
  alternativeInstruction: nonEmptyText.optional(),
  attachments: z.array(fileName).optional(),
  illustration: z.strictObject({ file: fileName, alt: nonEmptyText }).optional(),
  embed: z.strictObject({ file: fileName, title: nonEmptyText, height: integer(50, 2000) }).optional(),
  /** Seconds; the 10–600 range is checked by the loader (rule `timer.range`). */
  timer: integer(0, Number.MAX_SAFE_INTEGER).optional(),
  focused: z.boolean().optional(),
  accessibility: z.strictObject({ blind: accessibilityFlag, colorBlind: accessibilityFlag }).optional(),
  irt: z.strictObject({ difficulty: decimal, discrimination: decimal.pipe(z.number().positive()) }).optional(),
};

/** Treatments and input format only make sense for typed answers. */
const typedAnswerFields = {
  treatments: z.array(z.enum(['t1', 't2', 't3'])).optional(),
  format: z.enum(ANSWER_FORMATS).optional(),
};

const choices = z.array(answerText).min(2, { error: 'au moins deux propositions' });
/** Choices only: `false` keeps the written order (shown in an order of each assessment's otherwise). */
const shuffled = z.boolean().optional();
const blocksText = nonEmptyText;

export const challengeRecordSchema = z.discriminatedUnion(
  'type',
  [
    z.strictObject({ ...challengeBase, type: z.literal('QCU'), proposals: choices, shuffled, solution: integer(-1_000, 1_000) }),
    z.strictObject({ ...challengeBase, type: z.literal('QCM'), proposals: choices, shuffled, solution: z.array(integer(-1_000, 1_000)) }),
    z.strictObject({ ...challengeBase, ...typedAnswerFields, type: z.literal('QROC'), proposals: blocksText, solution: acceptedValues }),
    z.strictObject({
      ...challengeBase,
      ...typedAnswerFields,
      type: z.literal('QROCM-ind'),
      proposals: blocksText,
      solution: z.record(z.string(), acceptedValues),
    }),
    z.strictObject({
      ...challengeBase,
      ...typedAnswerFields,
      type: z.literal('QROCM-dep'),
      proposals: blocksText,
      solution: z.record(z.string(), acceptedValues),
    }),
  ],
  { error: `type attendu : ${CHALLENGE_TYPES.join(', ')}` },
);

/** The tube's own fields; records are validated one by one so that one bad épreuve does not hide the others. */
const tubeHeaderShape = {
  name: tubeName,
  competence: competenceIndex,
  title: localizedText,
  description: localizedText,
};

export const tubeHeaderSchema = z.strictObject({
  ...tubeHeaderShape,
  skills: z.array(z.unknown()).min(1, { error: 'au moins un acquis' }),
  tutorials: z.array(z.unknown()).default([]),
  challenges: z.array(z.unknown()).default([]),
});

export const tubeFileSchema = z.strictObject({
  ...tubeHeaderShape,
  skills: z.array(skillRecordSchema).min(1, { error: 'au moins un acquis' }),
  tutorials: z.array(tutorialRecordSchema).default([]),
  challenges: z.array(challengeRecordSchema).default([]),
});

export type TubeFile = z.infer<typeof tubeFileSchema>;
export type TubeHeader = z.infer<typeof tubeHeaderSchema>;
export type SkillRecord = z.infer<typeof skillRecordSchema>;
export type TutorialRecord = z.infer<typeof tutorialRecordSchema>;
export type ChallengeRecord = z.infer<typeof challengeRecordSchema>;
