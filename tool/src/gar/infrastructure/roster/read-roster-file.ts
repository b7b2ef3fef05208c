import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { ParsedRoster } from '../../domain/roster/roster-pupil.ts';
import { createCsvRosterParser } from './csv-roster-parser.ts';
import { RosterError } from './roster-errors.ts';
import { createSiecleParser } from './siecle-parser.ts';
import { listZipEntries, openZipEntry } from './zip-reader.ts';

/** The encoding an XML declaration names (SIECLE exports are often ISO-8859-15); UTF-8 by default. */
export function xmlEncoding(head: Buffer): string {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  const declaration = /^<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head.subarray(0, 200).toString('latin1'));
  return declaration?.[1]?.toLowerCase() ?? 'utf-8';
}

async function* decode(stream: Readable, encoding: string, fatal = false): AsyncGenerator<string> {
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(encoding, { fatal });
  } catch {
    throw new RosterError('ROSTER_MALFORMED', `Encodage inconnu « ${encoding} ».`);
  }
  for await (const chunk of stream) yield decoder.decode(chunk as Buffer, { stream: true });
  yield decoder.decode();
}

/** Reads the first bytes of a stream without losing them. */
async function peek(stream: Readable, bytes: number): Promise<{ head: Buffer; stream: Readable }> {
  const chunks: Buffer[] = [];
  let length = 0;
  const iterator = stream[Symbol.asyncIterator]();
  while (length < bytes) {
    const { value, done } = await iterator.next();
    if (done) break;
    chunks.push(value as Buffer);
    length += (value as Buffer).length;
  }
  const head = Buffer.concat(chunks);
  async function* rest() {
    yield head;
    for (;;) {
      const { value, done } = await iterator.next();
      if (done) return;
      yield value as Buffer;
    }
  }
  return { head, stream: Readable.from(rest()) };
}

async function parseSiecle(stream: Readable, expectedUai: string, onPupilRead?: (count: number) => void): Promise<ParsedRoster> {
  const { head, stream: whole } = await peek(stream, 256);
  const parser = createSiecleParser(expectedUai, onPupilRead);
  for await (const text of decode(whole, xmlEncoding(head))) parser.write(text);
  return parser.end();
}

/**
 * A roster file as uploaded or given to the CLI: a SIECLE export (XML, or a ZIP holding it) or a CSV.
 * Everything is streamed; CSV is read as UTF-8 and, if that fails, again as Windows-1252.
 */
export async function readRosterFile(path: string, input: { expectedUai: string; onPupilRead?: (count: number) => void }): Promise<ParsedRoster & { fileFormat: 'SIECLE_XML' | 'SIECLE_ZIP' | 'CSV' }> {
  const file = await open(path, 'r');
  const head = Buffer.alloc(512);
  let read: number;
  try {
    ({ bytesRead: read } = await file.read(head, 0, 512, 0));
  } finally {
    await file.close();
  }
  if (read === 0) throw new RosterError('ROSTER_EMPTY', 'Fichier vide.');
  if (head.readUInt32LE(0) === 0x04034b50) {
    const entries = await listZipEntries(path);
    const entry = entries.find((e) => /\.xml$/i.test(e.name) && !e.name.endsWith('/'));
    if (!entry) throw new RosterError('ROSTER_FORMAT_UNKNOWN', 'L’archive ZIP ne contient pas de fichier XML SIECLE.');
    return { ...(await parseSiecle(await openZipEntry(path, entry), input.expectedUai, input.onPupilRead)), fileFormat: 'SIECLE_ZIP' };
  }
  const text = head.subarray(0, read).toString('latin1').replace(/^\u00ef\u00bb\u00bf/, '').trimStart();
  if (text.startsWith('<')) return { ...(await parseSiecle(createReadStream(path), input.expectedUai, input.onPupilRead)), fileFormat: 'SIECLE_XML' };
  for (const encoding of ['utf-8', 'windows-1252']) {
    const parser = createCsvRosterParser();
    try {
      for await (const chunk of decode(createReadStream(path), encoding, encoding === 'utf-8')) parser.write(chunk);
    } catch (error) {
      if (error instanceof TypeError && encoding === 'utf-8') continue;
      throw error;
    }
    return { ...parser.end(), fileFormat: 'CSV' };
  }
  throw new RosterError('ROSTER_MALFORMED', 'Encodage du CSV illisible.');
}
