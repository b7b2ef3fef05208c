/**
 * The server sends root-relative links (`/attachments/…`, `/tutorials/…`); in an ENT page they must
 * point at the tool, not at the host page's origin.
 */
export function toolUrl(path: string, apiBase: string): string {
  try {
    return new URL(path, new URL(apiBase, document.baseURI)).href;
  } catch {
    return path;
  }
}
