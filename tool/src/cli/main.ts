import { randomUUID } from 'node:crypto';
import { AppError } from '../shared/domain/errors.ts';
import pino from 'pino';
import { ConfigError, loadConfig } from '../config/config.ts';
import { readPackageVersion } from '../config/version.ts';
import { buildContainer } from '../composition-root.ts';
import { acquireLock, DataDirLockedError, readLock } from '../shared/infrastructure/db/data-dir-lock.ts';
import { failure, type CommandResult } from './command.ts';
import { parseArgv } from './parse-argv.ts';
import { commands, findCommand } from './registry.ts';

function helpText(): string {
  return [
    'Usage : npx pix-embed <commande> [options]',
    '',
    'Commandes :',
    ...commands.flatMap((c) => [`  ${c.usage}`, `      ${c.summary}`]),
    '',
    'Options communes : --json (sortie JSON lisible par un script), --help',
    'Base : DATABASE_URL (PostgreSQL) ou PGlite dans DATA_DIR (./data). Voir .env.example.',
  ].join('\n');
}

async function execute(argv: string[]): Promise<CommandResult> {
  const { words, options } = parseArgv(argv);
  if (words.length === 0 || options.help === true && words.length === 0) return { json: { commands: commands.map((c) => c.usage) }, text: helpText(), exitCode: 0 };
  const found = findCommand(words);
  if (!found) return failure('CLI_UNKNOWN_COMMAND', `Commande inconnue : ${words.join(' ')}\n\n${helpText()}`, 2);
  if (options.help === true) return { json: { usage: found.command.usage }, text: `Usage : npx pix-embed ${found.command.usage}\n${found.command.summary}`, exitCode: 0 };
  if (!found.command.needsDatabase) return found.command.run({ args: found.rest, options });

  const config = loadConfig(process.env, { memory: options.memory === true }, readPackageVersion());
  const dataDir = config.database.kind === 'pglite' ? config.database.dataDir : null;
  if (dataDir) {
    const holder = readLock(dataDir);
    if (holder?.role === 'server' && holder.port && holder.token) {
      // The server owns the files: run the command inside it.
      const response = await fetch(`http://127.0.0.1:${holder.port}/internal/cli`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-cli-token': holder.token },
        body: JSON.stringify({ words, options }),
      });
      if (!response.ok) return failure('CLI_SERVER_REFUSED', `Le serveur en cours a refusé la commande (HTTP ${response.status}).`);
      return (await response.json()) as CommandResult;
    }
  }
  const release = dataDir ? acquireLock(dataDir, { role: 'cli' }) : () => undefined;
  try {
    const container = await buildContainer(config, { logger: pino({ level: 'warn' }, pino.destination(2)) });
    try {
      return await found.command.run({ args: found.rest, options, container });
    } finally {
      await container.close();
    }
  } finally {
    release();
  }
}

export async function runCli(argv: string[]): Promise<number> {
  const json = argv.includes('--json');
  let result: CommandResult;
  try {
    result = await execute(argv);
  } catch (error) {
    const known = error instanceof ConfigError || error instanceof DataDirLockedError || error instanceof AppError;
    const message = known ? (error as Error).message : `Erreur inattendue (${randomUUID().slice(0, 8)}) : ${(error as Error).message}`;
    // A coded error of the domain (a missing LSU schema…) keeps its code.
    const code = error instanceof AppError ? error.code : error instanceof ConfigError ? 'CONFIG_INVALID' : error instanceof DataDirLockedError ? 'DATA_DIR_LOCKED' : 'CLI_FAILED';
    result = failure(code, message);
  }
  if (json) process.stdout.write(`${JSON.stringify(result.json)}\n`);
  else (result.exitCode === 0 ? process.stdout : process.stderr).write(`${result.text}\n`);
  return result.exitCode;
}

process.exitCode = await runCli(process.argv.slice(2));
