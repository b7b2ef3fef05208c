import { randomBytes } from 'node:crypto';
import { createLocalJWKSet, jwtVerify } from 'jose';
import type { Clock } from '../../shared/domain/clock.ts';
import { DEMO_PEOPLE, type DemoPerson } from '../../seed/demo-seed.ts';
import { CLIENT_ASSERTION_TYPE, MEDIA_TYPE, ROLE, SCOPE } from '../domain/lti-claims.ts';
import type { KeyStore } from '../infrastructure/key-store.ts';

/** The LTI roles a demo person has, in her launches and in the class lists alike. */
export function demoRoles(person: DemoPerson): string[] {
  if (person.role === 'ADMIN') return [ROLE.institutionAdministrator, ROLE.instructor];
  return person.role === 'MEMBER' ? [ROLE.instructor] : [ROLE.learner];
}

/** A refusal of the demo platform's services, with the OAuth2 error code a real platform would send. */
export class DemoServiceError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface DemoPlatformServices {
  /** OAuth2 client_credentials with the tool's signed client assertion (private_key_jwt), as Moodle's token.php. */
  issueToken(form: Record<string, unknown>): Promise<{ access_token: string; token_type: 'Bearer'; expires_in: number; scope: string }>;
  /** NRPS 2.0: the members of a demo class, for a bearer token this endpoint issued. */
  memberships(classCode: string, authorization: string | undefined, role: string | undefined): { mediaType: string; body: unknown };
}

const TOKEN_SECONDS = 3600;

/**
 * The demo platform's services, so the demo teacher view lists the whole class, pupils who have not opened the
 * activity included, as it does from Moodle. The tool reaches them over HTTP like any platform's.
 */
export function createDemoPlatformServices(input: { clientId: string; tokenUrl: string; toolKeys: KeyStore; clock: Clock }): DemoPlatformServices {
  const tokens = new Map<string, number>();
  const text = (form: Record<string, unknown>, name: string) => (typeof form[name] === 'string' ? (form[name] as string) : '');

  return {
    async issueToken(form) {
      if (text(form, 'grant_type') !== 'client_credentials') throw new DemoServiceError(400, 'unsupported_grant_type', 'client_credentials only');
      if (text(form, 'client_assertion_type') !== CLIENT_ASSERTION_TYPE) throw new DemoServiceError(400, 'invalid_request', 'a JWT client assertion is required');
      try {
        await jwtVerify(text(form, 'client_assertion'), createLocalJWKSet(await input.toolKeys.publicJwks()), {
          algorithms: ['RS256'],
          issuer: input.clientId,
          subject: input.clientId,
          audience: input.tokenUrl,
          requiredClaims: ['exp', 'iat', 'jti'],
          currentDate: input.clock.now(),
        });
      } catch {
        throw new DemoServiceError(401, 'invalid_client', 'client assertion refused');
      }
      if (!text(form, 'scope').split(' ').includes(SCOPE.membershipReadonly)) throw new DemoServiceError(400, 'invalid_scope', 'only the memberships scope is offered');
      const now = input.clock.now().getTime();
      for (const [token, expiresAt] of tokens) if (expiresAt <= now) tokens.delete(token);
      const token = randomBytes(24).toString('base64url');
      tokens.set(token, now + TOKEN_SECONDS * 1000);
      return { access_token: token, token_type: 'Bearer', expires_in: TOKEN_SECONDS, scope: SCOPE.membershipReadonly };
    },

    memberships(classCode, authorization, role) {
      const token = /^Bearer (\S+)$/.exec(authorization ?? '')?.[1];
      const expiresAt = token === undefined ? undefined : tokens.get(token);
      if (expiresAt === undefined || expiresAt <= input.clock.now().getTime()) throw new DemoServiceError(401, 'invalid_token', 'unknown or expired token');
      const inClass = DEMO_PEOPLE.filter((person) => person.classes.includes(classCode));
      if (inClass.length === 0) throw new DemoServiceError(404, 'not_found', 'no such class');
      const members = inClass
        .map((person) => ({ person, roles: demoRoles(person) }))
        .filter(({ roles }) => role === undefined || roles.includes(role))
        .map(({ person, roles }) => ({
          status: 'Active',
          user_id: `demo-${person.key}`,
          roles,
          name: `${person.firstName} ${person.lastName}`,
          given_name: person.firstName,
          family_name: person.lastName,
        }));
      return { mediaType: MEDIA_TYPE.membershipContainer, body: { id: `${input.tokenUrl.replace(/\/token$/, '')}/memberships/${classCode}`, context: { id: `demo-${classCode}`, label: classCode }, members } };
    },
  };
}
