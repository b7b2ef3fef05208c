import type { PlatformRepository, RegistrationSnapshot } from './platform-repository.ts';

export interface RegistrationCache {
  /**
   * The registration a launch belongs to, from memory when fresh. `mustKnowDeployment`: when that deployment is
   * not in the cached copy, it is read again once (a deployment just added by another instance).
   */
  get(platformId: string, options?: { mustKnowDeployment?: string; fresh?: boolean }): Promise<RegistrationSnapshot | null>;
  clear(): void;
}

/**
 * Registrations change rarely and are read at every launch: kept in memory for `ttlMs` (30 s), so a launch
 * costs no registration query. Changes made by this instance clear it at once; other instances follow within
 * the TTL, and an unknown deployment always gets a fresh read before being refused.
 */
export function createRegistrationCache(deps: { platforms: PlatformRepository; ttlMs?: number; now?: () => number }): RegistrationCache {
  const ttlMs = deps.ttlMs ?? 30_000;
  const now = deps.now ?? Date.now;
  const cache = new Map<string, { at: number; snapshot: RegistrationSnapshot | null }>();

  async function load(platformId: string) {
    const snapshot = await deps.platforms.loadRegistration(platformId);
    cache.set(platformId, { at: now(), snapshot });
    return snapshot;
  }

  return {
    async get(platformId, options = {}) {
      const cached = cache.get(platformId);
      if (options.fresh || !cached || now() - cached.at > ttlMs || !cached.snapshot) return load(platformId);
      if (options.mustKnowDeployment !== undefined && !cached.snapshot.deployments.has(options.mustKnowDeployment)) return load(platformId);
      return cached.snapshot;
    },
    clear() {
      cache.clear();
    },
  };
}
