// Focus management for client-side navigation: screen-reader users must land on the new content.

/**
 * Ref callback focusing its element when it mounts (Preact applies refs once the tree is in the
 * document). Module-level so its identity is stable: re-renders do not steal focus again.
 */
export function focusOnMount(element: HTMLElement | null): void {
  element?.focus();
}
