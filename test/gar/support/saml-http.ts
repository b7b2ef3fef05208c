import type { TestApp } from '../../support/test-app.ts';

/** `/saml/login` → the IdP's redirect URL (not followed). */
export async function startLogin(app: TestApp, query = ''): Promise<URL> {
  const response = await app.get(`/saml/login${query}`, { redirect: 'manual' });
  if (response.status !== 302) throw new Error(`login answered ${response.status}: ${await response.text()}`);
  return new URL(response.headers.get('location')!);
}

export function formFields(html: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const match of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    fields[match[1]!] = match[2]!.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code))).replace(/&amp;/g, '&');
  }
  return fields;
}

export async function postForm(app: TestApp, path: string, fields: Record<string, string>): Promise<Response> {
  return fetch(`${app.baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'accept-language': 'fr-FR' },
    body: new URLSearchParams(fields),
    redirect: 'manual',
  });
}

export function bootData(html: string): { widget: string; token?: string; data?: unknown } | null {
  const boot = /<script type="application\/json" id="pix-boot">(.*?)<\/script>/s.exec(html)?.[1];
  return boot ? (JSON.parse(boot) as { widget: string; token?: string; data?: unknown }) : null;
}

export function errorCode(html: string): string | null {
  return /<code data-error-code>([A-Z_]+)<\/code>/.exec(html)?.[1] ?? null;
}
