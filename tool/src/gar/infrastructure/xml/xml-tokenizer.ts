/**
 * A small streaming XML tokenizer: enough XML for SAML envelopes, IdP metadata and SIECLE exports, no more.
 * Elements, attributes, text, CDATA, comments and processing instructions; the five predefined entities and
 * character references. A DOCTYPE (and so every DTD, entity declaration or external entity) is refused:
 * nothing we read needs one and they are the door to entity-expansion and XXE attacks.
 * It checks well-formedness (one root, matching tags, quoted attributes, no duplicate attribute) and
 * reports the line of every error. Chunks may split anything, even a tag or a character reference.
 */

export interface XmlAttribute {
  name: string;
  value: string;
}

export type XmlEvent =
  | { kind: 'open'; name: string; attributes: XmlAttribute[]; selfClosing: boolean; line: number }
  | { kind: 'close'; name: string; line: number }
  | { kind: 'text'; text: string; line: number }
  | { kind: 'pi'; target: string; data: string; line: number };

export class XmlSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
    /** DOCTYPE: a DTD was present (refused, not malformed). */
    readonly reason: 'MALFORMED' | 'DOCTYPE' | 'TOO_DEEP' = 'MALFORMED',
  ) {
    super(`${message} (ligne ${line})`);
    this.name = 'XmlSyntaxError';
  }
}

export interface XmlTokenizer {
  write(chunk: string): void;
  end(): void;
}

const NAME = /^[A-Za-z_:\u00C0-\uFFFF][-A-Za-z0-9_.:\u00B7\u00C0-\uFFFF]*$/;
const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export function decodeEntities(raw: string, line: number): string {
  if (!raw.includes('&')) return raw;
  return raw.replace(/&([^;&\s]{0,12});?/g, (match, body: string) => {
    if (!match.endsWith(';')) throw new XmlSyntaxError('« & » non échappé', line);
    if (body.startsWith('#')) {
      const code = body[1] === 'x' || body[1] === 'X' ? Number.parseInt(body.slice(2), 16) : Number.parseInt(body.slice(1), 10);
      if (!Number.isFinite(code) || code <= 0 || code > 0x10ffff || !/^#(x[0-9a-fA-F]+|[0-9]+)$/.test(body)) {
        throw new XmlSyntaxError(`référence de caractère invalide « ${match} »`, line);
      }
      return String.fromCodePoint(code);
    }
    const value = ENTITIES[body];
    if (value === undefined) throw new XmlSyntaxError(`entité inconnue « ${match} »`, line);
    return value;
  });
}

function countLines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) n += 1;
  return n;
}

function parseAttributes(source: string, line: number): XmlAttribute[] {
  const attributes: XmlAttribute[] = [];
  const seen = new Set<string>();
  let i = 0;
  while (i < source.length) {
    while (i < source.length && /\s/.test(source[i]!)) i += 1;
    if (i >= source.length) break;
    const eq = source.indexOf('=', i);
    if (eq === -1) throw new XmlSyntaxError(`attribut sans valeur « ${source.slice(i, i + 20)} »`, line);
    const name = source.slice(i, eq).trim();
    if (!NAME.test(name)) throw new XmlSyntaxError(`nom d’attribut invalide « ${name} »`, line);
    let j = eq + 1;
    while (j < source.length && /\s/.test(source[j]!)) j += 1;
    const quote = source[j];
    if (quote !== '"' && quote !== "'") throw new XmlSyntaxError(`valeur d’attribut sans guillemets (${name})`, line);
    const close = source.indexOf(quote, j + 1);
    if (close === -1) throw new XmlSyntaxError(`valeur d’attribut non terminée (${name})`, line);
    const raw = source.slice(j + 1, close);
    if (raw.includes('<')) throw new XmlSyntaxError(`« < » dans la valeur de ${name}`, line);
    if (seen.has(name)) throw new XmlSyntaxError(`attribut en double « ${name} »`, line);
    seen.add(name);
    // Attribute-value normalisation: literal whitespace characters become spaces.
    attributes.push({ name, value: decodeEntities(raw.replace(/[\t\n\r]/g, ' '), line) });
    i = close + 1;
    if (i < source.length && !/\s/.test(source[i]!)) throw new XmlSyntaxError(`espace manquant après l’attribut ${name}`, line);
  }
  return attributes;
}

export function createXmlTokenizer(onEvent: (event: XmlEvent) => void, options: { maxDepth?: number } = {}): XmlTokenizer {
  const maxDepth = options.maxDepth ?? 64;
  let buffer = '';
  let line = 1;
  let text = '';
  let textLine = 1;
  const stack: string[] = [];
  let rootSeen = false;
  let rootClosed = false;
  let ended = false;

  function flushText() {
    if (!text) return;
    if (stack.length === 0) {
      if (text.trim()) throw new XmlSyntaxError('texte hors de l’élément racine', textLine);
    } else {
      onEvent({ kind: 'text', text: decodeEntities(text, textLine), line: textLine });
    }
    text = '';
  }

  /** Consumes as much of the buffer as is complete; returns when the rest needs more input. */
  function pump(final: boolean) {
    let pos = 0;
    for (;;) {
      const lt = buffer.indexOf('<', pos);
      if (lt === -1) {
        // Keep a possible partial character reference for the next chunk; text is decoded at flush.
        const rest = buffer.slice(pos);
        if (!text) textLine = line;
        text += rest;
        line += countLines(rest, 0, rest.length);
        pos = buffer.length;
        break;
      }
      if (lt > pos) {
        const chunk = buffer.slice(pos, lt);
        if (!text) textLine = line;
        text += chunk;
        line += countLines(chunk, 0, chunk.length);
        pos = lt;
      }
      // buffer[pos] === '<'
      const next = buffer.slice(pos, pos + 9);
      let end: number;
      if (next.startsWith('<!--')) {
        end = buffer.indexOf('-->', pos + 4);
        if (end === -1) break;
        const body = buffer.slice(pos + 4, end);
        if (body.includes('--') || body.endsWith('-')) throw new XmlSyntaxError('commentaire invalide', line);
        line += countLines(buffer, pos, end);
        pos = end + 3;
        continue;
      }
      if (next.startsWith('<![CDATA[')) {
        end = buffer.indexOf(']]>', pos + 9);
        if (end === -1) break;
        if (stack.length === 0) throw new XmlSyntaxError('CDATA hors de l’élément racine', line);
        const body = buffer.slice(pos + 9, end);
        flushText();
        onEvent({ kind: 'text', text: body, line });
        line += countLines(body, 0, body.length);
        pos = end + 3;
        continue;
      }
      if (next.startsWith('<!')) {
        if (next.length < 9 && !final) break;
        if (next.toUpperCase().startsWith('<!DOCTYPE') || next.startsWith('<!ENTITY') || next.startsWith('<!ELEMENT')) {
          throw new XmlSyntaxError('DTD refusée (<!DOCTYPE>)', line, 'DOCTYPE');
        }
        throw new XmlSyntaxError('déclaration inattendue', line);
      }
      if (next.startsWith('<?')) {
        end = buffer.indexOf('?>', pos + 2);
        if (end === -1) break;
        const body = buffer.slice(pos + 2, end);
        const match = /^([^\s?]+)\s*([\s\S]*)$/.exec(body);
        if (!match?.[1]) throw new XmlSyntaxError('instruction de traitement invalide', line);
        if (match[1].toLowerCase() === 'xml' && rootSeen) throw new XmlSyntaxError('déclaration XML mal placée', line);
        flushText();
        onEvent({ kind: 'pi', target: match[1], data: match[2] ?? '', line });
        line += countLines(body, 0, body.length);
        pos = end + 2;
        continue;
      }
      // A tag: find its end, skipping quoted attribute values (they may contain '>').
      let i = pos + 1;
      let quote: string | null = null;
      end = -1;
      for (; i < buffer.length; i += 1) {
        const c = buffer[i];
        if (quote) {
          if (c === quote) quote = null;
        } else if (c === '"' || c === "'") quote = c;
        else if (c === '>') {
          end = i;
          break;
        } else if (c === '<') throw new XmlSyntaxError('« < » inattendu dans une balise', line);
      }
      if (end === -1) break;
      const tag = buffer.slice(pos + 1, end);
      const tagLine = line;
      flushText();
      if (tag.startsWith('/')) {
        const name = tag.slice(1).trim();
        const open = stack.pop();
        if (open !== name) throw new XmlSyntaxError(`balise fermante </${name}> au lieu de </${open ?? '?'}>`, tagLine);
        onEvent({ kind: 'close', name, line: tagLine });
        if (stack.length === 0) rootClosed = true;
      } else {
        const selfClosing = tag.endsWith('/');
        const inner = selfClosing ? tag.slice(0, -1) : tag;
        const nameMatch = /^([^\s/>]+)/.exec(inner);
        const name = nameMatch?.[1] ?? '';
        if (!NAME.test(name)) throw new XmlSyntaxError(`nom d’élément invalide « ${name.slice(0, 30)} »`, tagLine);
        if (stack.length === 0) {
          if (rootSeen) throw new XmlSyntaxError('plusieurs éléments racine', tagLine);
          rootSeen = true;
        }
        const attributes = parseAttributes(inner.slice(name.length), tagLine);
        if (stack.length >= maxDepth) throw new XmlSyntaxError('imbrication trop profonde', tagLine, 'TOO_DEEP');
        onEvent({ kind: 'open', name, attributes, selfClosing, line: tagLine });
        if (selfClosing) {
          onEvent({ kind: 'close', name, line: tagLine });
          if (stack.length === 0) rootClosed = true;
        } else stack.push(name);
      }
      line += countLines(buffer, pos, end);
      pos = end + 1;
    }
    buffer = buffer.slice(pos);
    if (rootClosed && text.trim()) throw new XmlSyntaxError('contenu après l’élément racine', line);
  }

  return {
    write(chunk) {
      if (ended) throw new Error('tokenizer already ended');
      buffer += chunk;
      pump(false);
    },
    end() {
      ended = true;
      pump(true);
      if (buffer.length) throw new XmlSyntaxError('fin de fichier au milieu d’une balise', line);
      if (stack.length) throw new XmlSyntaxError(`élément <${stack[stack.length - 1]}> non fermé en fin de fichier`, line);
      if (!rootSeen) throw new XmlSyntaxError('document vide', line);
      flushText();
    },
  };
}
