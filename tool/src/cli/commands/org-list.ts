import { ok, type CliCommand } from '../command.ts';

export const orgListCommand: CliCommand = {
  words: ['org', 'list'],
  usage: 'org list [--json]',
  summary: 'Liste les établissements (UAI, nom, type)',
  needsDatabase: true,
  async run({ container }) {
    const organizations = await container!.organizations.list();
    const json = organizations.map((o) => ({ uai: o.uai, name: o.name, type: o.type }));
    const text = organizations.length
      ? organizations.map((o) => `${(o.uai ?? '—').padEnd(9)} ${o.type}  ${o.name}`).join('\n')
      : 'Aucun établissement.';
    return ok(json, text);
  },
};
