/**
 * Makes `target[key]` a read-only property computed on its first read, then remembered. The loader uses
 * it for rendered HTML: rendering the Markdown of the whole bank would take a large share of the start-up
 * budget, while a running server only ever shows a fraction of it. The value lives in a closure rather
 * than being redefined on the object, so that freezing the object later is harmless.
 */
export function defineLazyProperty<T extends object, K extends keyof T>(target: T, key: K, compute: () => T[K]): void {
  let computed = false;
  let value: T[K] | undefined;
  Object.defineProperty(target, key, {
    enumerable: true,
    configurable: false,
    get(): T[K] | undefined {
      if (!computed) {
        value = compute();
        computed = true;
      }
      return value;
    },
  });
}
