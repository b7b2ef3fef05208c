import express, { Router } from 'express';
import { z } from 'zod';
import { badRequest } from '../../shared/domain/errors.ts';
import type { Clock } from '../../shared/domain/clock.ts';
import { escapeHtml, renderPlainPage } from '../../widgets-host/render-widget-page.ts';
import { pickLocale, type WidgetPages } from '../../widgets-host/widget-pages.ts';
import type { SessionTokens } from '../domain/session-token.ts';
import type { AccountRepository } from '../infrastructure/account-repository.ts';
import type { MembershipRepository } from '../infrastructure/membership-repository.ts';
import type { OrganizationRepository } from '../infrastructure/organization-repository.ts';
import { aboutData } from '../../widgets-host/about-routes.ts';
import type { FrameworkFile } from '../../referential/infrastructure/framework-file.ts';
import type { EvaluationDeps } from '../../evaluation/application/evaluation-deps.ts';
import { getProfileView } from '../../evaluation/application/usecases/get-profile-view.ts';
import { DEMO_ISSUER, DEMO_PEOPLE, DEMO_PROVIDER, DEMO_UAI } from '../../seed/demo-seed.ts';
import type { CampaignsDeps } from '../../campaigns/application/campaigns-deps.ts';
import { sendCampaignPage, sendTeacherSpace } from '../../campaigns/application/campaign-pages.ts';

const ROLE_LABELS = { ADMIN: 'administratrice', MEMBER: 'enseignant', PUPIL: 'élève' } as const;

/**
 * `/demo` (never mounted in production): sign in as one of the seeded demo people of the demo school.
 * It goes through the same account and session code as the real LTI and GAR launches.
 */
export function demoRoutes(deps: {
  pages: WidgetPages;
  tokens: SessionTokens;
  accounts: AccountRepository;
  memberships: MembershipRepository;
  organizations: OrganizationRepository;
  clock: Clock;
  publicUrl: string;
  framework: FrameworkFile;
  version: string;
  evaluation: EvaluationDeps;
  /** Campaigns: the teacher space and the pupils' campaign page, reachable from here. */
  campaigns?: CampaignsDeps;
}): Router {
  const router = Router();
  router.get('/demo', (req, res) => {
    // `?campaign=CODE` (from a campaign's direct link): pupils open that campaign.
    const campaignCode = typeof req.query.campaign === 'string' ? req.query.campaign.replace(/[^A-Za-z0-9]/g, '').slice(0, 16) : '';
    const rows = DEMO_PEOPLE.map(
      (person) => `<li><form method="post" action="/demo/sign-in"><input type="hidden" name="person" value="${escapeHtml(person.key)}">
<button type="submit">${escapeHtml(`${person.firstName} ${person.lastName}`)}</button> <span>${ROLE_LABELS[person.role]}${person.classes.length ? ` — ${person.classes.join(', ')}` : ''}</span></form>${deps.campaigns ? campaignsLink(person.key, person.role === 'PUPIL', campaignCode) : ''}</li>`,
    ).join('\n');
    res.type('html').send(
      renderPlainPage({
        title: 'Pix Embed — démonstration',
        body: `<h1>Démonstration</h1>
<p>Collège Jean Moulin (démo), UAI ${DEMO_UAI}. Choisissez une personne pour ouvrir l’outil comme elle.</p>
<p lang="en">Demo school: pick a person to open the tool as them.</p>
<ul class="people">${rows}</ul>
<p><a href="/demo/lti">Plateforme LTI de démonstration</a> : les mêmes personnes, par de vrais lancements LTI 1.3 signés, comme depuis Moodle.</p>`,
      }),
    );
  });

  router.post('/demo/sign-in', express.urlencoded({ extended: false, limit: '2kb' }), async (req, res) => {
    const parsed = z.object({ person: z.string().max(40) }).safeParse(req.body);
    const person = parsed.success ? DEMO_PEOPLE.find((p) => p.key === parsed.data.person) : undefined;
    if (!person) throw badRequest('DEMO_UNKNOWN_PERSON', 'Personne de démonstration inconnue.');
    const school = await deps.organizations.findByUai(DEMO_UAI);
    if (!school) throw badRequest('DEMO_NOT_SEEDED', 'Les données de démonstration ne sont pas chargées.');
    const locale = pickLocale(req);
    const { account } = await deps.accounts.upsertFromIdentity(
      { provider: DEMO_PROVIDER, issuer: DEMO_ISSUER, subject: person.key },
      { firstName: person.firstName, lastName: person.lastName, email: null, locale },
      deps.clock.now(),
    );
    const role = await deps.memberships.ensureMembership(account.id, school.id, person.role);
    const token = await deps.tokens.issue({ userId: account.id, organizationId: school.id, role, locale, via: 'demo' });
    const to = typeof req.body?.to === 'string' ? req.body.to : '';
    if (deps.campaigns && (to === 'teacher' || to === 'campaign')) {
      const actor = { userId: account.id, organizationId: school.id, role, locale };
      if (to === 'teacher' && role !== 'PUPIL') await sendTeacherSpace(deps.campaigns, deps.pages, req, res, { token, actor });
      else await sendCampaignPage(deps.campaigns, deps.pages, req, res, { token, actor, code: typeof req.body?.code === 'string' ? req.body.code.slice(0, 30) : null });
      return;
    }
    if (role === 'PUPIL') {
      // A pupil lands where she would from her ENT or her course: her profile, first screen inlined.
      const profile = await getProfileView(deps.evaluation, { userId: account.id, organizationId: school.id, locale }, account.firstName);
      deps.pages.send(req, res, { widget: 'pupil', title: 'Pix Embed', locale, boot: { token, data: { screen: 'profile', profile } } });
      return;
    }
    deps.pages.send(req, res, {
      widget: 'about',
      title: 'Pix Embed',
      locale,
      boot: { token, data: { ...aboutData(deps.framework, deps.version, locale), user: { firstName: account.firstName, lastName: account.lastName, role } } },
    });
  });
  return router;
}

/** The second way in for a demo person: the teacher space (parcours), or the pupil's campaign page. */
function campaignsLink(personKey: string, pupil: boolean, code: string): string {
  return ` <form method="post" action="/demo/sign-in" class="inline"><input type="hidden" name="person" value="${escapeHtml(personKey)}"><input type="hidden" name="to" value="${pupil ? 'campaign' : 'teacher'}">${
    code ? `<input type="hidden" name="code" value="${escapeHtml(code)}">` : ''
  }<button type="submit">${pupil ? (code ? `Parcours ${escapeHtml(code)}` : 'Mes parcours') : 'Espace parcours (enseignant)'}</button></form>`;
}
