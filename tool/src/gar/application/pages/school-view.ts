import { escapeHtml, renderPlainPage } from '../../../widgets-host/render-widget-page.ts';

export interface SchoolViewData {
  schoolName: string;
  uai: string | null;
  teacherName: string;
  isAdmin: boolean;
  token: string;
  nonce: string;
  classes: Array<{ label: string; pupils: Array<{ name: string; totalPix: number }> }>;
  pendingReconciliations: Array<{ name: string; birthdate: string; divisions: string[]; reason: string }>;
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
<p>Ces élèves n’ont pas été retrouvés dans la liste importée (nom et date de naissance). Vérifiez leur fiche SIECLE puis réimportez la liste.</p>
<ul>
${data.pendingReconciliations.map((p) => `<li>${escapeHtml(p.name)}, né(e) le ${frenchDate(p.birthdate)}${p.divisions.length ? `, ${escapeHtml(p.divisions.join(', '))}` : ''} — ${escapeHtml(REASONS[p.reason] ?? p.reason)}</li>`).join('\n')}
</ul>
</section>`
    : '';
  const admin = data.isAdmin
    ? `<section aria-labelledby="roster-title">
<h2 id="roster-title">Liste des élèves (SIECLE) <span lang="en">/ Pupil roster</span></h2>
<p>${data.roster ? `${data.roster.active} élèves actifs, dont ${data.roster.linked} rattachés à leur compte.` : 'Aucune liste importée.'}</p>
<form id="roster-form">
<label for="roster-file">Export SIECLE (XML ou ZIP) ou CSV « INE;Nom;Prénom;Date de naissance;Classe »</label>
<input type="file" id="roster-file" name="file" accept=".xml,.zip,.csv,text/xml,application/zip,text/csv" required>
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
