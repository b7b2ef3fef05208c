import { escapeHtml, renderPlainPage } from '../../../widgets-host/render-widget-page.ts';

export interface SchoolViewData {
  schoolName: string;
  uai: string | null;
  teacherName: string;
  isAdmin: boolean;
  token: string;
  nonce: string;
  classes: Array<{ label: string; pupils: Array<{ name: string; totalPix: number }> }>;
  pendingReconciliations: Array<{
    id: string;
    /** Her name as the GAR sent it. */
    name: string;
    /** The birthdate she typed, YYYY-MM-DD. */
    birthdate: string;
    divisions: string[];
    reason: string;
    createdAt: Date;
    /** Free roster pupils of her classes or born that day, most likely first. */
    candidates: Array<{ id: string; name: string; birthdate: string; division: string }>;
  }>;
  /** All open requests, when more than the ones listed. */
  pendingTotal: number;
  roster: { active: number; linked: number } | null;
  allowExternalLinks: boolean;
}

const REASONS: Record<string, string> = {
  NO_MATCH: 'aucun élève correspondant',
  SEVERAL: 'plusieurs élèves possibles',
  ALREADY_LINKED: 'INE déjà rattaché à un autre compte',
};

function frenchDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

const parisDay = (date: Date) => new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', day: '2-digit', month: '2-digit', year: 'numeric' }).format(date);

/** One pending request: who, what she gave, and a form to link her to a roster pupil or to dismiss the request. */
function settleForm(p: SchoolViewData['pendingReconciliations'][number], i: number): string {
  const options = p.candidates
    .map((c) => `<option value="${escapeHtml(c.id)}">${escapeHtml(c.name)} — ${escapeHtml(c.division)} — ${frenchDate(c.birthdate)}</option>`)
    .join('\n');
  const picker = p.candidates.length
    ? `<label for="req-${i}-pupil">Élève de la liste SIECLE <span lang="en">/ Pupil of the list</span></label>
<select id="req-${i}-pupil" name="rosterPupilId" required>
<option value="">— Choisir un élève / Choose a pupil —</option>
${options}
</select>
<button type="submit">Rattacher <span lang="en">/ Link</span></button>`
    : `<p>Aucun élève libre de la liste ne correspond (classe, date de naissance) : réimportez la liste, ou écartez la demande. <span lang="en">No free pupil of the list matches: re-import the list, or dismiss the request.</span></p>`;
  return `<li>
<form class="settle-form" data-request="${escapeHtml(p.id)}" aria-labelledby="req-${i}-title" aria-describedby="req-${i}-details">
<h3 id="req-${i}-title">${escapeHtml(p.name)}</h3>
<p id="req-${i}-details">Né(e) le ${frenchDate(p.birthdate)} (date indiquée par l’élève)${p.divisions.length ? `, classe ${escapeHtml(p.divisions.join(', '))}` : ''} — demande du ${parisDay(p.createdAt)} — ${escapeHtml(REASONS[p.reason] ?? p.reason)}</p>
${picker}
<button type="button" data-dismiss>Écarter la demande <span lang="en">/ Dismiss</span></button>
<p class="settle-status" role="status" aria-live="polite" tabindex="-1"></p>
</form>
</li>`;
}

/**
 * The teacher's landing after a GAR login (campaigns come later): the school's classes and pupils with their
 * total Pix, the pupils waiting for a reconciliation, and — for administrators — the roster import.
 * Server-rendered and accessible: real tables with captions and header cells.
 */
export function schoolViewPage(data: SchoolViewData): string {
  const classes = data.classes.length
    ? data.classes
        .map(
          (c, i) => `<table aria-describedby="class-${i}-note">
<caption>${escapeHtml(c.label)} — ${c.pupils.length} élève${c.pupils.length > 1 ? 's' : ''}</caption>
<thead><tr><th scope="col">Élève <span lang="en">/ Pupil</span></th><th scope="col">Pix</th></tr></thead>
<tbody>
${c.pupils.map((p) => `<tr><th scope="row">${escapeHtml(p.name)}</th><td>${p.totalPix}</td></tr>`).join('\n')}
</tbody>
</table>
<p id="class-${i}-note" class="meta">Total des pix de chaque élève, toutes compétences confondues.</p>`,
        )
        .join('\n')
    : '<p>Aucun élève ne s’est encore connecté. <span lang="en">No pupil has signed in yet.</span></p>';
  const pending = data.pendingReconciliations.length
    ? `<section aria-labelledby="pending-title">
<h2 id="pending-title">Élèves à rattacher <span lang="en">/ Pupils to link</span></h2>
<p>Ces élèves n’ont pas été retrouvés automatiquement dans la liste importée (nom et date de naissance). Choisissez l’élève de la liste qui correspond, ou écartez la demande s’il n’y figure pas : l’élève en est informé(e) à sa prochaine connexion.</p>
<p lang="en">These pupils were not found automatically in the imported list. Pick the matching pupil of the list, or dismiss the request; the pupil is told at her next sign-in.</p>
${data.pendingTotal > data.pendingReconciliations.length ? `<p>${data.pendingReconciliations.length} demandes affichées sur ${data.pendingTotal} : rechargez la page après les avoir traitées pour voir les suivantes. <span lang="en">${data.pendingReconciliations.length} of ${data.pendingTotal} requests shown: reload after settling them to see the next ones.</span></p>` : ''}
<ul class="settle-list">
${data.pendingReconciliations.map(settleForm).join('\n')}
</ul>
<script nonce="${escapeHtml(data.nonce)}">
(function () {
  var token = ${JSON.stringify(data.token).replace(/</g, '\\u003c')};
  function settle(form, action, body) {
    var status = form.querySelector('.settle-status');
    var controls = form.querySelectorAll('button, select');
    controls.forEach(function (c) { c.disabled = true; });
    status.textContent = 'Enregistrement… / Saving…';
    fetch('/api/gar/reconciliations/' + encodeURIComponent(form.dataset.request) + '/' + action, { method: 'POST', headers: { authorization: 'Bearer ' + token, 'content-type': 'application/json' }, body: JSON.stringify(body) })
      .then(function (r) {
        var refreshed = r.headers.get('x-session-token');
        if (refreshed) token = refreshed;
        if (r.status === 204) {
          status.textContent = action === 'link' ? 'Élève rattaché(e). / Pupil linked.' : 'Demande écartée. / Request dismissed.';
          status.focus();
          return;
        }
        return r.json().then(function (answer) {
          status.textContent = 'Refusé / Refused : ' + answer.error.message + ' (' + answer.error.code + ')';
          if (answer.error.code !== 'GAR_RECONCILIATION_ALREADY_SETTLED' && answer.error.code !== 'GAR_RECONCILIATION_NOT_FOUND') controls.forEach(function (c) { c.disabled = false; });
          status.focus();
        });
      })
      .catch(function () {
        status.textContent = 'Impossible de joindre le serveur. / The server cannot be reached.';
        controls.forEach(function (c) { c.disabled = false; });
      });
  }
  document.querySelectorAll('.settle-form').forEach(function (form) {
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var select = form.elements.rosterPupilId;
      if (select && select.value) settle(form, 'link', { rosterPupilId: select.value });
    });
    form.querySelector('[data-dismiss]').addEventListener('click', function () {
      if (window.confirm('Écarter cette demande sans rattacher l’élève ? / Dismiss this request without linking the pupil?')) settle(form, 'dismiss', {});
    });
  });
})();
</script>
</section>`
    : '';
  const admin = data.isAdmin
    ? `<section aria-labelledby="livret-title">
<h2 id="livret-title">Livret scolaire <span lang="en">/ School report</span></h2>
<p><a href="/livret/ecole#token=${encodeURIComponent(data.token)}">Compétences numériques pour le LSU, exports CSV <span lang="en">/ Digital competences for the LSU, CSV exports</span></a></p>
</section>
<section aria-labelledby="roster-title">
<h2 id="roster-title">Liste des élèves (SIECLE) <span lang="en">/ Pupil roster</span></h2>
<p>${data.roster ? `${data.roster.active} élèves actifs, dont ${data.roster.linked} rattachés à leur compte.` : 'Aucune liste importée.'}</p>
<form id="roster-form">
<label for="roster-file">Export SIECLE (XML ou ZIP) ou CSV « INE;Nom;Prénom;Date de naissance;Classe » <span lang="en">/ SIECLE export (XML or ZIP) or CSV</span></label>
<p id="roster-hint">Colonne facultative « ELEVE_ID » : l’identifiant SIECLE de l’élève (pas l’INE), nécessaire au livret scolaire (LSU) pour une liste en CSV ; une case vide garde l’identifiant déjà importé. <span lang="en">/ Optional “ELEVE_ID” column: the pupil’s SIECLE id, needed by the school report (LSU) for a CSV list; an empty cell keeps the id already imported.</span></p>
<input type="file" id="roster-file" name="file" aria-describedby="roster-hint" accept=".xml,.zip,.csv,text/xml,application/zip,text/csv" required>
<button type="submit">Importer <span lang="en">/ Import</span></button>
</form>
<div id="roster-result" role="status" aria-live="polite"></div>
<h3>Liens externes <span lang="en">/ External links</span></h3>
<p id="links-state">${data.allowExternalLinks ? 'Les adresses externes (tutoriels, références) sont des liens.' : 'Les adresses externes (tutoriels, références) sont affichées en texte, sans lien (cadre de confiance du GAR).'}</p>
<form id="links-form"><input type="hidden" name="allow" value="${data.allowExternalLinks ? 'false' : 'true'}">
<button type="submit">${data.allowExternalLinks ? 'Afficher les adresses en texte' : 'Autoriser les liens externes'}</button></form>
<script nonce="${escapeHtml(data.nonce)}">
(function () {
  var token = ${JSON.stringify(data.token).replace(/</g, '\\u003c')};
  var result = document.getElementById('roster-result');
  document.getElementById('roster-form').addEventListener('submit', function (event) {
    event.preventDefault();
    var file = document.getElementById('roster-file').files[0];
    if (!file) return;
    result.textContent = 'Import en cours…';
    fetch('/api/gar/roster', { method: 'PUT', headers: { authorization: 'Bearer ' + token, 'content-type': 'application/octet-stream', 'x-file-name': encodeURIComponent(file.name) }, body: file })
      .then(function (r) { return r.json(); })
      .then(function (body) {
        if (body.error) { result.textContent = 'Import refusé : ' + body.error.message; return; }
        result.textContent = body.imported + ' ajoutés, ' + body.updated + ' mis à jour, ' + body.inactivated + ' inactivés, ' + body.errors.length + ' lignes en erreur' +
          body.errors.slice(0, 20).map(function (e) { return ' — ligne ' + e.line + ' (' + e.field + ') : ' + e.reason; }).join('');
      })
      .catch(function () { result.textContent = 'Import impossible (réseau).'; });
  });
  document.getElementById('links-form').addEventListener('submit', function (event) {
    event.preventDefault();
    var allow = event.target.elements.allow.value === 'true';
    fetch('/api/gar/settings', { method: 'PUT', headers: { authorization: 'Bearer ' + token, 'content-type': 'application/json' }, body: JSON.stringify({ allowExternalLinks: allow }) })
      .then(function (r) { if (r.ok) document.getElementById('links-state').textContent = allow ? 'Les adresses externes sont des liens (rechargez depuis le médiacentre).' : 'Les adresses externes sont affichées en texte.'; });
  });
})();
</script>
</section>`
    : '';
  return renderPlainPage({
    title: `${data.schoolName} — Pix Embed`,
    body: `<h1>${escapeHtml(data.schoolName)}${data.uai ? ` <span class="meta">(${escapeHtml(data.uai)})</span>` : ''}</h1>
<p>Bonjour ${escapeHtml(data.teacherName)}. Voici les classes de votre établissement et les pix de leurs élèves. Les campagnes arrivent bientôt.</p>
<p lang="en">Your school’s classes and their pupils’ total Pix. Campaigns are coming soon.</p>
<section aria-labelledby="classes-title">
<h2 id="classes-title">Classes</h2>
${classes}
</section>
${pending}
${admin}
<form method="post" action="/saml/logout"><input type="hidden" name="token" value="${escapeHtml(data.token)}">
<button type="submit">Se déconnecter <span lang="en">/ Sign out</span></button></form>`,
  });
}
