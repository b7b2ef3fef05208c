import { createReadStream } from 'node:fs';

/**
 * A streaming XML scanner that keeps every byte: the file is read as latin1 (one char per byte, lossless for
 * any encoding), so passing a token's `raw` back out reproduces the input exactly. Markup is ASCII in every
 * encoding LSU files use (UTF-8, ISO-8859-1), so names and delimiters are found without decoding.
 * Memory is bounded by the largest single token (a tag or a text run), never by the file.
 */
export type XmlToken =
  | { kind: 'open'; name: string; raw: string; selfClosing: boolean }
  | { kind: 'close'; name: string; raw: string }
  | { kind: 'text'; raw: string }
  /** Comments, CDATA, processing instructions, the XML declaration, DOCTYPE. */
  | { kind: 'other'; raw: string };

const SPECIAL: Array<[string, string]> = [
  ['<!--', '-->'],
  ['<![CDATA[', ']]>'],
  ['<?', '?>'],
];

export async function* scanXml(path: string, highWaterMark = 64 * 1024): AsyncGenerator<XmlToken> {
  let buffer = '';
  let position = 0;
  const stream = createReadStream(path, { encoding: 'latin1', highWaterMark });
  for await (const chunk of stream as AsyncIterable<string>) {
    buffer = buffer.slice(position) + chunk;
    position = 0;
    for (;;) {
      const next = nextToken(buffer, position, false);
      if (!next) break;
      position = next.end;
      yield next.token;
    }
  }
  buffer = buffer.slice(position);
  position = 0;
  while (position < buffer.length) {
    const next = nextToken(buffer, position, true);
    if (!next) throw new Error('XML tronqué : fin de fichier au milieu d’une balise.');
    position = next.end;
    yield next.token;
  }
}

function nextToken(buffer: string, start: number, atEnd: boolean): { token: XmlToken; end: number } | null {
  if (start >= buffer.length) return null;
  if (buffer.charCodeAt(start) !== 60 /* < */) {
    const lt = buffer.indexOf('<', start);
    if (lt === -1) return atEnd || buffer.length - start > 0 ? { token: { kind: 'text', raw: buffer.slice(start) }, end: buffer.length } : null;
    return { token: { kind: 'text', raw: buffer.slice(start, lt) }, end: lt };
  }
  for (const [opening, closing] of SPECIAL) {
    if (buffer.startsWith(opening, start)) {
      const close = buffer.indexOf(closing, start + opening.length);
      if (close === -1) return null;
      const end = close + closing.length;
      return { token: { kind: 'other', raw: buffer.slice(start, end) }, end };
    }
    // A partial opening at the end of the buffer: wait for more.
    if (!atEnd && buffer.length - start < opening.length && opening.startsWith(buffer.slice(start))) return null;
  }
  if (buffer.startsWith('<!', start)) {
    // DOCTYPE, possibly with an internal subset in brackets.
    let depth = 0;
    for (let i = start + 2; i < buffer.length; i += 1) {
      const c = buffer[i];
      if (c === '[') depth += 1;
      else if (c === ']') depth -= 1;
      else if (c === '>' && depth <= 0) return { token: { kind: 'other', raw: buffer.slice(start, i + 1) }, end: i + 1 };
    }
    return null;
  }
  // A tag: find the closing '>' outside quoted attribute values.
  let quote = '';
  for (let i = start + 1; i < buffer.length; i += 1) {
    const c = buffer[i];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '>') {
      const raw = buffer.slice(start, i + 1);
      if (raw[1] === '/') return { token: { kind: 'close', name: tagName(raw, 2), raw }, end: i + 1 };
      return { token: { kind: 'open', name: tagName(raw, 1), raw, selfClosing: raw[raw.length - 2] === '/' }, end: i + 1 };
    }
  }
  return null;
}

/** The local name (prefix dropped): LSU files use the default namespace, but a prefix must not break us. */
function tagName(raw: string, from: number): string {
  const match = /^[^\s/>]+/.exec(raw.slice(from));
  const qualified = match?.[0] ?? '';
  const colon = qualified.indexOf(':');
  return colon === -1 ? qualified : qualified.slice(colon + 1);
}

/** Attribute values of a start tag, entities decoded (values stay latin1-encoded bytes: decode with `decodeBytes`). */
export function attributes(raw: string): Map<string, string> {
  const result = new Map<string, string>();
  const pattern = /([^\s=/<>]+)\s*=\s*("([^"]*)"|'([^']*)')/g;
  for (const match of raw.matchAll(pattern)) {
    const name = match[1];
    if (!name) continue;
    result.set(name, decodeEntities(match[3] ?? match[4] ?? ''));
  }
  return result;
}

function decodeEntities(value: string): string {
  return value.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|lt|gt|amp|quot|apos);/g, (_all, entity: string) => {
    switch (entity) {
      case 'lt':
        return '<';
      case 'gt':
        return '>';
      case 'amp':
        return '&';
      case 'quot':
        return '"';
      case 'apos':
        return "'";
      default: {
        const code = entity.startsWith('#x') ? Number.parseInt(entity.slice(2), 16) : Number.parseInt(entity.slice(1), 10);
        // Latin1 byte string convention: encode the code point as UTF-8 bytes, like the file's own text.
        return Buffer.from(String.fromCodePoint(code), 'utf8').toString('latin1');
      }
    }
  });
}

export type XmlEncoding = 'utf-8' | 'iso-8859-1';

/** The encoding the XML declaration names (UTF-8 when absent, as XML says). */
export function declaredEncoding(declaration: string): XmlEncoding {
  const match = /encoding\s*=\s*["']([^"']+)["']/i.exec(declaration);
  const name = match?.[1]?.toLowerCase() ?? 'utf-8';
  return name === 'iso-8859-1' || name === 'latin1' || name === 'iso-8859-15' || name === 'windows-1252' ? 'iso-8859-1' : 'utf-8';
}

/** Bytes read as latin1 → the real text. */
export function decodeBytes(latin1: string, encoding: XmlEncoding): string {
  return encoding === 'utf-8' ? Buffer.from(latin1, 'latin1').toString('utf8') : latin1;
}

/** Real text → bytes as a latin1 string, characters the encoding lacks as character references. */
export function encodeText(text: string, encoding: XmlEncoding): string {
  if (encoding === 'utf-8') return Buffer.from(text, 'utf8').toString('latin1');
  return [...text].map((c) => (c.codePointAt(0)! > 0xff ? `&#${c.codePointAt(0)};` : c)).join('');
}

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
