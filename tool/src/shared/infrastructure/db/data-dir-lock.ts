import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

/**
 * PGlite is one process: two processes opening one data directory would corrupt it.
 * The process that owns the directory writes this lock; a running server also writes its port and a
 * local token so CLI commands can go through it instead of opening the files themselves.
 */
const lockSchema = z.object({ pid: z.number(), role: z.enum(['server', 'cli']), port: z.number().optional(), token: z.string().optional() });
export type LockInfo = z.infer<typeof lockSchema>;

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: LockInfo,
  ) {
    super(
      holder.role === 'server'
        ? `Le dossier de données ${dataDir} est utilisé par le serveur pix-embed (processus ${holder.pid}, port ${holder.port ?? '?'}). ` +
            `Arrêtez-le d'abord, ou utilisez DATABASE_URL (PostgreSQL) pour plusieurs processus.`
        : `Le dossier de données ${dataDir} est utilisé par une commande pix-embed en cours (processus ${holder.pid}). Réessayez quand elle sera terminée.`,
    );
    this.name = 'DataDirLockedError';
  }
}

function lockPath(dataDir: string): string {
  return join(dataDir, 'pix-embed.lock');
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The live holder of the lock, or null (a stale lock left by a crashed process is removed). */
export function readLock(dataDir: string): LockInfo | null {
  let raw: string;
  try {
    raw = readFileSync(lockPath(dataDir), 'utf8');
  } catch {
    return null;
  }
  const parsed = lockSchema.safeParse(safeJson(raw));
  if (parsed.success && parsed.data.pid !== process.pid && isAlive(parsed.data.pid)) return parsed.data;
  if (parsed.success && parsed.data.pid === process.pid) return null;
  rmSync(lockPath(dataDir), { force: true });
  return null;
}

function safeJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return null;
  }
}

/** Takes the lock atomically (O_EXCL) or throws DataDirLockedError. Returns the release function. */
export function acquireLock(dataDir: string, info: Omit<LockInfo, 'pid'>): () => void {
  mkdirSync(dataDir, { recursive: true });
  for (let attempt = 0; attempt < 2; attempt += 1) {
    const holder = readLock(dataDir);
    if (holder) throw new DataDirLockedError(dataDir, holder);
    try {
      const fd = openSync(lockPath(dataDir), 'wx', 0o600);
      writeSync(fd, JSON.stringify({ pid: process.pid, ...info }));
      closeSync(fd);
      return () => rmSync(lockPath(dataDir), { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  const holder = readLock(dataDir);
  throw new DataDirLockedError(dataDir, holder ?? { pid: 0, role: 'cli' });
}

/** Rewrites the lock held by this process (the server learns its port only after listening). */
export function updateLock(dataDir: string, info: Omit<LockInfo, 'pid'>): void {
  const fd = openSync(lockPath(dataDir), 'w', 0o600);
  writeSync(fd, JSON.stringify({ pid: process.pid, ...info }));
  closeSync(fd);
}
