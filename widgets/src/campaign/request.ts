// A small JSON client for the campaign and teacher widgets. Not kit/api.ts on purpose: a third importer
// makes the bundler split the kit client into a shared chunk, which costs the pupil widget its size budget.
import { isRecord } from '../kit/guards.ts';

/** Calls the API with the session token (refreshed from X-Session-Token); throws the server's message. */
export function createRequest(apiBase: string, token: string | undefined) {
  let current = token;
  const request = async (method: string, path: string, body?: unknown): Promise<unknown> => {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (current) headers.Authorization = `Bearer ${current}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetch(`${apiBase}/${path}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    current = response.headers.get('X-Session-Token') ?? current;
    const text = await response.text();
    const parsed: unknown = text.startsWith('{') ? JSON.parse(text) : text;
    if (!response.ok) {
      const error = isRecord(parsed) && isRecord(parsed.error) ? parsed.error : null;
      throw new Error(typeof error?.message === 'string' ? error.message : `HTTP ${response.status}`);
    }
    return parsed;
  };
  return { request, token: () => current };
}
export type Request = ReturnType<typeof createRequest>;
