import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';

export const localizedText = z.object({ fr: z.string().min(1), en: z.string().min(1) }).strict();
export type LocalizedText = z.infer<typeof localizedText>;

export const competenceIndex = z.string().regex(/^[1-5]\.[1-4]$/, 'index de compétence attendu, ex. « 1.1 »');

export const frameworkFileSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    areas: z.array(
      z
        .object({
          code: z.string().regex(/^[1-5]$/),
          name: localizedText,
          color: z.string(),
          competences: z.array(
            z
              .object({
                index: competenceIndex,
                name: localizedText,
                description: localizedText,
                lsuCode: z.string().regex(/^CN_[A-Z]{3}_[A-Z]{3}$/),
              })
              .strict(),
          ),
        })
        .strict(),
    ),
  })
  .strict();
export type FrameworkFile = z.infer<typeof frameworkFileSchema>;

export function readFrameworkFile(referentialDir: string): FrameworkFile {
  return frameworkFileSchema.parse(parse(readFileSync(`${referentialDir}/framework.yaml`, 'utf8')));
}

export function localize(text: LocalizedText, locale: string): string {
  return locale.toLowerCase().startsWith('en') ? text.en : text.fr;
}
