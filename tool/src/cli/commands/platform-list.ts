import { ok, type CliCommand } from '../command.ts';

/** `platform list`: every registration, its deployments and the schools it serves. */
export const platformListCommand: CliCommand = {
  words: ['platform', 'list'],
  usage: 'platform list [--json]',
  summary: 'Liste les plateformes LTI enregistrées (déploiements, établissements, services accordés)',
  needsDatabase: true,
  async run({ container }) {
    const platforms = await container!.lti.deps.platforms.list();
    const json = platforms.map((p) => ({
      issuer: p.issuer,
      clientId: p.clientId,
      name: p.name,
      status: p.status,
      registration: p.registration,
      authUrl: p.authUrl,
      tokenUrl: p.tokenUrl,
      jwksUrl: p.jwksUrl,
      scopes: p.scopes,
      uais: p.organizations.map((o) => o.uai),
      deployments: p.deployments.map((d) => ({ deploymentId: d.deploymentId, uais: d.organizations.map((o) => o.uai) })),
      createdAt: p.createdAt.toISOString(),
    }));
    const text = platforms.length
      ? platforms
          .map((p) =>
            [
              `${p.name || p.issuer}  [${p.registration}, ${p.status}]`,
              `  issuer        ${p.issuer}`,
              `  client_id     ${p.clientId}`,
              `  déploiements  ${p.deployments.map((d) => (d.organizations.length ? `${d.deploymentId} (${d.organizations.map((o) => o.uai).join(', ')})` : d.deploymentId)).join(', ') || '—'}`,
              `  établissements ${p.organizations.map((o) => `${o.uai ?? '—'} ${o.name}`).join(', ') || '— (npx pix-embed platform bind)'}`,
              `  services      ${p.scopes.map((s) => s.split('/scope/')[1] ?? s).join(', ') || '—'}`,
            ].join('\n'),
          )
          .join('\n\n')
      : 'Aucune plateforme LTI enregistrée (npx pix-embed platform add, ou enregistrement dynamique).';
    return ok(json, text);
  },
};
