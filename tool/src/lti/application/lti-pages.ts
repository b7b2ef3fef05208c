import { escapeHtml, renderPlainPage } from '../../widgets-host/render-widget-page.ts';
import { LTI_ERRORS, type LtiErrorCode } from '../domain/lti-errors.ts';
import type { TeacherView } from './usecases/get-teacher-view.ts';

/**
 * Server pages of the LTI flow, shown inside the platform's iframe: errors (French then English, the code,
 * a hint for the administrator; never a stack trace), the teacher view, and the auto-posting pages.
 */
export function renderLtiErrorPage(input: { code: LtiErrorCode; requestId?: string | undefined; at: Date }): string {
  const entry = LTI_ERRORS[input.code];
  const reference = `${input.code} · ${input.at.toISOString()}${input.requestId ? ` · ${input.requestId}` : ''}`;
  return renderPlainPage({
    title: 'Pix Embed — activité indisponible',
    body: `<h1>Impossible d’ouvrir l’activité</h1>
<p role="alert">${escapeHtml(entry.fr)}</p>
<section lang="en">
<h2>Unable to open the activity</h2>
<p>${escapeHtml(entry.en)}</p>
</section>
<p>Code : <code id="lti-error-code">${escapeHtml(input.code)}</code></p>
<section>
<h2>Pour l’administrateur de la plateforme</h2>
<p>${escapeHtml(entry.hintFr)}</p>
<p lang="en"><strong>For the platform administrator:</strong> ${escapeHtml(entry.hintEn)}</p>
</section>
<p><small>Référence / reference : ${escapeHtml(reference)}</small></p>`,
  });
}

export function renderTeacherViewPage(view: TeacherView, locale: string): string {
  const en = locale.startsWith('en');
  const t = (fr: string, english: string) => (en ? english : fr);
  const rows = view.learners
    .map(
      (row) => `<tr><th scope="row">${escapeHtml(row.name)}</th><td>${row.launched ? t('Oui', 'Yes') : t('Pas encore', 'Not yet')}</td><td>${
        row.level === null ? '—' : escapeHtml(t(`Niveau ${row.level} — ${row.pix} pix`, `Level ${row.level} — ${row.pix} pix`))
      }</td></tr>`,
    )
    .join('\n');
  return renderPlainPage({
    title: `Pix Embed — ${view.title}`,
    locale,
    body: `<h1>${escapeHtml(view.title)}</h1>
<p>${escapeHtml(t('Activité', 'Activity'))} : ${escapeHtml(view.activity)}</p>
<h2>${escapeHtml(t('Élèves du cours', 'Course learners'))}</h2>
${view.rosterAvailable ? '' : `<p>${escapeHtml(t('La liste du cours n’est pas disponible : seuls les élèves ayant ouvert l’activité apparaissent.', 'The course roster is not available: only learners who opened the activity are listed.'))}</p>`}
${
  view.learners.length === 0
    ? `<p>${escapeHtml(t('Aucun élève pour le moment.', 'No learner yet.'))}</p>`
    : `<table id="learners">
<caption>${escapeHtml(t('Avancement des élèves', 'Learners’ progress'))}</caption>
<thead><tr><th scope="col">${escapeHtml(t('Élève', 'Learner'))}</th><th scope="col">${escapeHtml(t('A ouvert l’activité', 'Opened the activity'))}</th><th scope="col">${escapeHtml(t('Résultat', 'Result'))}</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`
}`,
  });
}

/** A form posted to `action` by a nonce'd script as soon as it loads (a button when scripts are off). */
export function renderAutoPostPage(input: { title: string; message: string; action: string; fields: Record<string, string>; nonce: string; locale?: string }): string {
  const fields = Object.entries(input.fields)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('\n');
  return renderPlainPage({
    title: input.title,
    ...(input.locale ? { locale: input.locale } : {}),
    body: `<h1>${escapeHtml(input.title)}</h1>
<form id="pix-autopost" method="post" action="${escapeHtml(input.action)}">
${fields}
<p>${escapeHtml(input.message)}</p>
<button type="submit">Continuer / Continue</button>
</form>
<script nonce="${escapeHtml(input.nonce)}">document.getElementById('pix-autopost').submit();</script>`,
  });
}

/** End of Dynamic Registration: tells the platform (opener or parent frame) to close the registration window. */
export function renderRegistrationDonePage(input: { platformName: string; clientId: string; nonce: string }): string {
  return renderPlainPage({
    title: 'Pix Embed — enregistré',
    body: `<h1>Pix Embed est enregistré</h1>
<p>La plateforme « ${escapeHtml(input.platformName)} » peut maintenant lancer Pix Embed (client_id ${escapeHtml(input.clientId)}). Sur Moodle, activez l’outil dans la liste des outils externes.</p>
<p lang="en">Pix Embed is registered with this platform. On Moodle, activate the tool in the list of external tools.</p>
<script nonce="${escapeHtml(input.nonce)}">(window.opener || window.parent).postMessage({ subject: 'org.imsglobal.lti.close' }, '*');</script>`,
  });
}
