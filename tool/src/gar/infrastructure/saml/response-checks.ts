import { garError } from '../../domain/gar-errors.ts';
import { XmlSyntaxError } from '../xml/xml-tokenizer.ts';
import { attributeOf, childElements, firstChild, parseXml, textOf, type XmlElement } from '../xml/xml-tree.ts';

export const SAMLP = 'urn:oasis:names:tc:SAML:2.0:protocol';
export const SAML = 'urn:oasis:names:tc:SAML:2.0:assertion';
const SUCCESS = 'urn:oasis:names:tc:SAML:2.0:status:Success';
const BEARER = 'urn:oasis:names:tc:SAML:2.0:cm:bearer';

/**
 * The checks @node-saml/node-saml leaves to the service provider (toolchain-notes.md, ADR 0003):
 * Destination, Recipient, subject confirmation times, Issuer, Success status and InResponseTo consistency.
 * The assertion checks run on the XML the library verified the signature of, never on the raw post.
 */

/** Parses a base64 SAML message strictly; a DTD or malformed XML is refused before any library sees it. */
export function decodeSamlMessage(base64: string, maxBytes = 400_000): { xml: string; root: XmlElement } {
  const compact = base64.replace(/\s+/g, '');
  if (!compact || !/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) throw garError('SAML_MALFORMED', 'not base64');
  const xml = Buffer.from(compact, 'base64').toString('utf8');
  if (xml.length > maxBytes) throw garError('SAML_MALFORMED', 'message too large');
  return { xml, root: parseSamlXml(xml) };
}

export function parseSamlXml(xml: string): XmlElement {
  if (/<!DOCTYPE/i.test(xml) || /<!ENTITY/i.test(xml)) throw garError('SAML_DTD_FORBIDDEN');
  try {
    return parseXml(xml, { maxDepth: 40 });
  } catch (error) {
    if (error instanceof XmlSyntaxError && error.reason === 'DOCTYPE') throw garError('SAML_DTD_FORBIDDEN');
    throw garError('SAML_MALFORMED', error instanceof Error ? error.message.slice(0, 120) : 'xml');
  }
}

export interface ResponseEnvelope {
  issuer: string | null;
  destination: string | null;
  inResponseTo: string | null;
  statusCode: string | null;
  /** The Issuer of a plain (not encrypted) assertion, to find the IdP when the Response has none. */
  assertionIssuer: string | null;
}

export function readEnvelope(root: XmlElement): ResponseEnvelope {
  if (root.localName !== 'Response' || root.namespace !== SAMLP) throw garError('SAML_MALFORMED', `root ${root.localName}`);
  const status = firstChild(root, SAMLP, 'Status');
  const code = status ? firstChild(status, SAMLP, 'StatusCode') : null;
  const issuer = firstChild(root, SAML, 'Issuer');
  const assertion = firstChild(root, SAML, 'Assertion');
  const assertionIssuer = assertion ? firstChild(assertion, SAML, 'Issuer') : null;
  return {
    issuer: issuer ? textOf(issuer).trim() : null,
    destination: attributeOf(root, 'Destination'),
    inResponseTo: attributeOf(root, 'InResponseTo'),
    statusCode: code ? attributeOf(code, 'Value') : null,
    assertionIssuer: assertionIssuer ? textOf(assertionIssuer).trim() : null,
  };
}

/** Envelope checks: Success, our ACS as Destination and the IdP as Issuer (when the Response names them). */
export function checkEnvelope(envelope: ResponseEnvelope, expected: { acsUrl: string; idpEntityId: string }): void {
  if (envelope.statusCode !== SUCCESS) throw garError('SAML_STATUS_NOT_SUCCESS', `status ${envelope.statusCode ?? 'missing'}`);
  // Optional in SAML for an unsigned Response; when present it must be us. The signed Recipient is always checked.
  if (envelope.destination !== null && envelope.destination !== expected.acsUrl) throw garError('SAML_DESTINATION_MISMATCH', `destination ${envelope.destination}`);
  if (envelope.issuer !== null && envelope.issuer !== expected.idpEntityId) throw garError('SAML_ISSUER_MISMATCH', `response issuer ${envelope.issuer}`);
}

export interface VerifiedAssertion {
  assertionId: string;
  issuer: string;
  /** From the signed SubjectConfirmationData: null for an unsolicited (IdP-initiated) response. */
  inResponseTo: string | null;
  /** Until when the assertion could be replayed: its id is remembered that long. */
  expiresAt: Date;
  nameId: string;
  nameIdFormat: string | null;
  sessionIndex: string | null;
  attributes: Map<string, string[]>;
}

function time(value: string | null): number | null {
  if (value === null) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? Number.NaN : ms;
}

export function checkAssertion(
  assertionXml: string,
  expected: { acsUrl: string; spEntityId: string; idpEntityId: string; now: Date; skewMs: number; envelopeInResponseTo: string | null },
): VerifiedAssertion {
  const assertion = parseSamlXml(assertionXml);
  if (assertion.localName !== 'Assertion' || assertion.namespace !== SAML) throw garError('SAML_MALFORMED', 'verified node is not an assertion');
  const assertionId = attributeOf(assertion, 'ID');
  if (!assertionId) throw garError('SAML_MALFORMED', 'assertion without ID');
  const issuerElement = firstChild(assertion, SAML, 'Issuer');
  const issuer = issuerElement ? textOf(issuerElement).trim() : '';
  if (issuer !== expected.idpEntityId) throw garError('SAML_ISSUER_MISMATCH', `assertion issuer ${issuer || 'missing'}`);
  const now = expected.now.getTime();

  // Conditions (the library checks them too; checked again here so the error code is ours).
  const conditions = firstChild(assertion, SAML, 'Conditions');
  const notBefore = time(conditions ? attributeOf(conditions, 'NotBefore') : null);
  const notOnOrAfter = time(conditions ? attributeOf(conditions, 'NotOnOrAfter') : null);
  if (Number.isNaN(notBefore) || Number.isNaN(notOnOrAfter)) throw garError('SAML_MALFORMED', 'conditions time');
  if ((notBefore !== null && now + expected.skewMs < notBefore) || (notOnOrAfter !== null && now - expected.skewMs >= notOnOrAfter)) {
    throw garError('SAML_ASSERTION_EXPIRED');
  }
  const audiences = conditions
    ? childElements(conditions, SAML, 'AudienceRestriction').map((r) => childElements(r, SAML, 'Audience').map((a) => textOf(a).trim()))
    : [];
  if (audiences.length === 0 || audiences.some((list) => !list.includes(expected.spEntityId))) throw garError('SAML_AUDIENCE_MISMATCH');

  // Subject: a bearer confirmation for our ACS, still valid, answering our request.
  const subject = firstChild(assertion, SAML, 'Subject');
  if (!subject) throw garError('SAML_SUBJECT_CONFIRMATION_INVALID', 'no subject');
  const nameIdElement = firstChild(subject, SAML, 'NameID');
  const confirmations = childElements(subject, SAML, 'SubjectConfirmation').filter((c) => attributeOf(c, 'Method') === BEARER);
  const data = confirmations.map((c) => firstChild(c, SAML, 'SubjectConfirmationData')).filter((d): d is XmlElement => d !== null);
  if (data.length === 0) throw garError('SAML_SUBJECT_CONFIRMATION_INVALID', 'no bearer confirmation data');
  const forUs = data.filter((d) => attributeOf(d, 'Recipient') === expected.acsUrl);
  if (forUs.length === 0) throw garError('SAML_RECIPIENT_MISMATCH', `recipient ${attributeOf(data[0]!, 'Recipient') ?? 'missing'}`);
  const valid = forUs.filter((d) => {
    const until = time(attributeOf(d, 'NotOnOrAfter'));
    const from = time(attributeOf(d, 'NotBefore'));
    return until !== null && !Number.isNaN(until) && now - expected.skewMs < until && (from === null || now + expected.skewMs >= from);
  });
  if (valid.length === 0) {
    const missing = forUs.every((d) => attributeOf(d, 'NotOnOrAfter') === null);
    throw garError(missing ? 'SAML_SUBJECT_CONFIRMATION_INVALID' : 'SAML_SUBJECT_CONFIRMATION_EXPIRED', missing ? 'no NotOnOrAfter' : undefined);
  }
  const confirmation = valid[0]!;
  const inResponseTo = attributeOf(confirmation, 'InResponseTo');
  if (expected.envelopeInResponseTo !== null && inResponseTo !== expected.envelopeInResponseTo) throw garError('SAML_IN_RESPONSE_TO_MISMATCH');
  if (expected.envelopeInResponseTo === null && inResponseTo !== null) throw garError('SAML_IN_RESPONSE_TO_MISMATCH');
  const confirmationUntil = time(attributeOf(confirmation, 'NotOnOrAfter'))!;

  const authn = firstChild(assertion, SAML, 'AuthnStatement');
  const attributes = new Map<string, string[]>();
  for (const statement of childElements(assertion, SAML, 'AttributeStatement')) {
    for (const attribute of childElements(statement, SAML, 'Attribute')) {
      const name = attributeOf(attribute, 'Name');
      if (!name) continue;
      const list = attributes.get(name) ?? [];
      for (const value of childElements(attribute, SAML, 'AttributeValue')) list.push(textOf(value));
      attributes.set(name, list);
    }
  }
  return {
    assertionId,
    issuer,
    inResponseTo,
    expiresAt: new Date(Math.max(confirmationUntil, notOnOrAfter ?? 0) + expected.skewMs),
    nameId: nameIdElement ? textOf(nameIdElement).trim() : '',
    nameIdFormat: nameIdElement ? attributeOf(nameIdElement, 'Format') : null,
    sessionIndex: authn ? attributeOf(authn, 'SessionIndex') : null,
    attributes,
  };
}

/** The library's errors carry no code: map their messages once, here. */
export function mapLibraryError(error: unknown) {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof Error && (error.name === 'SamlStatusError' || /SAML provider returned/.test(message))) return garError('SAML_STATUS_NOT_SUCCESS', message.slice(0, 120));
  if (/decrypt|EncryptedAssertion content|No decryption key/i.test(message)) return garError('SAML_DECRYPTION_FAILED', message.slice(0, 120));
  if (/signature|Cannot obtain assertion|transforms/i.test(message)) return garError('SAML_SIGNATURE_INVALID', message.slice(0, 120));
  if (/expired|not yet valid/i.test(message)) return garError('SAML_ASSERTION_EXPIRED', message.slice(0, 120));
  if (/audience/i.test(message)) return garError('SAML_AUDIENCE_MISMATCH', message.slice(0, 120));
  return garError('SAML_MALFORMED', message.slice(0, 120));
}
