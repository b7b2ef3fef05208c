import type { Container } from '../composition-root.ts';

/** What a command prints: JSON for scripts (`--json`), text for people, and the exit code. */
export interface CommandResult {
  json: unknown;
  text: string;
  exitCode: number;
}

export interface CommandContext {
  /** Positional arguments after the command words. */
  args: string[];
  /** `--name value` and `--flag` options. */
  options: Record<string, string | boolean>;
  /** Present when the command declared `needsDatabase`. */
  container?: Container;
}

export interface CliCommand {
  /** The words that name it, e.g. ['org', 'list']. */
  words: string[];
  usage: string;
  summary: string;
  needsDatabase: boolean;
  run(context: CommandContext): Promise<CommandResult>;
}

export function ok(json: unknown, text: string): CommandResult {
  return { json, text, exitCode: 0 };
}

export function failure(code: string, message: string, exitCode = 1): CommandResult {
  return { json: { error: { code, message } }, text: message, exitCode };
}
