import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseXml, textOf, attributeOf } from '../../../tool/src/gar/infrastructure/xml/xml-tree.ts';
import { XmlSyntaxError } from '../../../tool/src/gar/infrastructure/xml/xml-tokenizer.ts';
import { generateKeyPairWithCertificate } from '../../../tool/src/gar/infrastructure/keys/self-signed-certificate.ts';
import { parseSamlSettings } from '../../../tool/src/gar/gar-config.ts';

describe('the small XML parser', () => {
  it('resolves namespaces, entities, CDATA and comments', () => {
    const root = parseXml('<?xml version="1.0"?><a:r xmlns:a="urn:a" b="x &amp; y"><!-- c --><a:t>1 &lt; 2 &#233;<![CDATA[<raw>]]></a:t></a:r>');
    expect(root.namespace).toBe('urn:a');
    expect(attributeOf(root, 'b')).toBe('x & y');
    expect(textOf(root)).toBe('1 < 2 é<raw>');
  });

  it.each([
    ['<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>', 'DOCTYPE'],
    ['<r><a></r>', 'MALFORMED'],
    ['<r a="1" a="2"/>', 'MALFORMED'],
    ['<r>&unknown;</r>', 'MALFORMED'],
    ['<r/><r/>', 'MALFORMED'],
    ['<p:r/>', 'MALFORMED'],
  ])('refuses %s', (xml, reason) => {
    try {
      parseXml(xml);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(XmlSyntaxError);
      expect((error as XmlSyntaxError).reason).toBe(reason);
    }
  });
});

describe('SP keys', () => {
  it('generates a self-signed X.509 certificate for the key (no dependency)', () => {
    const pair = generateKeyPairWithCertificate('Pix Embed SP', new Date('2026-01-01T00:00:00Z'), 10);
    const cert = new X509Certificate(pair.certificatePem);
    expect(cert.subject).toBe('CN=Pix Embed SP');
    expect(cert.checkIssued(cert)).toBe(true);
    expect(cert.verify(cert.publicKey)).toBe(true);
    expect(new Date(cert.validTo).getUTCFullYear()).toBe(2035);
  });
});

describe('SAML settings', () => {
  it('defaults to the demo IdP outside production and GAR attribute names', () => {
    const { settings, problems } = parseSamlSettings({}, { production: false, demoEnabled: true });
    expect(problems).toEqual([]);
    expect(settings.idps).toEqual([{ name: 'demo', metadata: 'builtin:demo', extraCertificateFiles: [], responseSigned: false }]);
    expect(settings.attributes.ido).toBe('IDO');
    expect(settings.createUnknownSchools).toBe(false);
  });

  it('lists every problem at once', () => {
    const { problems } = parseSamlSettings(
      { SAML_IDPS: 'gar,b@d', SAML_CLOCK_SKEW_SECONDS: 'x', SAML_ATTRIBUTE_NAMES: 'nope=X', SAML_IDP_GAR_METADATA: 'http://idp.example/metadata' },
      { production: true, demoEnabled: false },
    );
    expect(problems.join('\n')).toMatch(/nom d’IdP invalide/);
    expect(problems.join('\n')).toMatch(/SAML_CLOCK_SKEW_SECONDS/);
    expect(problems.join('\n')).toMatch(/SAML_ATTRIBUTE_NAMES/);
    expect(problems.join('\n')).toMatch(/URL https attendue/);
    expect(problems.join('\n')).toMatch(/SAML_SP_KEY_FILE : obligatoire en production/);
  });

  it('configures several IdPs, extra certificates (rotation) and a signed Response', () => {
    const { settings, problems } = parseSamlSettings(
      { SAML_IDPS: 'gar, academie', SAML_IDP_GAR_METADATA: 'https://idp.gar.test/metadata', SAML_IDP_GAR_CERTS: '/a.pem,/b.pem', SAML_IDP_ACADEMIE_METADATA: '/etc/ac.xml', SAML_IDP_ACADEMIE_RESPONSE_SIGNED: 'true' },
      { production: false, demoEnabled: true },
    );
    expect(problems).toEqual([]);
    expect(settings.idps.map((i) => [i.name, i.extraCertificateFiles.length, i.responseSigned])).toEqual([
      ['gar', 2, false],
      ['academie', 0, true],
    ]);
  });
});
