import { describe, expect, it } from 'vitest';
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { ROLE } from '../support/platform-emulator.ts';
import { bootOf, errorCodeOf } from '../support/lti-test-app.ts';
import { useConnectedCourse } from '../support/connected-course.ts';

const DL = 'https://purl.imsglobal.org/spec/lti-dl/claim';
const LTI = 'https://purl.imsglobal.org/spec/lti/claim';

describe('LTI Deep Linking 2.0 (the picker)', () => {
  const course = useConnectedCourse();

  const pick = async (choices: string[], options: { acceptMultiple?: boolean; data?: string } = {}) => {
    const { response, html } = await course.platform.launch({
      user: course.people.teacher.sub,
      course: 'SNT-5A',
      roles: [ROLE.instructor],
      messageType: 'LtiDeepLinkingRequest',
      ...(options.data !== undefined ? { data: options.data } : {}),
      acceptMultiple: options.acceptMultiple ?? false,
    });
    expect(response.status).toBe(200);
    const boot = bootOf(html);
    const data = boot.data as { action: string; context: string; areas: Array<{ competences: unknown[] }>; acceptMultiple: boolean };
    const body = new URLSearchParams({ context: data.context });
    for (const choice of choices) body.append('choice', choice);
    const answer = await fetch(data.action, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
    return { boot, data, answer, html: await answer.text() };
  };

  it('shows a teacher the picker with the 16 competence evaluations', async () => {
    const { boot, data } = await pick(['competence:1.1']);
    expect(boot.widget).toBe('picker');
    expect(data.action).toBe(`${course.app.baseUrl}/lti/deep-linking/response`);
    expect(data.areas.flatMap((a) => a.competences)).toHaveLength(16);
  });

  it('answers with a signed LtiDeepLinkingResponse auto-posted to the return URL, which the platform accepts', async () => {
    const { answer, html } = await pick(['competence:2.3'], { data: 'opaque-moodle-data' });
    expect(answer.status).toBe(200);
    const action = /<form id="pix-autopost" method="post" action="([^"]+)"/.exec(html)![1]!.replace(/&#38;/g, '&');
    expect(action.startsWith(`${course.platform.origin}/mod/lti/contentitem_return.php`)).toBe(true);
    expect(/form-action ([^;]*)/.exec(answer.headers.get('content-security-policy')!)![1]!.split(' ')).toEqual(["'self'", course.platform.origin]);
    expect(html).toMatch(/<script nonce="[^"]+">document.getElementById\('pix-autopost'\).submit\(\);<\/script>/);
    const jwt = /name="JWT" value="([^"]+)"/.exec(html)![1]!;

    const jwks = await (await fetch(course.app.urls.jwks)).json();
    const { payload, protectedHeader } = await jwtVerify(jwt, createLocalJWKSet(jwks), {
      algorithms: ['RS256'],
      issuer: course.platform.registrations[0]!.clientId,
      audience: course.platform.issuer,
    });
    expect(protectedHeader.kid).toBe(jwks.keys[0].kid);
    expect(payload[`${LTI}/message_type`]).toBe('LtiDeepLinkingResponse');
    expect(payload[`${LTI}/version`]).toBe('1.3.0');
    expect(payload[`${LTI}/deployment_id`]).toBe('1');
    expect(payload[`${DL}/data`]).toBe('opaque-moodle-data');
    expect(typeof payload.nonce).toBe('string');
    expect(payload.exp! - payload.iat!).toBeLessThanOrEqual(600);
    expect(payload[`${DL}/content_items`]).toEqual([
      {
        type: 'ltiResourceLink',
        title: expect.stringMatching(/^Pix — 2\.3 /),
        url: course.app.urls.launch,
        custom: { competence: '2.3' },
        lineItem: { scoreMaximum: 6, label: expect.stringMatching(/^Pix — 2\.3 /), resourceId: 'competence:2.3', tag: 'pix-competence' },
      },
    ]);

    const returned = await fetch(action, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ JWT: jwt }) });
    expect(returned.status).toBe(200);
    expect(course.platform.deepLinkingResponses.at(-1)!.raw).toBe(jwt);
    expect(decodeProtectedHeader(jwt).alg).toBe('RS256');
  });

  it('accepts several picks when the platform accepts several items, and refuses them otherwise', async () => {
    const many = await pick(['competence:1.1', 'competence:3.2'], { acceptMultiple: true });
    expect(many.answer.status).toBe(200);
    const jwt = /name="JWT" value="([^"]+)"/.exec(many.html)![1]!;
    const items = JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString())[`${DL}/content_items`];
    expect(items.map((i: { custom: { competence: string } }) => i.custom.competence)).toEqual(['1.1', '3.2']);
    const refused = await pick(['competence:1.1', 'competence:3.2']);
    expect(refused.answer.status).toBe(400);
    expect(errorCodeOf(refused.html)).toBe('LTI_DEEP_LINKING_CHOICE_INVALID');
  });

  it('refuses an unknown choice, a forged or missing context, and a learner in the picker', async () => {
    expect(errorCodeOf((await pick(['competence:9.9'])).html)).toBe('LTI_DEEP_LINKING_CHOICE_INVALID');
    expect(errorCodeOf((await pick(['campaign:NOPE1234'])).html)).toBe('LTI_DEEP_LINKING_CHOICE_INVALID');
    const forged = await fetch(`${course.app.baseUrl}/lti/deep-linking/response`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ context: 'eyJhbGciOiJIUzI1NiJ9.e30.x', choice: 'competence:1.1' }),
    });
    expect(forged.status).toBe(401);
    expect(errorCodeOf(await forged.text())).toBe('LTI_DEEP_LINKING_EXPIRED');
    const learner = await course.platform.launch({ user: course.people.lea.sub, course: 'SNT-5A', roles: [ROLE.learner], messageType: 'LtiDeepLinkingRequest' });
    expect(learner.response.status).toBe(403);
    expect(errorCodeOf(learner.html)).toBe('LTI_DEEP_LINKING_FORBIDDEN');
  });
});
