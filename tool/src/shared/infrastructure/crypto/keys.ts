import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * One APP_SECRET, several independent keys derived with HKDF: leaking a session key
 * does not reveal the key that encrypts private keys at rest.
 */
export interface AppKeys {
  session: Uint8Array;
  signedUrl: Uint8Array;
  encryption: Buffer;
  cliToken: Uint8Array;
}

export function deriveKeys(appSecret: string): AppKeys {
  const derive = (info: string) => Buffer.from(hkdfSync('sha256', appSecret, 'pix-embed', info, 32));
  return {
    session: derive('session-token'),
    signedUrl: derive('signed-url'),
    encryption: derive('encryption-at-rest'),
    cliToken: derive('cli-token'),
  };
}

/** AES-256-GCM; output `v1.<iv>.<tag>.<ciphertext>` in base64url. */
export function encryptAtRest(key: Buffer, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
}

export function decryptAtRest(key: Buffer, sealed: string): string {
  const [version, iv, tag, body] = sealed.split('.');
  if (version !== 'v1' || !iv || !tag || !body) throw new Error('Unknown sealed format');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
}

export function hmac(key: Uint8Array, data: string): string {
  return createHmac('sha256', key).update(data).digest('base64url');
}

export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
