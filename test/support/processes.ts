import { spawn } from 'node:child_process';
import { startServerProcess, type ServerProcess } from '../../tool/src/bench/server-process.ts';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to completion (bounded by a timeout) and captures its output. */
export function run(command: string, args: string[], env: Record<string, string> = {}, timeoutMs = 30_000): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`timeout: ${command} ${args.join(' ')}\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

export function runCli(args: string[], env: Record<string, string> = {}) {
  return run(process.execPath, [`${ROOT}bin/pix-embed.js`, ...args], env);
}

export type RunningServer = ServerProcess;

/** Starts `npm start`'s entry point on a free port and waits until it listens (see tool/src/bench/server-process.ts). */
export function startServer(env: Record<string, string>, args: string[] = []): Promise<RunningServer> {
  return startServerProcess(env, args);
}
