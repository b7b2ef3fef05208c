import { parseDocument, type DocumentOptions, type ParseOptions, type SchemaOptions } from 'yaml';
import { readYamlSubset } from './read-yaml-subset.ts';

export type YamlReadResult =
  /** `fast`: read by the subset reader (false when the full parser had to take over). */
  | { ok: true; value: unknown; fast: boolean }
  /** A syntax error, with its 1-based line when known. */
  | { ok: false; line?: number; message: string };

const NUMERIC_TAGS = new Set(['tag:yaml.org,2002:int', 'tag:yaml.org,2002:float']);

/**
 * YAML 1.2 core without its number tags: `007`, `1.50` or `12` reach the schema exactly as the author
 * wrote them, and the schema decides what is a number (a QROC answer `007` must not become 7).
 */
const REFERENCE_OPTIONS: ParseOptions & DocumentOptions & SchemaOptions = {
  schema: 'core',
  customTags: (tags) => tags.filter((tag) => typeof tag === 'string' || !NUMERIC_TAGS.has(tag.tag)),
};

/** Reads one referential file: the fast subset reader when it can, the full `yaml` parser otherwise. */
export function readYaml(source: string): YamlReadResult {
  const fast = readYamlSubset(source);
  if (fast) return { ok: true, value: fast.value, fast: true };
  return readYamlReference(source);
}

/** The full parser, configured to resolve scalars exactly as the subset reader does. */
export function readYamlReference(source: string): YamlReadResult {
  const document = parseDocument(source, { ...REFERENCE_OPTIONS, prettyErrors: false });
  const error = document.errors[0];
  if (error) {
    // Without prettyErrors the message is one plain sentence; the line is counted from the offset.
    const line = countLines(source, error.pos[0]);
    return { ok: false, line, message: error.message };
  }
  try {
    return { ok: true, value: document.toJS({ maxAliasCount: 100 }), fast: false };
  } catch (conversion) {
    // An unresolved or exploding alias only shows when converting.
    return { ok: false, message: conversion instanceof Error ? conversion.message : String(conversion) };
  }
}

/** 1-based line of a character offset. */
function countLines(source: string, offset: number): number {
  let line = 1;
  for (let i = source.indexOf('\n'); i !== -1 && i < offset; i = source.indexOf('\n', i + 1)) line++;
  return line;
}
