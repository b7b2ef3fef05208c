import type { CliCommand } from './command.ts';
import { dbMigrateCommand } from './commands/db-migrate.ts';
import { orgListCommand } from './commands/org-list.ts';
import { referentialCheckCommand } from './commands/referential-check.ts';
import { benchReferentialCommand } from './commands/bench-referential.ts';

/** Every subcommand of `npx pix-embed`; `--help` lists them from here. */
export const commands: CliCommand[] = [orgListCommand, dbMigrateCommand];
commands.push(referentialCheckCommand, benchReferentialCommand);

export function findCommand(words: string[]): { command: CliCommand; rest: string[] } | null {
  let best: CliCommand | null = null;
  for (const command of commands) {
    const matches = command.words.every((word, i) => words[i] === word);
    if (matches && (!best || command.words.length > best.words.length)) best = command;
  }
  return best ? { command: best, rest: words.slice(best.words.length) } : null;
}
