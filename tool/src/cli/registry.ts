import type { CliCommand } from './command.ts';
import { benchAnswersCommand } from './commands/bench-answers.ts';
import { benchCampaignCommand } from './commands/bench-campaign.ts';
import { dbMigrateCommand } from './commands/db-migrate.ts';
import { orgListCommand } from './commands/org-list.ts';
import { referentialCheckCommand } from './commands/referential-check.ts';
import { benchReferentialCommand } from './commands/bench-referential.ts';
import { benchCatCommand } from './commands/bench-cat.ts';
import { platformAddCommand } from './commands/platform-add.ts';
import { platformBindCommand } from './commands/platform-bind.ts';
import { platformListCommand } from './commands/platform-list.ts';
import { platformToolConfigCommand } from './commands/platform-tool-config.ts';
import { platformRotateKeysCommand } from './commands/platform-rotate-keys.ts';
import { platformDisableCommand, platformEnableCommand } from './commands/platform-status.ts';
import { outboxStatusCommand } from './commands/outbox-status.ts';
import { benchLaunchCommand } from './commands/bench-launch.ts';
import { rosterImportCommand } from './commands/roster-import.ts';
import { clientAddCommand, clientListCommand, clientRevokeCommand } from './commands/client-commands.ts';
import { exportLsuCommand } from './commands/export-lsu.ts';
import { benchLsuCommand } from './commands/bench-lsu.ts';
import { benchLevelsCommand } from './commands/bench-levels.ts';

/** Every subcommand of `npx pix-embed`, in the order `--help` lists them. */
export const commands: CliCommand[] = [
  orgListCommand,
  dbMigrateCommand,
  referentialCheckCommand,
  platformAddCommand,
  platformListCommand,
  platformBindCommand,
  platformToolConfigCommand,
  platformRotateKeysCommand,
  platformDisableCommand,
  platformEnableCommand,
  outboxStatusCommand,
  rosterImportCommand,
  clientAddCommand,
  clientListCommand,
  clientRevokeCommand,
  exportLsuCommand,
  benchReferentialCommand,
  benchCatCommand,
  benchAnswersCommand,
  benchLaunchCommand,
  benchCampaignCommand,
  benchLsuCommand,
  benchLevelsCommand,
];

export function findCommand(words: string[]): { command: CliCommand; rest: string[] } | null {
  let best: CliCommand | null = null;
  for (const command of commands) {
    const matches = command.words.every((word, i) => words[i] === word);
    if (matches && (!best || command.words.length > best.words.length)) best = command;
  }
  return best ? { command: best, rest: words.slice(best.words.length) } : null;
}
