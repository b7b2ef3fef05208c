import { failure, ok, type CliCommand } from '../command.ts';
import { ALL_LIVRET_SCOPES } from '../../livret/domain/livret-scopes.ts';
import { UAI_PATTERN } from '../../livret/domain/livret-errors.ts';

const list = (value: string | boolean | undefined) => (typeof value === 'string' ? value.split(/[\s,]+/).filter(Boolean) : []);

/** `client add`: a livret scolaire API client (LSU, LSL…); the secret is printed once and only its hash is kept. */
export const clientAddCommand: CliCommand = {
  words: ['client', 'add'],
  usage: 'client add --name NOM --scope PORTÉE[,PORTÉE] [--uai 0000000A[,…]] [--id CLIENT_ID] [--json]',
  summary: `Crée un client de l’API livret scolaire (portées : ${ALL_LIVRET_SCOPES.join(', ')} ; sans --uai : portée nationale)`,
  needsDatabase: true,
  async run({ options, container }) {
    const name = typeof options.name === 'string' ? options.name : '';
    const scopes = list(options.scope);
    const uais = list(options.uai).map((u) => u.toUpperCase());
    if (!name || !scopes.length) return failure('CLI_USAGE', `Usage : npx pix-embed ${clientAddCommand.usage}`, 2);
    const unknown = scopes.filter((s) => !ALL_LIVRET_SCOPES.includes(s));
    if (unknown.length) return failure('CLIENT_SCOPE_UNKNOWN', `Portée inconnue : ${unknown.join(', ')} (connues : ${ALL_LIVRET_SCOPES.join(', ')})`, 2);
    const badUai = uais.filter((u) => !UAI_PATTERN.test(u));
    if (badUai.length) return failure('CLIENT_UAI_INVALID', `UAI invalide : ${badUai.join(', ')}`, 2);
    const clientId = typeof options.id === 'string' ? options.id : undefined;
    if (clientId && (await container!.livret.clients.find(clientId))) return failure('CLIENT_EXISTS', `Le client ${clientId} existe déjà.`);
    const { client, secret } = await container!.livret.clients.add({ ...(clientId ? { clientId } : {}), name, scopes, uais: uais.length ? uais : null });
    return ok(
      { clientId: client.clientId, clientSecret: secret, name: client.name, scopes: client.scopes, uais: client.uais },
      [
        `Client créé : ${client.clientId} (${client.name})`,
        `Secret (affiché une seule fois, conservez-le) : ${secret}`,
        `Portées : ${client.scopes.join(' ')} — établissements : ${client.uais ? client.uais.join(', ') : 'tous (national)'}`,
      ].join('\n'),
    );
  },
};

export const clientListCommand: CliCommand = {
  words: ['client', 'list'],
  usage: 'client list [--json]',
  summary: 'Liste les clients de l’API livret scolaire (jamais leurs secrets)',
  needsDatabase: true,
  async run({ container }) {
    const clients = await container!.livret.clients.list();
    const json = clients.map((c) => ({ clientId: c.clientId, name: c.name, scopes: c.scopes, uais: c.uais, createdAt: c.createdAt.toISOString(), revoked: c.revokedAt !== null }));
    const text = clients.length
      ? clients.map((c) => `${c.clientId}  ${c.name}  [${c.scopes.join(' ')}]  ${c.uais ? c.uais.join(',') : 'national'}${c.revokedAt ? '  RÉVOQUÉ' : ''}`).join('\n')
      : 'Aucun client.';
    return ok(json, text);
  },
};

export const clientRevokeCommand: CliCommand = {
  words: ['client', 'revoke'],
  usage: 'client revoke CLIENT_ID [--json]',
  summary: 'Révoque un client : ses jetons cessent de fonctionner immédiatement',
  needsDatabase: true,
  async run({ args, container }) {
    const clientId = args[0];
    if (!clientId) return failure('CLI_USAGE', `Usage : npx pix-embed ${clientRevokeCommand.usage}`, 2);
    if (!(await container!.livret.clients.revoke(clientId))) return failure('CLIENT_NOT_FOUND', `Client inconnu : ${clientId}`);
    return ok({ clientId, revoked: true }, `Client ${clientId} révoqué.`);
  },
};
