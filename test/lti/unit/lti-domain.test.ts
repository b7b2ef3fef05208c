import { describe, expect, it } from 'vitest';
import { mapRoles } from '../../../tool/src/lti/domain/map-roles.ts';
import { resolveOrganization } from '../../../tool/src/lti/domain/resolve-organization.ts';
import { competenceEvaluationResult, isAcceptedStatus, nextScoreTimestamp, scoreBody, scoresUrl } from '../../../tool/src/lti/domain/ags-score.ts';
import { afterFailure, retryDelayMs } from '../../../tool/src/lti/domain/score-retry-schedule.ts';
import { readActivityTarget } from '../../../tool/src/lti/domain/activity-target.ts';
import { contentItemFor, deepLinkingResponseClaims } from '../../../tool/src/lti/domain/deep-linking-response.ts';
import { personNames } from '../../../tool/src/lti/domain/person-names.ts';
import { LtiError } from '../../../tool/src/lti/domain/lti-errors.ts';

const LIS = 'http://purl.imsglobal.org/vocab/lis/v2/';

describe('role mapping', () => {
  it.each([
    [[`${LIS}membership#Learner`], { membership: 'PUPIL', classRole: 'PUPIL' }],
    [['Learner'], { membership: 'PUPIL', classRole: 'PUPIL' }],
    [[`${LIS}membership#Instructor`], { membership: 'MEMBER', classRole: 'TEACHER' }],
    [[`${LIS}membership/Instructor#TeachingAssistant`], { membership: 'MEMBER', classRole: 'TEACHER' }],
    [[`${LIS}membership#ContentDeveloper`], { membership: 'MEMBER', classRole: 'TEACHER' }],
    [[`${LIS}institution/person#Administrator`, `${LIS}membership#Instructor`], { membership: 'ADMIN', classRole: 'TEACHER' }],
    [[`${LIS}institution/person#Administrator`], { membership: 'ADMIN', classRole: null }],
    [[`${LIS}membership#Instructor`, `${LIS}membership#Learner`], { membership: 'MEMBER', classRole: 'TEACHER' }],
  ])('%j → %j', (roles, expected) => {
    expect(mapRoles(roles)).toEqual(expected);
  });

  it('gives no role to mentors, guests and system roles alone', () => {
    expect(mapRoles([`${LIS}membership#Mentor`])).toBeNull();
    expect(mapRoles([])).toBeNull();
    expect(mapRoles([`${LIS}system/person#Administrator`])).toBeNull();
  });
});

describe('organization of a launch', () => {
  const a = { id: 'a', uai: '0750001A' };
  const b = { id: 'b', uai: '0750002B' };
  const code = (run: () => unknown) => {
    try {
      run();
      return null;
    } catch (error) {
      return error instanceof LtiError ? error.code : 'other';
    }
  };
  it('takes the only bound school, or the one named by uai among the bound ones', () => {
    expect(resolveOrganization({ deploymentOrganizations: [], platformOrganizations: [a], requestedUai: undefined })).toBe(a);
    expect(resolveOrganization({ deploymentOrganizations: [], platformOrganizations: [a, b], requestedUai: '0750002b' })).toBe(b);
    expect(resolveOrganization({ deploymentOrganizations: [b], platformOrganizations: [a], requestedUai: undefined })).toBe(b);
  });
  it('refuses unbound UAIs, ambiguity and the absence of any school', () => {
    expect(code(() => resolveOrganization({ deploymentOrganizations: [], platformOrganizations: [a], requestedUai: '0750002B' }))).toBe('LTI_UAI_NOT_BOUND');
    expect(code(() => resolveOrganization({ deploymentOrganizations: [b], platformOrganizations: [a], requestedUai: '0750001A' }))).toBe('LTI_UAI_NOT_BOUND');
    expect(code(() => resolveOrganization({ deploymentOrganizations: [], platformOrganizations: [a, b], requestedUai: undefined }))).toBe('LTI_UAI_REQUIRED');
    expect(code(() => resolveOrganization({ deploymentOrganizations: [], platformOrganizations: [], requestedUai: undefined }))).toBe('LTI_NO_ORGANIZATION');
  });
});

describe('AGS scores', () => {
  it('inserts /scores in the path, before the query string', () => {
    expect(scoresUrl('https://moodle.example.org/mod/lti/services.php/2/lineitems/7/lineitem?type_id=1')).toBe(
      'https://moodle.example.org/mod/lti/services.php/2/lineitems/7/lineitem/scores?type_id=1',
    );
    expect(scoresUrl('https://canvas.example.org/api/lti/courses/1/line_items/5')).toBe('https://canvas.example.org/api/lti/courses/1/line_items/5/scores');
    expect(scoresUrl('https://p.example.org/items/5/')).toBe('https://p.example.org/items/5/scores');
  });

  it('stamps scores with strictly increasing ISO timestamps with milliseconds', () => {
    const now = new Date('2026-11-23T09:00:00.000Z');
    expect(nextScoreTimestamp(now, null)).toBe('2026-11-23T09:00:00.000Z');
    expect(nextScoreTimestamp(now, '2026-11-23T09:00:00.000Z')).toBe('2026-11-23T09:00:00.001Z');
    expect(nextScoreTimestamp(now, '2026-11-23T10:00:00.000Z')).toBe('2026-11-23T10:00:00.001Z');
    expect(nextScoreTimestamp(now, '2026-11-23T08:00:00.000Z')).toBe('2026-11-23T09:00:00.000Z');
  });

  it('sends a finished competence evaluation as level out of the maximum level, with every field Moodle requires', () => {
    const body = scoreBody('sub-1', competenceEvaluationResult({ level: 3, pix: 26, maxLevel: 6 }), '2026-11-23T09:00:00.000Z');
    expect(body).toEqual({
      userId: 'sub-1',
      scoreGiven: 3,
      scoreMaximum: 6,
      comment: 'Niveau 3 — 26 pix',
      timestamp: '2026-11-23T09:00:00.000Z',
      activityProgress: 'Completed',
      gradingProgress: 'FullyGraded',
    });
  });

  it('accepts 200, 201, 202 and 204 only', () => {
    expect([200, 201, 202, 204].every(isAcceptedStatus)).toBe(true);
    expect([203, 301, 400, 500].some(isAcceptedStatus)).toBe(false);
  });

  it('backs off exponentially up to an hour, gives up on a permanent refusal after 3 attempts, on an outage after 30', () => {
    expect(retryDelayMs(1, () => 0)).toBe(15_000);
    expect(retryDelayMs(2, () => 0)).toBe(30_000);
    expect(retryDelayMs(5, () => 0)).toBe(240_000);
    expect(retryDelayMs(20, () => 0)).toBe(3_600_000);
    expect(retryDelayMs(1, () => 1)).toBe(18_000);
    expect(afterFailure({ attempts: 2, status: 400, random: () => 0 })).toEqual({ kind: 'retry', delayMs: 30_000 });
    expect(afterFailure({ attempts: 3, status: 400 })).toEqual({ kind: 'give-up' });
    expect(afterFailure({ attempts: 3, status: 503, random: () => 0 }).kind).toBe('retry');
    expect(afterFailure({ attempts: 3, status: 401, random: () => 0 }).kind).toBe('retry');
    expect(afterFailure({ attempts: 30, status: 0 })).toEqual({ kind: 'give-up' });
  });
});

describe('activity targets and deep linking', () => {
  it('reads what a resource link opens from its custom parameters', () => {
    expect(readActivityTarget({ competence: '1.1' })).toEqual({ kind: 'competence', competenceIndex: '1.1' });
    expect(readActivityTarget({ campaign: 'abcd1234' })).toEqual({ kind: 'campaign', code: 'ABCD1234' });
    expect(readActivityTarget({})).toEqual({ kind: 'profile' });
    expect(readActivityTarget({ competence: '6.1' })).toEqual({ kind: 'invalid', value: '6.1' });
  });

  it('gives every content item a lineItem: the maximum level for a competence, 100 for a campaign', () => {
    const options = { launchUrl: 'https://pix.example.org/lti/launch', maxLevel: 6 };
    expect(contentItemFor({ kind: 'competence', competenceIndex: '2.3', title: 'Pix — 2.3' }, options)).toEqual({
      type: 'ltiResourceLink',
      title: 'Pix — 2.3',
      url: 'https://pix.example.org/lti/launch',
      custom: { competence: '2.3' },
      lineItem: { scoreMaximum: 6, label: 'Pix — 2.3', resourceId: 'competence:2.3', tag: 'pix-competence' },
    });
    expect(contentItemFor({ kind: 'campaign', code: 'ABCD1234', title: 'Campagne' }, options).lineItem.scoreMaximum).toBe(100);
  });

  it('builds the response claims: iss = client_id, aud = platform, data echoed verbatim only when sent', () => {
    const claims = deepLinkingResponseClaims({ clientId: 'c', platformIssuer: 'https://m', deploymentId: '1', nonce: 'n', items: [], data: 'opaque' });
    expect(claims).toMatchObject({
      iss: 'c',
      aud: 'https://m',
      nonce: 'n',
      'https://purl.imsglobal.org/spec/lti/claim/message_type': 'LtiDeepLinkingResponse',
      'https://purl.imsglobal.org/spec/lti/claim/version': '1.3.0',
      'https://purl.imsglobal.org/spec/lti/claim/deployment_id': '1',
      'https://purl.imsglobal.org/spec/lti-dl/claim/data': 'opaque',
    });
    expect(deepLinkingResponseClaims({ clientId: 'c', platformIssuer: 'https://m', deploymentId: '1', nonce: 'n', items: [], data: null })).not.toHaveProperty(
      'https://purl.imsglobal.org/spec/lti-dl/claim/data',
    );
  });

  it('takes names from given/family names, or splits the full name', () => {
    expect(personNames({ givenName: 'Léa', familyName: 'Martin', name: 'x', email: null })).toEqual({ firstName: 'Léa', lastName: 'Martin' });
    expect(personNames({ givenName: '', familyName: '', name: 'Jean de La Fontaine', email: null })).toEqual({ firstName: 'Jean', lastName: 'de La Fontaine' });
  });
});
