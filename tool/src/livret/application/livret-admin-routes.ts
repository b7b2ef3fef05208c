import { createWriteStream } from 'node:fs';
import { sessionOf } from '../../identity/application/require-session.ts';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import express, { type Response, type Router } from 'express';
import { competenceLevelsCsv, manualEntryCsv } from '../../../../connectors/exports/competence-csv.ts';
import { escapeHtml, renderPlainPage } from '../../widgets-host/render-widget-page.ts';
import { badRequest, forbidden } from '../../shared/domain/errors.ts';
import { UAI_PATTERN, livretErrors } from '../domain/livret-errors.ts';
import { mapToLsuNiveau } from '../domain/lsu-level-mapping.ts';
import { exportLsu } from '../domain/usecases/export-lsu.ts';
import { readAllSchoolLevels } from '../domain/usecases/read-school-levels.ts';
import type { LivretDeps } from './livret-deps.ts';

const MAX_LSU_BYTES = 100 * 1024 * 1024;

/** The school (ADMIN of that very school, by membership) a session may export. */
async function adminSchool(deps: LivretDeps, res: Response, uai: string) {
  const session = sessionOf(res);
  if (!UAI_PATTERN.test(uai)) throw livretErrors.uaiInvalid();
  const organization = await deps.organizations.findByUai(uai);
  if (!organization) throw forbidden();
  if ((await deps.memberships.findMembership(session.userId, organization.id)) !== 'ADMIN') throw forbidden('Réservé aux administrateurs de cet établissement.');
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
 * arrives in the URL fragment (`/livret/ecole#token=…`), which browsers never send to servers or logs.
 */
export function livretAdminPageRoutes(): Router {
  const router = express.Router();
  router.get('/livret/ecole', (_req, res) => {
    const nonce = escapeHtml(res.locals.cspNonce ?? '');
    const body = `<h1>Livret scolaire : compétences numériques <span lang="en">/ School report: digital competences</span></h1>
<p>Réservé aux administrateurs de l’établissement. <span lang="en">School administrators only.</span></p>
<section aria-labelledby="lsu-title">
<h2 id="lsu-title">Enrichir l’export LSU <span lang="en">/ Enrich the LSU export</span></h2>
<p>Déposez le fichier LSU exporté par votre logiciel de vie scolaire : les élèves de CM2 et de 6e y reçoivent leurs compétences numériques (niveaux 1 à 3). Le reste du fichier n’est pas modifié. <span lang="en">Upload your school software's LSU export: CM2 and 6e pupils get their digital competences; nothing else changes.</span></p>
<form id="lsu-form">
<p><label for="lsu-uai">UAI de l’établissement <span lang="en">/ School UAI</span></label>
<input id="lsu-uai" name="uai" required pattern="[0-9]{7}[A-Za-z]" autocomplete="off"></p>
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
<script nonce="${nonce}">
(function () {
  var token = (new URLSearchParams(location.hash.slice(1))).get('token') || '';
  function download(blob, name) { var a = document.createElement('a'); a.href = URL.createObjectURL(blob); a.download = name; document.body.appendChild(a); a.click(); a.remove(); }
  function fail(el, r) { return r.json().then(function (b) { el.textContent = 'Erreur / Error: ' + ((b.error && b.error.message) || r.status) + (b.error && b.error.details && b.error.details.messages ? ' — ' + b.error.details.messages.join(' ; ') : ''); }); }
  var uai = document.getElementById('lsu-uai');
  document.getElementById('lsu-form').addEventListener('submit', function (e) {
    e.preventDefault();
    var out = document.getElementById('lsu-result'); var file = document.getElementById('lsu-file').files[0]; if (!file) return;
    var url = '/api/livret/organizations/' + encodeURIComponent(uai.value.toUpperCase()) + '/lsu?lastOnly=' + (document.getElementById('lsu-last').checked ? '1' : '0');
    var headers = { authorization: 'Bearer ' + token, 'content-type': 'application/xml' };
    out.textContent = 'Traitement… / Processing…';
    fetch(url + '&report=json', { method: 'POST', headers: headers, body: file }).then(function (r) {
      if (!r.ok) return fail(out, r);
      return r.json().then(function (report) {
        out.textContent = report.enriched + ' élève(s) enrichi(s), ' + report.skipped.length + ' écarté(s) / pupils enriched, skipped: ' + report.skipped.map(function (s) { return s.name + ' (' + s.idBe + ') ' + s.reason; }).join(', ');
        return fetch(url, { method: 'POST', headers: headers, body: file }).then(function (r2) { return r2.ok ? r2.blob().then(function (b) { download(b, 'lsu-enrichi.xml'); }) : fail(out, r2); });
      });
    });
  });
  document.getElementById('csv-form').addEventListener('submit', function (e) {
    e.preventDefault();
    var out = document.getElementById('csv-result'); var division = document.getElementById('csv-division').value;
    var kind = e.submitter && e.submitter.value === 'manual' ? 'lsu-manual-entry.csv' : 'competence-levels.csv';
    fetch('/api/livret/organizations/' + encodeURIComponent(uai.value.toUpperCase()) + '/' + kind + '?division=' + encodeURIComponent(division), { headers: { authorization: 'Bearer ' + token } })
      .then(function (r) { return r.ok ? r.blob().then(function (b) { download(b, kind); out.textContent = 'Téléchargé / Downloaded'; }) : fail(out, r); });
  });
})();
</script>`;
    res.setHeader('Cache-Control', 'no-store');
    res.type('html').send(renderPlainPage({ title: 'Livret scolaire — Pix Embed', body }));
  });
  return router;
}
