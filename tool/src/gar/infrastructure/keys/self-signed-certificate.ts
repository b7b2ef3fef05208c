import { createPublicKey, generateKeyPairSync, randomBytes, sign, X509Certificate, type KeyObject } from 'node:crypto';
import { bitString, boolean, explicit, integer, nullValue, objectIdentifier, octetString, sequence, set, time, utf8String } from './der.ts';

const SHA256_WITH_RSA = '1.2.840.113549.1.1.11';
const COMMON_NAME = '2.5.4.3';
const BASIC_CONSTRAINTS = '2.5.29.19';
const KEY_USAGE = '2.5.29.15';

export interface KeyPairPem {
  privateKeyPem: string;
  certificatePem: string;
}

/**
 * A self-signed X.509 v3 certificate (RSA, SHA-256) for a SAML key pair: SAML peers only compare the key,
 * so no authority is involved. Built with node:crypto and a small DER writer, no dependency.
 */
export function selfSignedCertificate(input: { privateKey: KeyObject; commonName: string; notBefore: Date; years: number }): string {
  const algorithm = sequence(objectIdentifier(SHA256_WITH_RSA), nullValue());
  const name = sequence(set(sequence(objectIdentifier(COMMON_NAME), utf8String(input.commonName))));
  const notAfter = new Date(input.notBefore);
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + input.years);
  const spki = createPublicKey(input.privateKey).export({ type: 'spki', format: 'der' });
  const serial = randomBytes(16);
  serial[0] = serial[0]! & 0x7f;
  const extensions = explicit(
    3,
    sequence(
      sequence(objectIdentifier(BASIC_CONSTRAINTS), boolean(true), octetString(sequence())),
      // digitalSignature | keyEncipherment | dataEncipherment | keyCertSign: SAML signing, key transport, self-signature.
      sequence(objectIdentifier(KEY_USAGE), boolean(true), octetString(Buffer.from([0x03, 0x02, 0x02, 0xb4]))),
    ),
  );
  const tbs = sequence(
    explicit(0, integer(2)),
    integer(serial),
    algorithm,
    name,
    sequence(time(input.notBefore), time(notAfter)),
    name,
    spki,
    extensions,
  );
  const signature = sign('sha256', tbs, input.privateKey);
  const der = sequence(tbs, algorithm, bitString(signature));
  const pem = `-----BEGIN CERTIFICATE-----\n${der.toString('base64').replace(/(.{64})/g, '$1\n').replace(/\n$/, '')}\n-----END CERTIFICATE-----\n`;
  // Parse it back: a malformed certificate fails here, not at the IdP.
  new X509Certificate(pem);
  return pem;
}

/** A fresh RSA-2048 key and its self-signed certificate, valid `years` from `now` (backdated a day for skewed clocks). */
export function generateKeyPairWithCertificate(commonName: string, now: Date, years = 10): KeyPairPem {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const notBefore = new Date(now.getTime() - 86_400_000);
  return {
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    certificatePem: selfSignedCertificate({ privateKey, commonName, notBefore, years }),
  };
}
