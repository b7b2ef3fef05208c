import { open } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { createInflateRaw } from 'node:zlib';
import type { Readable } from 'node:stream';
import { RosterError } from './roster-errors.ts';

/**
 * Just enough ZIP to read a SIECLE export: the central directory (at the end of the file) names the entries;
 * the chosen entry is streamed through node:zlib (deflate) or as is (stored). No ZIP64, no encryption.
 */
export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  localHeaderOffset: number;
  flags: number;
}

export async function listZipEntries(path: string): Promise<ZipEntry[]> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    const tail = Math.min(size, 65_557);
    const buffer = Buffer.alloc(tail);
    await file.read(buffer, 0, tail, size - tail);
    let eocd = -1;
    for (let i = tail - 22; i >= 0; i -= 1) {
      if (buffer.readUInt32LE(i) === 0x06054b50) {
        eocd = i;
        break;
      }
    }
    if (eocd === -1) throw new RosterError('ROSTER_MALFORMED', 'Archive ZIP illisible (fin de répertoire introuvable).');
    const count = buffer.readUInt16LE(eocd + 10);
    const directorySize = buffer.readUInt32LE(eocd + 12);
    const directoryOffset = buffer.readUInt32LE(eocd + 16);
    if (directoryOffset === 0xffffffff || count === 0xffff) throw new RosterError('ROSTER_ZIP_UNSUPPORTED', 'Archive ZIP64 non prise en charge : décompressez-la et importez le fichier XML.');
    const directory = Buffer.alloc(directorySize);
    await file.read(directory, 0, directorySize, directoryOffset);
    const entries: ZipEntry[] = [];
    let p = 0;
    for (let i = 0; i < count; i += 1) {
      if (directory.readUInt32LE(p) !== 0x02014b50) throw new RosterError('ROSTER_MALFORMED', 'Archive ZIP illisible (répertoire central).');
      const nameLength = directory.readUInt16LE(p + 28);
      const extraLength = directory.readUInt16LE(p + 30);
      const commentLength = directory.readUInt16LE(p + 32);
      entries.push({
        flags: directory.readUInt16LE(p + 8),
        method: directory.readUInt16LE(p + 10),
        compressedSize: directory.readUInt32LE(p + 20),
        localHeaderOffset: directory.readUInt32LE(p + 42),
        name: directory.subarray(p + 46, p + 46 + nameLength).toString('utf8'),
      });
      p += 46 + nameLength + extraLength + commentLength;
    }
    return entries;
  } finally {
    await file.close();
  }
}

export async function openZipEntry(path: string, entry: ZipEntry): Promise<Readable> {
  if (entry.flags & 0x1) throw new RosterError('ROSTER_ZIP_UNSUPPORTED', 'Archive ZIP chiffrée : exportez-la sans mot de passe.');
  if (entry.method !== 0 && entry.method !== 8) throw new RosterError('ROSTER_ZIP_UNSUPPORTED', `Méthode de compression ZIP ${entry.method} non prise en charge (deflate attendu).`);
  const file = await open(path, 'r');
  const header = Buffer.alloc(30);
  try {
    await file.read(header, 0, 30, entry.localHeaderOffset);
  } finally {
    await file.close();
  }
  if (header.readUInt32LE(0) !== 0x04034b50) throw new RosterError('ROSTER_MALFORMED', 'Archive ZIP illisible (en-tête local).');
  const start = entry.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
  if (entry.compressedSize === 0) return createReadStream(path, { start, end: start - 1 });
  const raw = createReadStream(path, { start, end: start + entry.compressedSize - 1 });
  return entry.method === 8 ? raw.pipe(createInflateRaw()) : raw;
}
