import { randomUUID } from 'node:crypto';
import type { GarIdentity } from '../../domain/attribute-mapping.ts';
import { garError } from '../../domain/gar-errors.ts';
import { matchRosterPupil } from '../../domain/reconciliation-matching.ts';
import type { Account } from '../../../identity/infrastructure/account-repository.ts';
import type { MembershipRole } from '../../../identity/infrastructure/membership-repository.ts';
import type { Organization } from '../../../identity/infrastructure/organization-repository.ts';
import { STEP_TTL_SECONDS, type GarDeps } from '../gar-deps.ts';

/** A verified SAML login, before the school and the account are settled. */
export interface GarLogin {
  idp: string;
  target: string;
  locale: string;
  nameId: string;
  nameIdFormat: string | null;
  sessionIndex: string | null;
  identity: GarIdentity;
}

export interface SignedIn {
  kind: 'SIGNED_IN';
  token: string;
  account: Account;
  organization: Organization;
  role: MembershipRole;
  target: string;
  locale: string;
  /**
   * Said once before landing: the roster could not match the pupil (a request went to her teachers), or a
   * teacher has since settled that request by hand (linked, or dismissed).
   */
  notice: ReconciliationNotice | null;
}

export type ReconciliationNotice = 'RECONCILIATION_PENDING' | 'RECONCILIATION_LINKED' | 'RECONCILIATION_DISMISSED';

export type LoginOutcome =
  | SignedIn
  | { kind: 'CHOOSE_UAI'; stepId: string; schools: Array<{ uai: string; name: string | null }>; locale: string }
  | { kind: 'BIRTHDATE'; stepId: string; firstName: string; locale: string };

const ROLE: Record<GarIdentity['role'], MembershipRole> = { PUPIL: 'PUPIL', TEACHER: 'MEMBER', ADMIN: 'ADMIN' };

function identityOf(login: GarLogin) {
  return { provider: 'gar', issuer: login.idp, subject: login.identity.ido };
}

/**
 * After the SAML checks: which school (UAI, asked when several and remembered), the account (created on first
 * login, keyed on IDO, names refreshed), the pupil's reconciliation with the school roster (birthdate asked once),
 * memberships and classes, then a session. Each question is a step stored server-side, single use.
 */
export async function completeGarLogin(deps: GarDeps, login: GarLogin): Promise<LoginOutcome> {
  const now = deps.clock.now();
  const { identity } = login;
  let uai = identity.uais[0]!;
  if (identity.uais.length > 1) {
    const existing = await deps.accounts.findByIdentity(identityOf(login));
    const remembered = existing ? await deps.stores.uaiChoices.get(existing.id) : null;
    if (remembered && identity.uais.includes(remembered)) uai = remembered;
    else {
      const stepId = await deps.stores.loginSteps.create({ step: 'CHOOSE_UAI', state: { login }, now, ttlSeconds: STEP_TTL_SECONDS });
      const schools = await Promise.all(identity.uais.map(async (u) => ({ uai: u, name: (await deps.organizations.findByUai(u))?.name ?? null })));
      return { kind: 'CHOOSE_UAI', stepId, schools, locale: login.locale };
    }
  }
  return continueWithSchool(deps, login, uai);
}

/** The answer to "which school?". */
export async function chooseSchool(deps: GarDeps, stepId: string, uai: string): Promise<LoginOutcome> {
  const step = await deps.stores.loginSteps.take(stepId, deps.clock.now());
  if (!step || step.step !== 'CHOOSE_UAI') throw garError('GAR_STEP_EXPIRED');
  const login = step.state.login as GarLogin;
  if (!login.identity.uais.includes(uai)) throw garError('GAR_CHOICE_INVALID');
  return continueWithSchool(deps, login, uai, true);
}

async function schoolFor(deps: GarDeps, uai: string): Promise<Organization> {
  const school = await deps.organizations.findByUai(uai);
  if (school) return school;
  if (!deps.settings.createUnknownSchools) throw garError('GAR_SCHOOL_UNKNOWN', `uai ${uai}`);
  deps.logger.info({ uai }, 'school created from a GAR login');
  return deps.organizations.upsertByUai({ uai, name: `Établissement ${uai}`, type: 'SCO' });
}

async function continueWithSchool(deps: GarDeps, login: GarLogin, uai: string, chosen = false): Promise<LoginOutcome> {
  const now = deps.clock.now();
  const school = await schoolFor(deps, uai);
  const existing = await deps.accounts.findByIdentity(identityOf(login));
  if (login.identity.role === 'PUPIL' && (await deps.roster.hasActiveRoster(school.id))) {
    const linked = existing ? await deps.roster.findLinked(school.id, existing.id) : null;
    if (!linked) {
      const request = existing ? await deps.reconciliation.find(school.id, existing.id) : null;
      if (!request) {
        // Asked once: the birthdate waits with the validated login in a single-use step.
        const stepId = await deps.stores.loginSteps.create({ step: 'BIRTHDATE', state: { login, uai, chosen }, now, ttlSeconds: STEP_TTL_SECONDS });
        return { kind: 'BIRTHDATE', stepId, firstName: login.identity.firstName, locale: login.locale };
      }
      // Already asked: try again silently with the birthdate she gave (the roster may have been re-imported).
      return reconcileAndSignIn(deps, login, school, request.birthdate, chosen, false, request.status === 'DISMISSED');
    }
  }
  const { account } = await deps.accounts.upsertFromIdentity(identityOf(login), person(login), now);
  return signIn(deps, login, school, account, chosen, login.identity.role === 'PUPIL' ? await settledByHandNotice(deps, school.id, account.id) : null);
}

/** A teacher settled her request by hand since her last login: tell her once. */
async function settledByHandNotice(deps: GarDeps, organizationId: string, userId: string): Promise<ReconciliationNotice | null> {
  const outcome = await deps.reconciliation.unseenOutcome(organizationId, userId);
  if (!outcome) return null;
  await deps.reconciliation.markOutcomeSeen(organizationId, userId, deps.clock.now());
  return outcome === 'RESOLVED' ? 'RECONCILIATION_LINKED' : 'RECONCILIATION_DISMISSED';
}

/** The answer to "your birthdate?" (YYYY-MM-DD, already validated by the route). */
export async function submitBirthdate(deps: GarDeps, stepId: string, birthdate: string): Promise<LoginOutcome> {
  const step = await deps.stores.loginSteps.take(stepId, deps.clock.now());
  if (!step || step.step !== 'BIRTHDATE') throw garError('GAR_STEP_EXPIRED');
  const { login, uai, chosen } = step.state as { login: GarLogin; uai: string; chosen: boolean };
  const school = await schoolFor(deps, uai);
  return reconcileAndSignIn(deps, login, school, birthdate, chosen, true);
}

function person(login: GarLogin) {
  return { firstName: login.identity.firstName, lastName: login.identity.lastName, email: null, locale: login.locale };
}

/** `dismissed`: a teacher decided not to link her; a match after a re-import still links, a failure asks nobody again. */
async function reconcileAndSignIn(deps: GarDeps, login: GarLogin, school: Organization, birthdate: string, chosen: boolean, firstAsk: boolean, dismissed = false): Promise<LoginOutcome> {
  const now = deps.clock.now();
  const candidates = await deps.roster.candidates(school.id, birthdate);
  const result = matchRosterPupil({ firstName: login.identity.firstName, lastName: login.identity.lastName, birthdate }, candidates);
  const existing = await deps.accounts.findByIdentity(identityOf(login));
  if (result.kind === 'MATCH') {
    const pupil = result.candidate;
    // The account already tied to this pupil here or, by INE, in her previous school: she keeps it.
    const owner = pupil.userId ?? (await deps.roster.findAccountByIne(pupil.ine, pupil.id));
    if (!existing || !owner || owner === existing.id) {
      let account: Account;
      if (owner && !existing) {
        await deps.links.attachIdentity(owner, identityOf(login), person(login), now);
        const found = await deps.accounts.findById(owner);
        if (!found) throw new Error('reconciled account vanished');
        account = found;
      } else {
        account = (await deps.accounts.upsertFromIdentity(identityOf(login), person(login), now)).account;
      }
      await deps.roster.link(pupil.id, account.id, now);
      await deps.reconciliation.resolve(school.id, account.id, pupil.id, now);
      deps.logger.info({ ido: login.identity.ido, exact: result.exact, reusedAccount: Boolean(owner) }, 'GAR pupil reconciled with the school roster');
      return signIn(deps, login, school, account, chosen, null);
    }
  }
  // No match, several, or an INE already tied to another account: her teacher decides, never a guess.
  const { account } = await deps.accounts.upsertFromIdentity(identityOf(login), person(login), now);
  if (dismissed) return signIn(deps, login, school, account, chosen, await settledByHandNotice(deps, school.id, account.id));
  await deps.reconciliation.open({
    organizationId: school.id,
    userId: account.id,
    firstName: login.identity.firstName,
    lastName: login.identity.lastName,
    birthdate,
    divisions: login.identity.divisions.map((d) => d.label),
    reason: result.kind === 'MATCH' ? 'ALREADY_LINKED' : result.kind,
    now,
  });
  deps.logger.info({ ido: login.identity.ido, reason: result.kind }, 'GAR pupil not reconciled: request sent to the teachers');
  return signIn(deps, login, school, account, chosen, firstAsk ? 'RECONCILIATION_PENDING' : null);
}

async function signIn(deps: GarDeps, login: GarLogin, school: Organization, account: Account, chosen: boolean, notice: SignedIn['notice']): Promise<SignedIn> {
  const now = deps.clock.now();
  const role = await deps.memberships.ensureMembership(account.id, school.id, ROLE[login.identity.role]);
  const classRole = login.identity.role === 'PUPIL' ? 'PUPIL' : 'TEACHER';
  const keep: string[] = [];
  for (const division of login.identity.divisions) {
    const created = await deps.memberships.ensureClass({ organizationId: school.id, source: 'GAR_DIV', sourceKey: division.code, label: division.label });
    await deps.memberships.addClassMember(created.id, account.id, classRole);
    keep.push(created.id);
  }
  for (const group of login.identity.groups) {
    const created = await deps.memberships.ensureClass({ organizationId: school.id, source: 'GAR_GROUP', sourceKey: group.code, label: group.label });
    await deps.memberships.addClassMember(created.id, account.id, classRole);
    keep.push(created.id);
  }
  await deps.links.dropStaleGarClasses(account.id, school.id, keep);
  if (chosen) await deps.stores.uaiChoices.set(account.id, school.uai ?? '', now);
  const sessionId = randomUUID();
  const token = await deps.tokens.issue({ userId: account.id, organizationId: school.id, role, locale: login.locale, via: 'gar', sessionId });
  await deps.stores.sessions.record({
    sessionId,
    userId: account.id,
    idp: login.idp,
    nameId: login.nameId,
    nameIdFormat: login.nameIdFormat,
    sessionIndex: login.sessionIndex,
    now,
  });
  deps.logger.info({ ido: login.identity.ido, idp: login.idp, uai: school.uai, role }, 'GAR sign-in');
  return { kind: 'SIGNED_IN', token, account, organization: school, role, target: login.target, locale: login.locale, notice };
}
