import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100;

/**
 * CPU time (user + system, ms) used so far by a process and its direct children (the server processes of a
 * cluster), from /proc. A benchmark divides its difference by the work done: a cost per request that does not
 * depend on what else the machine is running, unlike wall-clock throughput. Null where /proc is missing.
 */
export function processTreeCpuMs(pid: number): number | null {
  try {
    let children: number[] = [];
    try {
      children = execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' }).split('\n').map(Number).filter(Boolean);
    } catch {
      // No child: ps exits with 1.
    }
    return [pid, ...children].reduce((sum, id) => sum + cpuTicks(id), 0) * (1000 / TICKS_PER_SECOND);
  } catch {
    return null;
  }
}

function cpuTicks(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces) start at ") ": utime and stime are fields 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

/** The parent of a process (for a PostgreSQL backend: the postmaster, whose children are all the backends). */
export function parentPid(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return null;
  }
}
