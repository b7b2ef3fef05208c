import { createXmlTokenizer, XmlSyntaxError, type XmlAttribute } from './xml-tokenizer.ts';

/** A namespace-aware element tree for small documents (SAML messages, metadata); large files use the tokenizer. */
export interface XmlElement {
  name: string;
  localName: string;
  namespace: string | null;
  attributes: Array<XmlAttribute & { localName: string; namespace: string | null }>;
  children: XmlNode[];
  line: number;
}
export type XmlNode = XmlElement | string;

const XML_NS = 'http://www.w3.org/XML/1998/namespace';

function split(name: string): [string | null, string] {
  const colon = name.indexOf(':');
  return colon === -1 ? [null, name] : [name.slice(0, colon), name.slice(colon + 1)];
}

export function parseXml(text: string, options: { maxDepth?: number } = {}): XmlElement {
  let root: XmlElement | null = null;
  const stack: Array<{ element: XmlElement; scope: Map<string, string> }> = [];
  const tokenizer = createXmlTokenizer((event) => {
    if (event.kind === 'open') {
      const parentScope = stack[stack.length - 1]?.scope ?? new Map<string, string>([['xml', XML_NS]]);
      let scope = parentScope;
      for (const attribute of event.attributes) {
        if (attribute.name === 'xmlns' || attribute.name.startsWith('xmlns:')) {
          if (scope === parentScope) scope = new Map(parentScope);
          scope.set(attribute.name === 'xmlns' ? '' : attribute.name.slice(6), attribute.value);
        }
      }
      const [prefix, localName] = split(event.name);
      const namespace = prefix === null ? (scope.get('') || null) : scope.get(prefix);
      if (namespace === undefined) throw new XmlSyntaxError(`préfixe non déclaré « ${prefix} »`, event.line);
      const attributes = event.attributes
        .filter((a) => a.name !== 'xmlns' && !a.name.startsWith('xmlns:'))
        .map((a) => {
          const [attributePrefix, attributeLocal] = split(a.name);
          const attributeNamespace = attributePrefix === null ? null : scope.get(attributePrefix);
          if (attributeNamespace === undefined) throw new XmlSyntaxError(`préfixe non déclaré « ${attributePrefix} »`, event.line);
          return { ...a, localName: attributeLocal, namespace: attributeNamespace };
        });
      const element: XmlElement = { name: event.name, localName, namespace, attributes, children: [], line: event.line };
      const parent = stack[stack.length - 1];
      if (parent) parent.element.children.push(element);
      else root = element;
      stack.push({ element, scope });
    } else if (event.kind === 'close') {
      stack.pop();
    } else if (event.kind === 'text') {
      stack[stack.length - 1]?.element.children.push(event.text);
    }
  }, options);
  tokenizer.write(text);
  tokenizer.end();
  if (!root) throw new XmlSyntaxError('document vide', 1);
  return root;
}

export function childElements(element: XmlElement, namespace?: string | null, localName?: string): XmlElement[] {
  return element.children.filter(
    (child): child is XmlElement =>
      typeof child !== 'string' && (localName === undefined || child.localName === localName) && (namespace === undefined || child.namespace === namespace),
  );
}

export function firstChild(element: XmlElement, namespace: string | null, localName: string): XmlElement | null {
  return childElements(element, namespace, localName)[0] ?? null;
}

/** Every element below `element` (depth first) with this name. */
export function descendants(element: XmlElement, namespace: string | null, localName: string): XmlElement[] {
  const found: XmlElement[] = [];
  const visit = (node: XmlElement) => {
    for (const child of node.children) {
      if (typeof child === 'string') continue;
      if (child.localName === localName && child.namespace === namespace) found.push(child);
      visit(child);
    }
  };
  visit(element);
  return found;
}

export function textOf(element: XmlElement): string {
  return element.children.map((child) => (typeof child === 'string' ? child : textOf(child))).join('');
}

export function attributeOf(element: XmlElement, localName: string, namespace: string | null = null): string | null {
  return element.attributes.find((a) => a.localName === localName && a.namespace === namespace)?.value ?? null;
}
