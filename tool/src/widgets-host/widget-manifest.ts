import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';

const manifestSchema = z.record(
  z.string(),
  z.object({
    file: z.string(),
    name: z.string().optional(),
    isEntry: z.boolean().optional(),
    imports: z.array(z.string()).optional(),
    css: z.array(z.string()).optional(),
  }),
);

export interface WidgetAssets {
  script: string;
  preloads: string[];
  styles: string[];
}

/** Reads Vite's manifest once and answers "which files does widget X need" (hashed names, long cache). */
export function loadWidgetManifest(distDir: string): Map<string, WidgetAssets> {
  const path = `${distDir}/.vite/manifest.json`;
  if (!existsSync(path)) {
    throw new Error(`Les widgets ne sont pas construits (${path} absent) : lancez « npm run build:widgets ».`);
  }
  const manifest = manifestSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
  const widgets = new Map<string, WidgetAssets>();
  for (const [key, chunk] of Object.entries(manifest)) {
    if (!chunk.isEntry) continue;
    const name = /src\/([^/]+)\/main\.tsx$/.exec(key)?.[1] ?? chunk.name;
    if (!name) continue;
    const preloads = new Set<string>();
    const styles = new Set<string>(chunk.css ?? []);
    const visit = (importKey: string) => {
      const imported = manifest[importKey];
      if (!imported || preloads.has(imported.file)) return;
      preloads.add(imported.file);
      for (const css of imported.css ?? []) styles.add(css);
      for (const next of imported.imports ?? []) visit(next);
    };
    for (const importKey of chunk.imports ?? []) visit(importKey);
    widgets.set(name, { script: chunk.file, preloads: [...preloads], styles: [...styles] });
  }
  return widgets;
}
