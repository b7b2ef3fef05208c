/**
 * The origins of registered platforms, for the CSP `frame-ancestors` of every response. The CSP is computed
 * synchronously, so the list is cached and refreshed in the background (every `ttlMs`, and at once after a
 * registration made by this instance; other instances follow within `ttlMs`).
 */
export interface FrameAncestorsCache {
  current(): string[];
  refresh(): Promise<void>;
}

export async function createFrameAncestorsCache(deps: { load: () => Promise<string[]>; ttlMs?: number; onError?: (error: unknown) => void }): Promise<FrameAncestorsCache> {
  const ttlMs = deps.ttlMs ?? 60_000;
  let origins: string[] = [];
  let loadedAt = 0;
  let pending: Promise<void> | null = null;

  function refresh(): Promise<void> {
    pending ??= deps
      .load()
      .then((fresh) => {
        origins = fresh;
        loadedAt = Date.now();
      })
      .catch((error: unknown) => deps.onError?.(error))
      .finally(() => {
        pending = null;
      });
    return pending;
  }

  await refresh();
  return {
    current() {
      if (Date.now() - loadedAt > ttlMs) void refresh();
      return origins;
    },
    refresh,
  };
}
