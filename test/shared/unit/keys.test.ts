import { describe, expect, it } from 'vitest';
import { decryptAtRest, deriveKeys, encryptAtRest } from '../../../tool/src/shared/infrastructure/crypto/keys.ts';

describe('keys derived from APP_SECRET', () => {
  const keys = deriveKeys('a'.repeat(40));

  it('derives distinct keys per purpose, stable for one secret', () => {
    expect(Buffer.from(keys.session).equals(Buffer.from(keys.signedUrl))).toBe(false);
    expect(Buffer.from(deriveKeys('a'.repeat(40)).session).equals(Buffer.from(keys.session))).toBe(true);
  });

  it('encrypts at rest with authentication', () => {
    const sealed = encryptAtRest(keys.encryption, '-----BEGIN PRIVATE KEY-----');
    expect(sealed).not.toContain('PRIVATE');
    expect(decryptAtRest(keys.encryption, sealed)).toBe('-----BEGIN PRIVATE KEY-----');
    const parts = sealed.split('.');
    parts[3] = Buffer.from('tampered').toString('base64url');
    expect(() => decryptAtRest(keys.encryption, parts.join('.'))).toThrow();
    expect(() => decryptAtRest(deriveKeys('b'.repeat(40)).encryption, sealed)).toThrow();
  });
});
