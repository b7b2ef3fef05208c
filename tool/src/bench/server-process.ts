import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface ServerProcess {
  child: ChildProcess;
  port: number;
  baseUrl: string;
  /** Everything the server printed so far (stdout and stderr). */
  output(): string;
  /** SIGTERM, then resolves with the exit code. */
  stop(): Promise<number | null>;
}

/**
 * Starts `npm start`'s entry point (tool/src/main.ts through tsx) as its own process, on a free loopback port by
 * default, and resolves once it prints the port it listens on. Benchmarks use it so the load generator does not
 * share the server's event loop; process tests use it to test start-up and shutdown.
 */
export function startServerProcess(env: Record<string, string>, args: string[] = [], timeoutMs = 60_000): Promise<ServerProcess> {
  return new Promise((resolve, reject) => {
    // PIX_EMBED_SERVER_NODE_FLAGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") profiles the server of a benchmark.
    const nodeFlags = (process.env.PIX_EMBED_SERVER_NODE_FLAGS ?? '').split(' ').filter(Boolean);
    const child = spawn(process.execPath, [...nodeFlags, '--import', 'tsx', 'tool/src/main.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let started = false;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start:\n${output}`));
    }, timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const port = started ? undefined : /prêt sur le port (\d+)/.exec(output)?.[1];
      if (!port) return;
      started = true;
      clearTimeout(timer);
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
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (!started) reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
}
