import { hmac, safeEqual } from '../../shared/infrastructure/crypto/keys.ts';

/**
 * Downloads (attachments, exports) are plain links, so they cannot carry the Authorization header:
 * they get a short-lived signature bound to the path instead.
 */
export interface SignedUrls {
  sign(path: string, ttlSeconds?: number): string;
  verify(path: string, query: { exp?: unknown; sig?: unknown }): boolean;
}

export function createSignedUrls(key: Uint8Array, now: () => Date = () => new Date()): SignedUrls {
  return {
    sign(path, ttlSeconds = 600) {
      const exp = Math.floor(now().getTime() / 1000) + ttlSeconds;
      const separator = path.includes('?') ? '&' : '?';
      return `${path}${separator}exp=${exp}&sig=${hmac(key, `${path}|${exp}`)}`;
    },
    verify(path, query) {
      if (typeof query.exp !== 'string' || typeof query.sig !== 'string' || !/^\d{1,12}$/.test(query.exp)) return false;
      if (Number(query.exp) < Math.floor(now().getTime() / 1000)) return false;
      return safeEqual(query.sig, hmac(key, `${path}|${query.exp}`));
    },
  };
}
