import { randomBytes, verify } from 'node:crypto';
import { inflateRawSync } from 'node:zlib';
import { certificateBody } from '../infrastructure/keys/key-files.ts';
import { attributeOf, firstChild, parseXml, textOf } from '../infrastructure/xml/xml-tree.ts';
import { serialize, signEnveloped, type XNode } from '../infrastructure/xml/canonical-xml.ts';

const SAMLP = 'urn:oasis:names:tc:SAML:2.0:protocol';
const SAML = 'urn:oasis:names:tc:SAML:2.0:assertion';

/** People of the demo IdP: GAR-like attributes, the demo school's UAI. */
export interface DemoGarPerson {
  key: string;
  label: string;
  attributes: Record<string, string[]>;
}

export const DEMO_GAR_PEOPLE: readonly DemoGarPerson[] = [
  {
    key: 'eleve',
    label: 'Léa Martin — élève de 5e A (groupe Euro)',
    attributes: { IDO: ['demo-gar-ido-lea-martin'], UAI: ['0991234A'], PRE: ['Léa'], NOM: ['Martin'], PRO: ['National_elv'], DIV: ['5A##5e A'], GRO: ['EURO5##Section euro##5A'] },
  },
  {
    key: 'enseignant',
    label: 'Karim Benali — enseignant de 5e A et 5e B',
    attributes: { IDO: ['demo-gar-ido-karim-benali'], UAI: ['0991234A'], PRE: ['Karim'], NOM: ['Benali'], PRO: ['National_ens'], DIV: ['5A##5e A', '5B##5e B'], P_MS4: ['TECHNO'] },
  },
  {
    key: 'direction',
    label: 'Claire Lefèvre — direction (import de la liste des élèves)',
    attributes: { IDO: ['demo-gar-ido-claire-lefevre'], UAI: ['0991234A'], PRE: ['Claire'], NOM: ['Lefèvre'], PRO: ['National_dir'] },
  },
  {
    key: 'inconnu',
    label: 'Élève d’un établissement non inscrit (refus attendu)',
    attributes: { IDO: ['demo-gar-ido-unknown'], UAI: ['0999999Z'], PRE: ['Sam'], NOM: ['Durand'], PRO: ['National_elv'], DIV: ['4C##4e C'] },
  },
];

export interface DemoIdpOptions {
  entityId: string;
  ssoUrl: string;
  sloUrl: string;
  keyPem: string;
  certPem: string;
  /** The SP it serves: its AuthnRequests must be signed with this certificate and ask for this ACS. */
  sp: () => { entityId: string; acsUrl: string; signingCertPem: string };
  now: () => Date;
}

export interface DemoAuthnRequest {
  id: string;
  relayState: string | null;
}

/**
 * A GAR-like IdP in the tool itself (only with /demo, never in production): it requires signed AuthnRequests
 * like the GAR and issues real signed Responses, which /saml/acs checks with the production settings.
 */
export function createDemoIdp(options: DemoIdpOptions) {
  const certBody = certificateBody(options.certPem);
  return {
    entityId: options.entityId,

    metadataXml(): string {
      return `<?xml version="1.0" encoding="UTF-8"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="${options.entityId}">
  <md:IDPSSODescriptor WantAuthnRequestsSigned="true" protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
    <md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>${certBody}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>
    <md:SingleLogoutService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="${options.sloUrl}"/>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="${options.ssoUrl}"/>
  </md:IDPSSODescriptor>
</md:EntityDescriptor>
`;
    },

    /** Reads an HTTP-Redirect AuthnRequest from the raw query string and checks its signature. Throws when invalid. */
    readAuthnRequest(rawQuery: string): DemoAuthnRequest {
      const parts = new Map(
        rawQuery
          .split('&')
          .map((pair) => pair.split('=') as [string, string | undefined])
          .map(([k, v]) => [k, v ?? ''] as const),
      );
      const request = parts.get('SAMLRequest');
      const sigAlg = parts.get('SigAlg');
      const signature = parts.get('Signature');
      if (!request || !sigAlg || !signature) throw new Error('AuthnRequest non signée : refusée (comme le GAR)');
      if (decodeURIComponent(sigAlg) !== 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256') throw new Error('algorithme de signature non accepté (RSA-SHA256 attendu)');
      const relay = parts.get('RelayState');
      const signed = `SAMLRequest=${request}${relay !== undefined ? `&RelayState=${relay}` : ''}&SigAlg=${sigAlg}`;
      const sp = options.sp();
      if (!verify('sha256', Buffer.from(signed), sp.signingCertPem, Buffer.from(decodeURIComponent(signature), 'base64'))) {
        throw new Error('signature de l’AuthnRequest invalide');
      }
      const xml = inflateRawSync(Buffer.from(decodeURIComponent(request), 'base64'), { maxOutputLength: 100_000 }).toString('utf8');
      const root = parseXml(xml);
      if (root.localName !== 'AuthnRequest' || root.namespace !== SAMLP) throw new Error('ce n’est pas une AuthnRequest');
      const issuer = firstChild(root, SAML, 'Issuer');
      if (!issuer || textOf(issuer).trim() !== sp.entityId) throw new Error('AuthnRequest d’un fournisseur de service inconnu');
      const acs = attributeOf(root, 'AssertionConsumerServiceURL');
      if (acs !== null && acs !== sp.acsUrl) throw new Error('AssertionConsumerServiceURL inattendue');
      const id = attributeOf(root, 'ID');
      if (!id) throw new Error('AuthnRequest sans ID');
      return { id, relayState: relay !== undefined ? decodeURIComponent(relay.replace(/\+/g, ' ')) : null };
    },

    /** A signed Response for this person, answering `inResponseTo` (or unsolicited when null). */
    createResponse(person: DemoGarPerson, inResponseTo: string | null): string {
      const sp = options.sp();
      const now = options.now();
      const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
      const assertionId = `_${randomBytes(20).toString('hex')}`;
      const responseId = `_${randomBytes(20).toString('hex')}`;
      const t = now.getTime();
      const irt: Record<string, string> = inResponseTo ? { InResponseTo: inResponseTo } : {};
      const saml = (name: string, attrs?: Record<string, string>, children?: Array<XNode | string>): XNode => ({ name: `saml:${name}`, ...(attrs ? { attrs } : {}), ...(children ? { children } : {}) });
      const assertion: XNode = {
        name: 'saml:Assertion',
        ns: { saml: SAML },
        attrs: { ID: assertionId, IssueInstant: iso(t), Version: '2.0' },
        children: [
          saml('Issuer', undefined, [options.entityId]),
          saml('Subject', undefined, [
            saml('NameID', { Format: 'urn:oasis:names:tc:SAML:2.0:nameid-format:transient' }, [`_${randomBytes(16).toString('hex')}`]),
            saml('SubjectConfirmation', { Method: 'urn:oasis:names:tc:SAML:2.0:cm:bearer' }, [
              saml('SubjectConfirmationData', { NotOnOrAfter: iso(t + 5 * 60_000), Recipient: sp.acsUrl, ...irt }),
            ]),
          ]),
          saml('Conditions', { NotBefore: iso(t - 30_000), NotOnOrAfter: iso(t + 5 * 60_000) }, [saml('AudienceRestriction', undefined, [saml('Audience', undefined, [sp.entityId])])]),
          saml('AuthnStatement', { AuthnInstant: iso(t), SessionIndex: `_${randomBytes(12).toString('hex')}` }, [
            saml('AuthnContext', undefined, [saml('AuthnContextClassRef', undefined, ['urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport'])]),
          ]),
          saml(
            'AttributeStatement',
            undefined,
            Object.entries(person.attributes).map(([name, values]) =>
              saml('Attribute', { Name: name, NameFormat: 'urn:oasis:names:tc:SAML:2.0:attrname-format:basic' }, values.map((v) => saml('AttributeValue', undefined, [v]))),
            ),
          ),
        ],
      };
      const signed = signEnveloped(assertion, { id: assertionId, privateKeyPem: options.keyPem, certificateBody: certBody, position: 1 });
      const response: XNode = {
        name: 'samlp:Response',
        ns: { samlp: SAMLP, saml: SAML },
        attrs: { ID: responseId, Version: '2.0', IssueInstant: iso(t), Destination: sp.acsUrl, ...irt },
        children: [saml('Issuer', undefined, [options.entityId]), { name: 'samlp:Status', children: [{ name: 'samlp:StatusCode', attrs: { Value: 'urn:oasis:names:tc:SAML:2.0:status:Success' } }] }, signed],
      };
      return Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>${serialize(response)}`).toString('base64');
    },
  };
}
export type DemoIdp = ReturnType<typeof createDemoIdp>;
