import { execFileSync, spawnSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import { SignedXml } from 'xml-crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKeyPairWithCertificate } from '../../../tool/src/gar/infrastructure/keys/self-signed-certificate.ts';
import { GAR_ATTRIBUTE_DEFAULTS } from '../../../tool/src/gar/gar-config.ts';
import { serviceProviderMetadata } from '../../../tool/src/gar/infrastructure/saml/sp-metadata.ts';
import { startTestApp, type TestApp } from '../../support/test-app.ts';

const DSIG = 'http://www.w3.org/2000/09/xmldsig#';

/**
 * Checks the metadata's enveloped signature with xml-crypto (the library node-saml itself verifies with, an
 * implementation independent of ours): against `certPem` only, never the certificate the document carries, and
 * only if the signature covers the whole EntityDescriptor.
 */
function verify(xml: string, certPem: string): boolean {
  const doc = new DOMParser().parseFromString(xml, 'text/xml');
  const root = doc.documentElement!;
  const signatures = root.getElementsByTagNameNS(DSIG, 'Signature');
  expect(signatures.length).toBe(1);
  expect(signatures[0]!.parentNode).toBe(root);
  const signed = new SignedXml({ publicCert: certPem, getCertFromKeyInfo: () => null });
  signed.loadSignature(signatures[0]!);
  let valid: boolean;
  try {
    valid = signed.checkSignature(xml);
  } catch {
    valid = false;
  }
  if (!valid) return false;
  const references = signed.getReferences();
  expect(references.map((r) => r.uri)).toEqual([`#${root.getAttribute('ID')}`]);
  expect(signed.signatureAlgorithm).toBe('http://www.w3.org/2001/04/xmldsig-more#rsa-sha256');
  return true;
}

/** xmlsec1 (Debian package `xmlsec1`), when installed: a second, C implementation. True when it prints OK. */
function xmlsec1Verifies(xml: string, certPem: string): boolean {
  const dir = mkdtempSync(join(tmpdir(), 'pix-sp-md-'));
  writeFileSync(join(dir, 'metadata.xml'), xml);
  writeFileSync(join(dir, 'cert.pem'), certPem);
  const args = ['--verify', '--pubkey-cert-pem', join(dir, 'cert.pem'), '--id-attr:ID', 'urn:oasis:names:tc:SAML:2.0:metadata:EntityDescriptor', join(dir, 'metadata.xml')];
  // It reports on stderr (also warnings about the self-signed certificate's chain, irrelevant with a pinned key).
  const run = spawnSync('xmlsec1', args, { encoding: 'utf8' });
  return run.status === 0 && /^OK$/m.test(run.stderr + run.stdout);
}
const hasXmlsec1 = (() => {
  try {
    execFileSync('xmlsec1', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    // CI installs it (.ci/install-system-packages.sh): there a missing xmlsec1 fails rather than skips.
    if (process.env.CI === 'true') throw new Error('xmlsec1 is required in CI: apt-get install -y xmlsec1');
    return false;
  }
})();

describe('signed SP metadata (GET /saml/metadata.xml)', () => {
  let app: TestApp;
  let xml: string;
  let certPem: string;
  beforeAll(async () => {
    app = await startTestApp();
    certPem = app.container.gar.deps!.sp.signingCertPem;
    const response = await app.get('/saml/metadata.xml');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/samlmetadata+xml');
    xml = await response.text();
  });
  afterAll(async () => app?.close());

  it('carries an enveloped RSA-SHA256 signature that validates with the SP certificate', () => {
    expect(verify(xml, certPem)).toBe(true);
  });

  it('fails once anything signed is altered, or with another certificate', () => {
    const acs = /Location="([^"]+\/saml\/acs)"/.exec(xml)![1]!;
    expect(verify(xml.replace(acs, 'https://attacker.example/saml/acs'), certPem)).toBe(false);
    expect(verify(xml.replace('isRequired="false"', 'isRequired="true"'), certPem)).toBe(false);
    expect(verify(xml.replace(/validUntil="[^"]+"/, 'validUntil="2099-01-01T00:00:00Z"'), certPem)).toBe(false);
    const other = generateKeyPairWithCertificate('someone else', new Date());
    expect(verify(xml, other.certificatePem)).toBe(false);
  });

  it.skipIf(!hasXmlsec1)('validates with xmlsec1 too, and not once tampered', () => {
    expect(xmlsec1Verifies(xml, certPem)).toBe(true);
    expect(xmlsec1Verifies(xml.replace('isDefault="true"', 'isDefault="false"'), certPem)).toBe(false);
  });

  it('says how long it is valid and how long to cache it', () => {
    const validUntil = new Date(/validUntil="([^"]+)"/.exec(xml)![1]!);
    const now = app.container.clock.now().getTime();
    expect(validUntil.getTime()).toBeGreaterThan(now + 29 * 86_400_000);
    expect(validUntil.getTime()).toBeLessThanOrEqual(now + 30 * 86_400_000);
    expect(xml).toContain('cacheDuration="P1D"');
    expect(xml).toContain('entityID="http://');
  });

  it('never claims validity beyond the signing certificate; only the current signing key validates it', () => {
    const pair = generateKeyPairWithCertificate('Pix Embed SP', new Date('2026-01-01T00:00:00Z'));
    const next = generateKeyPairWithCertificate('Pix Embed SP next', new Date('2026-01-01T00:00:00Z'));
    const end = new Date(new X509Certificate(pair.certificatePem).validTo);
    const signed = serviceProviderMetadata({
      entityId: 'https://pix.example.org/saml/metadata.xml',
      acsUrl: 'https://pix.example.org/saml/acs',
      sloUrl: 'https://pix.example.org/saml/slo',
      signingCertPem: pair.certificatePem,
      signingKeyPem: pair.privateKeyPem,
      nextSigningCertPem: next.certificatePem,
      encryptionCertPem: pair.certificatePem,
      attributes: GAR_ATTRIBUTE_DEFAULTS,
      now: new Date(end.getTime() - 86_400_000),
      validDays: 30,
    });
    expect(new Date(/validUntil="([^"]+)"/.exec(signed)![1]!).getTime()).toBe(end.getTime());
    expect(signed.match(/<md:KeyDescriptor use="signing">/g)).toHaveLength(2);
    expect(verify(signed, pair.certificatePem)).toBe(true);
    expect(verify(signed, next.certificatePem)).toBe(false);
  });
});
