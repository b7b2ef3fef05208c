import { describe, expect, it } from 'vitest';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { ROLE } from '../support/platform-emulator.ts';
import { bootOf, errorCodeOf } from '../support/lti-test-app.ts';
import { useConnectedCourse } from '../support/connected-course.ts';

const DL = 'https://purl.imsglobal.org/spec/lti-dl/claim';

/** "Créer un parcours ici" in the picker: the campaign is created with the picker's token and returned as the pick. */
describe('LTI deep linking: create a campaign from the picker', () => {
  const course = useConnectedCourse();

  async function openPicker() {
    const { response, html } = await course.platform.launch({ user: course.people.teacher.sub, course: 'SNT-5A', roles: [ROLE.instructor], messageType: 'LtiDeepLinkingRequest', acceptMultiple: false });
    expect(response.status).toBe(200);
    const boot = bootOf(html);
    expect(boot.widget).toBe('picker');
    return { boot, data: boot.data as { action: string; context: string; campaigns: Array<{ code: string; name: string }> } };
  }

  const api = (boot: { apiBase: string; token?: string }, method: string, path: string, body?: unknown) =>
    fetch(`${boot.apiBase}/${path}`, {
      method,
      headers: { authorization: `Bearer ${boot.token ?? ''}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });

  it('creates the campaign in the course’s school and answers the platform with it, in the same flow', async () => {
    const { boot, data } = await openPicker();
    expect(data.campaigns).toEqual([]);
    const profiles = (await (await api(boot, 'GET', 'target-profiles')).json()) as { profiles: Array<{ id: string }> };
    expect(profiles.profiles.map((p) => p.id)).toContain('catalogue:competence-1.1');
    const created = await api(boot, 'POST', 'campaigns', { type: 'ASSESSMENT', name: 'Rentrée 2nde', targetProfileId: 'catalogue:competence-1.1' });
    expect(created.status).toBe(201);
    const { code } = (await created.json()) as { code: string };

    const answer = await fetch(data.action, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ context: data.context, choice: `campaign:${code}` }) });
    expect(answer.status).toBe(200);
    const html = await answer.text();
    const jwt = /name="JWT" value="([^"]+)"/.exec(html)![1]!;
    const jwks = await (await fetch(course.app.urls.jwks)).json();
    const { payload } = await jwtVerify(jwt, createLocalJWKSet(jwks), { algorithms: ['RS256'], issuer: course.platform.registrations[0]!.clientId, audience: course.platform.issuer });
    expect(payload[`${DL}/content_items`]).toEqual([
      expect.objectContaining({ type: 'ltiResourceLink', title: 'Pix — Rentrée 2nde', custom: { campaign: code }, lineItem: expect.objectContaining({ resourceId: `campaign:${code}`, tag: 'pix-campaign' }) }),
    ]);
    const action = /<form id="pix-autopost" method="post" action="([^"]+)"/.exec(html)![1]!.replace(/&#38;/g, '&');
    const returned = await fetch(action, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ JWT: jwt }) });
    expect(returned.status).toBe(200);
    expect(course.platform.deepLinkingResponses.at(-1)!.raw).toBe(jwt);

    // It is the school's campaign now: the next picker lists it.
    expect((await openPicker()).data.campaigns).toEqual([{ code, name: 'Rentrée 2nde' }]);
  });

  it('refuses bad input with a code, and a learner’s session cannot create one', async () => {
    const { boot, data } = await openPicker();
    const bad = await api(boot, 'POST', 'campaigns', { type: 'ASSESSMENT', name: '', targetProfileId: 'catalogue:competence-1.1' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('VALIDATION_ERROR');
    const unknown = await api(boot, 'POST', 'campaigns', { type: 'ASSESSMENT', name: 'X', targetProfileId: 'catalogue:nope' });
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe('TARGET_PROFILE_NOT_FOUND');
    // A code the picker did not offer (nothing was created) cannot be returned.
    const forged = await fetch(data.action, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ context: data.context, choice: 'campaign:ZZZZZZ999' }) });
    expect(errorCodeOf(await forged.text())).toBe('LTI_DEEP_LINKING_CHOICE_INVALID');

    const learner = await course.platform.launch({ user: course.people.lea.sub, course: 'SNT-5A', roles: [ROLE.learner], activity: 'SNT-5A-profile' });
    const pupilBoot = bootOf(learner.html);
    const refused = await api(pupilBoot, 'POST', 'campaigns', { type: 'ASSESSMENT', name: 'X', targetProfileId: 'catalogue:competence-1.1' });
    expect(refused.status).toBe(403);
  });
});
