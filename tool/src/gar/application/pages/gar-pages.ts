import { escapeHtml, renderPlainPage } from '../../../widgets-host/render-widget-page.ts';
import { GAR_ERRORS, type GarError } from '../../domain/gar-errors.ts';
import type { ReconciliationNotice } from '../usecases/complete-gar-login.ts';

/**
 * The server pages of a GAR login: refusals, "which school?", "your birthdate?", the reconciliation notice and
 * the logout confirmation. Plain, accessible HTML (labels, fieldsets, lang), French first, then English.
 */

export function garErrorPage(error: GarError, requestId: string | undefined): string {
  const text = GAR_ERRORS[error.garCode];
  return renderPlainPage({
    title: 'Connexion impossible — Pix Embed',
    body: `<h1>Connexion impossible</h1>
<p>${escapeHtml(text.fr)}</p>
<p lang="en">Sign-in failed. ${escapeHtml(text.en)}</p>
<section aria-labelledby="admin-hint">
<h2 id="admin-hint">Pour l’administrateur <span lang="en">/ For the administrator</span></h2>
<p>Code : <code data-error-code>${escapeHtml(error.garCode)}</code>${requestId ? ` — requête <code>${escapeHtml(requestId)}</code>` : ''}</p>
<p>${escapeHtml(text.hint)}</p>
</section>`,
  });
}

export function chooseSchoolPage(input: { stepId: string; schools: Array<{ uai: string; name: string | null }> }): string {
  const options = input.schools
    .map(
      (school, i) => `<li><input type="radio" name="uai" id="uai-${i}" value="${escapeHtml(school.uai)}"${i === 0 ? ' required' : ''}>
<label for="uai-${i}">${escapeHtml(school.name ?? 'Établissement')} (${escapeHtml(school.uai)})</label></li>`,
    )
    .join('\n');
  return renderPlainPage({
    title: 'Choisir l’établissement — Pix Embed',
    body: `<h1>Dans quel établissement ?</h1>
<p>Votre compte est rattaché à plusieurs établissements. Choisissez celui pour lequel vous ouvrez Pix Embed : ce choix sera retenu.</p>
<p lang="en">Your account belongs to several schools: pick one (it will be remembered).</p>
<form method="post" action="/saml/choose-school">
<input type="hidden" name="step" value="${escapeHtml(input.stepId)}">
<fieldset>
<legend>Établissement <span lang="en">/ School</span></legend>
<ul class="choices">
${options}
</ul>
</fieldset>
<button type="submit">Continuer <span lang="en">/ Continue</span></button>
</form>`,
  });
}

export function birthdatePage(input: { stepId: string; firstName: string; error?: boolean }): string {
  const field = (name: string, label: string, en: string, autocomplete: string, size: number) => `<div class="field">
<label for="${name}">${label} <span lang="en">/ ${en}</span></label>
<input id="${name}" name="${name}" inputmode="numeric" autocomplete="${autocomplete}" pattern="[0-9]*" size="${size}" maxlength="${size}" required
 aria-describedby="birthdate-help${input.error ? ' birthdate-error' : ''}"${input.error ? ' aria-invalid="true"' : ''}>
</div>`;
  return renderPlainPage({
    title: 'Date de naissance — Pix Embed',
    body: `<h1>Bienvenue${input.firstName ? ` ${escapeHtml(input.firstName)}` : ''} !</h1>
<p>Pour te retrouver dans la liste des élèves de ton établissement, indique ta date de naissance. Elle n’est demandée qu’une fois.</p>
<p lang="en">To find you in your school’s pupil list, enter your date of birth. You will only be asked once.</p>
${input.error ? '<p id="birthdate-error" role="alert">Cette date n’existe pas : vérifie le jour, le mois et l’année. <span lang="en">This date does not exist: check the day, month and year.</span></p>' : ''}
<form method="post" action="/saml/birthdate">
<input type="hidden" name="step" value="${escapeHtml(input.stepId)}">
<fieldset>
<legend>Date de naissance <span lang="en">/ Date of birth</span></legend>
<p id="birthdate-help">Par exemple 14 3 2012 <span lang="en">(for example 14 3 2012)</span></p>
${field('day', 'Jour', 'Day', 'bday-day', 2)}
${field('month', 'Mois', 'Month', 'bday-month', 2)}
${field('year', 'Année', 'Year', 'bday-year', 4)}
</fieldset>
<button type="submit">Continuer <span lang="en">/ Continue</span></button>
</form>`,
  });
}

const NOTICES: Record<ReconciliationNotice, { title: string; heading: string; fr: string; en: string }> = {
  RECONCILIATION_PENDING: {
    title: 'Presque prêt',
    heading: 'Nous ne t’avons pas retrouvé(e) dans la liste',
    fr: 'Ton nom et ta date de naissance ne correspondent à aucun élève (ou à plusieurs) de la liste de ton établissement. Nous ne devinons jamais : ton professeur a reçu une demande pour te rattacher. Tu peux utiliser Pix Embed dès maintenant, ton travail est bien enregistré.',
    en: 'We could not find you (or found several pupils) in your school’s list. We never guess: your teacher was asked to link your account. You can use Pix Embed now; your work is saved.',
  },
  RECONCILIATION_LINKED: {
    title: 'Compte rattaché',
    heading: 'Ton professeur t’a retrouvé(e) dans la liste',
    fr: 'Ton compte est maintenant rattaché à ta fiche d’élève de l’établissement. Rien ne change pour toi : ton travail est conservé.',
    en: 'Your teacher found you in the school’s list: your account is now linked to your pupil record. Nothing changes for you; your work is kept.',
  },
  RECONCILIATION_DISMISSED: {
    title: 'Demande traitée',
    heading: 'Ton professeur a traité ta demande',
    fr: 'Ton compte n’a pas été rattaché à la liste des élèves de l’établissement. Tu peux continuer à utiliser Pix Embed, ton travail est bien enregistré. En cas de doute, parles-en à ton professeur.',
    en: 'Your teacher settled your request without linking your account to the school’s list. You can keep using Pix Embed; your work is saved. If in doubt, ask your teacher.',
  },
};

/** Said once before landing: why she was not found, or what her teacher decided since. */
export function reconciliationNoticePage(stepId: string, notice: ReconciliationNotice): string {
  const text = NOTICES[notice];
  return renderPlainPage({
    title: `${text.title} — Pix Embed`,
    body: `<h1 data-notice="${notice}">${text.heading}</h1>
<p>${escapeHtml(text.fr)}</p>
<p lang="en">${escapeHtml(text.en)}</p>
<form method="post" action="/saml/continue">
<input type="hidden" name="step" value="${escapeHtml(stepId)}">
<button type="submit">Continuer <span lang="en">/ Continue</span></button>
</form>`,
  });
}

export function loggedOutPage(): string {
  return renderPlainPage({
    title: 'Déconnecté — Pix Embed',
    body: `<h1>Vous êtes déconnecté(e)</h1>
<p>Pour revenir, ouvrez Pix Embed depuis votre médiacentre.</p>
<p lang="en">You are signed out. To come back, open Pix Embed from your média-centre.</p>`,
  });
}

/** Redirects with a POST form (auto-submitted by a nonce'd script; a button without JavaScript). */
export function autoPostPage(input: { action: string; fields: Record<string, string>; nonce: string; title: string }): string {
  const fields = Object.entries(input.fields)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('\n');
  return renderPlainPage({
    title: input.title,
    body: `<h1>${escapeHtml(input.title)}</h1>
<form method="post" action="${escapeHtml(input.action)}" id="saml-post">
${fields}
<button type="submit">Continuer <span lang="en">/ Continue</span></button>
</form>
<script nonce="${escapeHtml(input.nonce)}">document.getElementById('saml-post').submit();</script>`,
  });
}
