/**
 * Makes `target[key]` computed on its first read, then stored as a plain read-only value. The loader uses
 * it for rendered HTML: rendering the whole bank's Markdown would take most of the start-up budget, while
 * a running server only ever shows a fraction of it.
 */
export function defineLazyProperty<T extends object, K extends keyof T>(target: T, key: K, compute: () => T[K]): void {
  Object.defineProperty(target, key, {
    configurable: true,
    enumerable: true,
    get(): T[K] {
      const value = compute();
      Object.defineProperty(target, key, { value, enumerable: true, writable: false, configurable: false });
      return value;
    },
  });
}
