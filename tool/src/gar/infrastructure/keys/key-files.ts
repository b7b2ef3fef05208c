import { createPrivateKey, X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateKeyPairWithCertificate, type KeyPairPem } from './self-signed-certificate.ts';

/**
 * A key pair from configured PEM files, or, in development, generated once into DATA_DIR (like the app secret);
 * tests and `--memory` get a fresh pair in memory. Production always configures files (checked by config).
 */
export type KeyPairSource =
  | { kind: 'files'; keyFile: string; certFile: string }
  | { kind: 'data-dir'; dataDir: string; baseName: string; commonName: string }
  | { kind: 'memory'; commonName: string };

export function readPem(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`${what} : fichier illisible ${path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
}

function checked(pair: KeyPairPem, origin: string): KeyPairPem {
  try {
    createPrivateKey(pair.privateKeyPem);
    new X509Certificate(pair.certificatePem);
  } catch (error) {
    throw new Error(`${origin} : clé ou certificat PEM invalide (${(error as Error).message})`);
  }
  return pair;
}

export function resolveKeyPair(source: KeyPairSource, now: Date): KeyPairPem {
  if (source.kind === 'files') {
    return checked({ privateKeyPem: readPem(source.keyFile, 'clé privée'), certificatePem: readPem(source.certFile, 'certificat') }, source.keyFile);
  }
  if (source.kind === 'memory') return generateKeyPairWithCertificate(source.commonName, now);
  const keyFile = join(source.dataDir, `${source.baseName}-key.pem`);
  const certFile = join(source.dataDir, `${source.baseName}-cert.pem`);
  if (existsSync(keyFile) && existsSync(certFile)) {
    return checked({ privateKeyPem: readFileSync(keyFile, 'utf8'), certificatePem: readFileSync(certFile, 'utf8') }, keyFile);
  }
  mkdirSync(source.dataDir, { recursive: true });
  const pair = generateKeyPairWithCertificate(source.commonName, now);
  writeFileSync(keyFile, pair.privateKeyPem, { mode: 0o600 });
  writeFileSync(certFile, pair.certificatePem);
  return pair;
}

/** PEM → the base64 body metadata carries in <ds:X509Certificate>. */
export function certificateBody(pem: string): string {
  return pem.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, '');
}

/** The base64 body of metadata → PEM. */
export function certificatePem(body: string): string {
  const clean = body.replace(/\s+/g, '');
  return `-----BEGIN CERTIFICATE-----\n${clean.replace(/(.{64})/g, '$1\n').replace(/\n$/, '')}\n-----END CERTIFICATE-----\n`;
}
