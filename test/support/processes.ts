import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TSX = `${ROOT}node_modules/.bin/tsx`;

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

export interface RunningServer {
  child: ChildProcess;
  port: number;
  baseUrl: string;
  output(): string;
  stop(): Promise<number | null>;
}

/** Starts `npm start`'s entry point (tsx tool/src/main.ts) on a free port and waits until it listens. */
export function startServer(env: Record<string, string>, args: string[] = []): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, ['tool/src/main.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start:\n${output}`));
    }, 40_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const port = /prêt sur le port (\d+)/.exec(output)?.[1];
      if (port) {
        clearTimeout(timer);
        child.stdout.off('data', onData);
        child.stdout.on('data', (c: Buffer) => (output += c.toString()));
        resolve({
          child,
          port: Number(port),
          baseUrl: `http://127.0.0.1:${port}`,
          output: () => output,
          stop: () =>
            new Promise((done) => {
              if (child.exitCode !== null) return done(child.exitCode);
              child.once('exit', (code) => done(code));
              child.kill('SIGTERM');
            }),
        });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
}
