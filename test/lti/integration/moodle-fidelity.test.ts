import { describe, expect, it } from 'vitest';
import { decodeJwt } from 'jose';
import { MOODLE, ROLE, startPlatformEmulator } from '../support/platform-emulator.ts';
import { bootOf, connect, seedCourse } from '../support/lti-test-app.ts';
import { useConnectedCourse } from '../support/connected-course.ts';
import { reportActivityResult } from '../../../tool/src/lti/application/usecases/report-activity-result.ts';
import { competenceEvaluationResult } from '../../../tool/src/lti/domain/ags-score.ts';

const LTI = 'https://purl.imsglobal.org/spec/lti/claim';

/**
 * The emulator behaves like Moodle 5.1 where Moodle departs from the most common reading of the spec
 * (../shared/domain/lti-advantage.md). Each assertion fails if the emulator stops reproducing one of these details,
 * and the tool is shown to cope with it.
 */
describe('the platform emulator reproduces Moodle, and the tool copes', () => {
  const course = useConnectedCourse({ env: (moodle) => ({ LTI_ALLOWED_ISSUERS: moodle.issuer }) });

  it('is Moodle by default', () => {
    expect(course.platform.quirks).toEqual(MOODLE);
    expect(MOODLE).toEqual({ stringAud: true, deploymentIdOne: true, lineItemQueryString: true, nrpsUrlInCustom: true, pendingRegistration: true });
  });

  it('sends aud as the client_id string, deployment_id "1", the NRPS URL also in custom, a line item URL with a query string', async () => {
    const { response, idToken } = await course.platform.launch({ user: course.people.lea.sub, course: 'SNT-5A', roles: [ROLE.learner], activity: 'SNT-5A-c11' });
    expect(response.status).toBe(200);
    const claims = decodeJwt(idToken) as Record<string, unknown>;
    expect(claims.aud).toBe(course.platform.registrations[0]!.clientId);
    expect(claims[`${LTI}/deployment_id`]).toBe('1');
    const nrps = (claims['https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice'] as { context_memberships_url: string }).context_memberships_url;
    expect((claims[`${LTI}/custom`] as Record<string, string>).context_memberships_url).toBe(nrps);
    const ags = claims['https://purl.imsglobal.org/spec/lti-ags/claim/endpoint'] as { lineitem: string; lineitems: string };
    expect(new URL(ags.lineitem).search).toBe('?type_id=1');
    expect(new URL(ags.lineitems).search).toBe('?type_id=1');
  });

  it('takes scores only at …/lineitem/scores?type_id=1 (a naive "+ /scores" is refused), and the tool gets it right', async () => {
    const lineItem = course.platform.lineItems.find((li) => li.resourceLinkId === 'SNT-5A-c11')!;
    const token = course.platform.issueAccessToken(['https://purl.imsglobal.org/spec/lti-ags/scope/score']);
    const naive = await fetch(`${lineItem.url}/scores`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/vnd.ims.lis.v1.score+json' }, body: '{}' });
    expect(naive.status).toBe(404);

    const userId = (await course.app.container.accounts.findByIdentity({ provider: 'lti', issuer: course.platform.issuer, subject: course.people.lea.sub }))!.id;
    await reportActivityResult({ db: course.app.container.database.db, userId, activity: { kind: 'competence', competenceIndex: '1.1' }, result: competenceEvaluationResult({ level: 1, pix: 8, maxLevel: 6 }), now: new Date() });
    expect(await course.app.container.lti.worker.runOnce()).toMatchObject({ delivered: 1 });
    expect(course.platform.scores.at(-1)!.url).toBe(lineItem.url.replace('/lineitem?type_id=1', '/lineitem/scores?type_id=1'));
  });

  it('uses the NRPS URL from custom when the claim is missing', async () => {
    const login = await course.platform.startLogin({ user: course.people.teacher.sub, course: 'SNT-5A', roles: [ROLE.instructor], activity: 'SNT-5A-c11' });
    const claims = course.platform.claimsFor({ user: course.people.teacher.sub, course: 'SNT-5A', roles: [ROLE.instructor], activity: 'SNT-5A-c11' }, login.nonce);
    delete claims['https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice'];
    const before = course.platform.membershipRequests.length;
    const response = await course.platform.postLaunch(course.app.urls.launch, await course.platform.sign(claims), login.state);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('Inès Moreau');
    expect(course.platform.membershipRequests.length).toBeGreaterThan(before);
  });

  it('keeps a dynamically registered tool pending until an administrator activates it', async () => {
    const response = await fetch(course.platform.registrationUrl(course.app.urls.register));
    expect(response.status).toBe(200);
    expect(course.platform.registrations.at(-1)!.status).toBe('pending');
  });

  it('the tool also accepts the spec’s other readings: an array aud and a non-numeric deployment id', async () => {
    const other = await startPlatformEmulator({ quirks: { stringAud: false, deploymentIdOne: false, lineItemQueryString: false, nrpsUrlInCustom: false } });
    try {
      await connect(course.app, other);
      const otherPeople = seedCourse(other);
      const { response, html, idToken } = await other.launch({ user: otherPeople.lea.sub, course: 'SNT-5A', roles: [ROLE.learner], activity: 'SNT-5A-c11' });
      expect(response.status).toBe(200);
      expect(bootOf(html).widget).toBe('pupil');
      const claims = decodeJwt(idToken) as Record<string, unknown>;
      expect(Array.isArray(claims.aud)).toBe(true);
      expect(claims[`${LTI}/deployment_id`]).not.toBe('1');
    } finally {
      await other.close();
    }
  });
});
