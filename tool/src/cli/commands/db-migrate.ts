import { ok, type CliCommand } from '../command.ts';

/** Building the container applies pending migrations; this command reports that and stops. */
export const dbMigrateCommand: CliCommand = {
  words: ['db', 'migrate'],
  usage: 'db migrate [--json]',
  summary: 'Applique les migrations de la base de données (fait aussi au démarrage)',
  needsDatabase: true,
  async run({ container }) {
    return ok({ database: container!.database.kind, status: 'up-to-date' }, `Base ${container!.database.kind} à jour.`);
  },
};
