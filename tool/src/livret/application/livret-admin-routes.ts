import { createWriteStream } from 'node:fs';
import { sessionOf } from '../../identity/application/require-session.ts';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import express, { type Response, type Router } from 'express';
import { competenceLevelsCsv, manualEntryCsv } from '../../../../connectors/exports/competence-csv.ts';
import { escapeHtml, renderPlainPage } from '../../widgets-host/render-widget-page.ts';
import { badRequest } from '../../shared/domain/errors.ts';
import { UAI_PATTERN, livretErrors } from '../domain/livret-errors.ts';
import { mapToLsuNiveau } from '../domain/lsu-level-mapping.ts';
import { exportLsu } from '../domain/usecases/export-lsu.ts';
import { readAllSchoolLevels } from '../domain/usecases/read-school-levels.ts';
import type { LivretDeps } from './livret-deps.ts';

const MAX_LSU_BYTES = 100 * 1024 * 1024;

/**
 * The school (ADMIN of that very school, by membership) a session may export. A school she is not a member of
 * answers 404 like an unknown one, so its existence is not revealed; a member who is not ADMIN gets 403.
 */
async function adminSchool(deps: LivretDeps, res: Response, uai: string) {
  const session = sessionOf(res);
  if (!UAI_PATTERN.test(uai)) throw livretErrors.uaiInvalid();
  const organization = await deps.organizations.findByUai(uai);
  const role = organization ? await deps.memberships.findMembership(session.userId, organization.id) : null;
  if (!organization || !role) throw livretErrors.organizationNotFound(uai);
  if (role !== 'ADMIN') throw livretErrors.adminOnly();
  return organization;
}

function sendCsv(res: Response, name: string, body: string): void {
  res.setHeader('Content-Type', 'text/csv; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="${name}"`);
  res.setHeader('Cache-Control', 'no-store');
  res.send(body);
}

/** Session API for school administrators (mounted under /api, behind the session check). */
export function livretAdminApiRoutes(deps: LivretDeps): Router {
  const router = express.Router();

  /** The schools the page offers: those she administers, the session's own first chosen. */
  router.get('/livret/schools', async (_req, res) => {
    const session = sessionOf(res);
    const schools = (await deps.memberships.listForUser(session.userId)).flatMap((m) => (m.role === 'ADMIN' && m.uai ? [{ uai: m.uai, name: m.name, organizationId: m.organizationId }] : []));
    res.setHeader('Cache-Control', 'no-store');
    res.json({
      schools: schools.map(({ uai, name }) => ({ uai, name })),
      current: schools.find((s) => s.organizationId === session.organizationId)?.uai ?? schools[0]?.uai ?? null,
    });
  });

  router.get('/livret/organizations/:uai/competence-levels.csv', async (req, res) => {
    const organization = await adminSchool(deps, res, String(req.params.uai).toUpperCase());
    const division = typeof req.query.division === 'string' && req.query.division ? req.query.division : undefined;
    const pupils = await readAllSchoolLevels({ organizationId: organization.id, levels: deps.levels, ...(division ? { division } : {}) });
    sendCsv(res, `niveaux-${organization.uai}${division ? `-${division}` : ''}.csv`.replace(/[^\w.-]/g, '_'), competenceLevelsCsv(pupils, [...deps.referential().competences.keys()]));
  });

  router.get('/livret/organizations/:uai/lsu-manual-entry.csv', async (req, res) => {
    const organization = await adminSchool(deps, res, String(req.params.uai).toUpperCase());
    const division = typeof req.query.division === 'string' ? req.query.division : '';
    if (!division) throw badRequest('LIVRET_DIVISION_REQUIRED', 'Précisez la classe (division).');
    const pupils = await readAllSchoolLevels({ organizationId: organization.id, levels: deps.levels, division });
    const rows = pupils.map((p) => ({
      ine: p.ine,
      lastName: p.lastName,
      firstName: p.firstName,
      lsuLevels: p.levels.flatMap((l) => {
        const code = deps.lsu.codeOf(l.competenceId);
        return code ? [{ code, niveau: mapToLsuNiveau(l.level, deps.lsuLevelMapping) }] : [];
      }),
    }));
    sendCsv(res, `lsu-saisie-${division}.csv`.replace(/[^\w.-]/g, '_'), manualEntryCsv(rows, deps.lsu.codes()));
  });

  router.get('/livret/organizations/:uai/divisions', async (req, res) => {
    const organization = await adminSchool(deps, res, String(req.params.uai).toUpperCase());
    res.json({ divisions: await deps.levels.listDivisions(organization.id) });
  });

  /**
   * Upload of the school's LSU export (raw body). `?report=json` answers the report only; otherwise the
   * enriched file is the answer and the report is summed up in headers. Stateless: no file is kept.
   */
  router.post('/livret/organizations/:uai/lsu', async (req, res) => {
    const organization = await adminSchool(deps, res, String(req.params.uai).toUpperCase());
    if (Number(req.get('content-length') ?? 0) > MAX_LSU_BYTES) throw badRequest('PAYLOAD_TOO_LARGE', 'Fichier trop volumineux.');
    const dir = await mkdtemp(join(tmpdir(), 'pix-lsu-'));
    try {
      const inputPath = join(dir, 'in.xml');
      const outputPath = join(dir, 'out.xml');
      await pipeline(req, createWriteStream(inputPath));
      const appreciation = typeof req.query.appreciation === 'string' && req.query.appreciation ? req.query.appreciation : undefined;
      const report = await exportLsu({
        uai: organization.uai ?? '',
        inputPath,
        outputPath,
        displayName: 'fichier LSU',
        lastReportOnly: req.query.lastOnly === '1' || req.query.lastOnly === 'true',
        ...(appreciation ? { appreciation } : {}),
        mapping: deps.lsuLevelMapping,
        lsu: deps.lsu,
        levels: deps.levels,
        organizations: deps.organizations,
      });
      if (req.query.report === 'json') {
        res.json(report);
        return;
      }
      res.setHeader('Content-Type', 'application/xml');
      res.setHeader('Content-Disposition', `attachment; filename="lsu-enrichi-${organization.uai}.xml"`);
      res.setHeader('X-Lsu-Enriched', String(report.enriched));
      res.setHeader('X-Lsu-Skipped', String(report.skipped.length));
      res.send(await readFile(outputPath));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
  return router;
}

/**
 * The administrators' page: upload the LSU export, download the enriched file, the CSVs. The session token
 * arrives in the URL fragment (`/livret/ecole#token=…`, the link of the school view), which browsers never
 * send to servers or logs, and is removed from the address bar at once. The school is the session's own, or
 * one of the schools she administers (a list the API gives); every call is checked again on the server.
 */
export function livretAdminPageRoutes(): Router {
  const router = express.Router();
  router.get('/livret/ecole', (_req, res) => {
    const nonce = escapeHtml(res.locals.cspNonce ?? '');
    const body = `<h1>Livret scolaire : compétences numériques <span lang="en">/ School report: digital competences</span></h1>
<p>Réservé aux administrateurs de l’établissement. <span lang="en">School administrators only.</span></p>
<div id="livret-state" role="status" aria-live="polite">Chargement… <span lang="en">/ Loading…</span></div>
<div id="livret-tools" hidden>
<p id="school-single"></p>
<p id="school-choice" hidden><label for="school-select">Établissement <span lang="en">/ School</span></label>
<select id="school-select"></select></p>
<section aria-labelledby="lsu-title">
<h2 id="lsu-title">Enrichir l’export LSU <span lang="en">/ Enrich the LSU export</span></h2>
<p>Déposez le fichier LSU exporté par votre logiciel de vie scolaire : les élèves de CM2 et de 6e y reçoivent leurs compétences numériques (niveaux 1 à 3). Le reste du fichier n’est pas modifié. <span lang="en">Upload your school software's LSU export: CM2 and 6e pupils get their digital competences; nothing else changes.</span></p>
<form id="lsu-form">
<p><label for="lsu-file">Fichier LSU (XML) <span lang="en">/ LSU file</span></label>
<input type="file" id="lsu-file" accept=".xml,text/xml,application/xml" required></p>
<p><input type="checkbox" id="lsu-last"><label for="lsu-last">Seulement le dernier bilan périodique <span lang="en">/ Last periodic report only</span></label></p>
<p><button type="submit">Enrichir et télécharger <span lang="en">/ Enrich and download</span></button></p>
</form>
<div id="lsu-result" role="status" aria-live="polite"></div>
</section>
<section aria-labelledby="csv-title">
<h2 id="csv-title">Exports CSV <span lang="en">/ CSV exports</span></h2>
<form id="csv-form">
<p><label for="csv-division">Classe (vide : tout l’établissement) <span lang="en">/ Class (empty: whole school)</span></label>
<input id="csv-division" name="division"></p>
<p><button type="submit" name="kind" value="levels">Niveaux de compétence <span lang="en">/ Competence levels</span></button>
<button type="submit" name="kind" value="manual">Saisie manuelle LSU (une classe) <span lang="en">/ LSU manual entry (one class)</span></button></p>
</form>
<div id="csv-result" role="status" aria-live="polite"></div>
</section>
</div>
<script nonce="${nonce}">
(function () {
  var token = (new URLSearchParams(location.hash.slice(1))).get('token') || '';
  if (location.hash) history.replaceState(null, '', location.pathname + location.search);
  var REASONS = {
    NOT_CM2_OR_6E: 'pas en CM2 ni en 6e / not in CM2 or 6e',
    NOT_IN_ROSTER: 'absent(e) de la liste des élèves / not in the pupil list',
    NO_SIECLE_ID: 'dans la liste importée sans identifiant SIECLE (ELEVE_ID) : importez l’export SIECLE ou ajoutez la colonne ELEVE_ID au CSV / imported without a SIECLE id: import the SIECLE export or add the ELEVE_ID column to the CSV',
    NO_RESULTS: 'aucun résultat Pix / no Pix result',
    NO_PERIODIC_REPORT: 'aucun bilan périodique / no periodic report'
  };
  var state = document.getElementById('livret-state');
  var select = document.getElementById('school-select');
  var uai = '';
  function headers(extra) { var h = { authorization: 'Bearer ' + token }; for (var k in extra) h[k] = extra[k]; return h; }
  function download(blob, name) { var a = document.createElement('a'); a.href = URL.createObjectURL(blob); a.download = name; document.body.appendChild(a); a.click(); a.remove(); }
  function showError(el, status, body) {
    var error = (body && body.error) || {};
    el.textContent = '';
    var p = document.createElement('p');
    p.setAttribute('data-error-code', error.code || String(status));
    p.textContent = 'Erreur / Error (' + (error.code || status) + ') : ' + (error.message || '') + (error.details && error.details.messages ? ' — ' + error.details.messages.join(' ; ') : '');
    el.appendChild(p);
  }
  function fail(el, r) { return r.json().catch(function () { return null; }).then(function (b) { showError(el, r.status, b); }); }
  fetch('/api/livret/schools', { headers: headers({}) }).then(function (r) {
    if (!r.ok) return fail(state, r);
    return r.json().then(function (data) {
      if (!data.schools.length) {
        showError(state, 403, { error: { code: 'LIVRET_ADMIN_ONLY', message: 'Cette page est réservée aux administrateurs d’un établissement. / School administrators only.' } });
        return;
      }
      uai = data.current || data.schools[0].uai;
      if (data.schools.length === 1) {
        document.getElementById('school-single').textContent = 'Établissement / School : ' + data.schools[0].name + ' (' + data.schools[0].uai + ')';
      } else {
        data.schools.forEach(function (s) { var o = document.createElement('option'); o.value = s.uai; o.textContent = s.name + ' (' + s.uai + ')'; o.selected = s.uai === uai; select.appendChild(o); });
        select.addEventListener('change', function () { uai = select.value; });
        document.getElementById('school-choice').hidden = false;
      }
      state.textContent = '';
      document.getElementById('livret-tools').hidden = false;
    });
  }).catch(function () { showError(state, 0, { error: { code: 'NETWORK', message: 'Réseau indisponible / Network error' } }); });
  document.getElementById('lsu-form').addEventListener('submit', function (e) {
    e.preventDefault();
    var out = document.getElementById('lsu-result'); var file = document.getElementById('lsu-file').files[0]; if (!file) return;
    var url = '/api/livret/organizations/' + encodeURIComponent(uai) + '/lsu?lastOnly=' + (document.getElementById('lsu-last').checked ? '1' : '0');
    var h = headers({ 'content-type': 'application/xml' });
    out.textContent = 'Traitement… / Processing…';
    fetch(url + '&report=json', { method: 'POST', headers: h, body: file }).then(function (r) {
      if (!r.ok) return fail(out, r);
      return r.json().then(function (report) {
        out.textContent = '';
        var p = document.createElement('p');
        p.textContent = report.enriched + ' élève(s) enrichi(s), ' + report.skipped.length + ' écarté(s) / ' + report.enriched + ' pupil(s) enriched, ' + report.skipped.length + ' skipped.';
        out.appendChild(p);
        if (report.skipped.length) {
          var ul = document.createElement('ul');
          report.skipped.forEach(function (s) { var li = document.createElement('li'); li.textContent = s.name + ' (' + s.idBe + ', ' + s.division + ') — ' + (REASONS[s.reason] || s.reason) + ' [' + s.reason + ']'; ul.appendChild(li); });
          out.appendChild(ul);
        }
        return fetch(url, { method: 'POST', headers: h, body: file }).then(function (r2) { return r2.ok ? r2.blob().then(function (b) { download(b, 'lsu-enrichi.xml'); }) : fail(out, r2); });
      });
    });
  });
  document.getElementById('csv-form').addEventListener('submit', function (e) {
    e.preventDefault();
    var out = document.getElementById('csv-result'); var division = document.getElementById('csv-division').value;
    var kind = e.submitter && e.submitter.value === 'manual' ? 'lsu-manual-entry.csv' : 'competence-levels.csv';
    fetch('/api/livret/organizations/' + encodeURIComponent(uai) + '/' + kind + '?division=' + encodeURIComponent(division), { headers: headers({}) })
      .then(function (r) { return r.ok ? r.blob().then(function (b) { download(b, kind); out.textContent = 'Téléchargé / Downloaded'; }) : fail(out, r); });
  });
})();
</script>`;
    res.setHeader('Cache-Control', 'no-store');
    res.type('html').send(renderPlainPage({ title: 'Livret scolaire — Pix Embed', body }));
  });
  return router;
}
