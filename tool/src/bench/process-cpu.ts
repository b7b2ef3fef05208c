import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100;

/**
 * CPU time (user + system, ms) used so far by a process and its direct children (the server processes of a
 * cluster, the backends of a PostgreSQL server), those that have exited included, from /proc. A benchmark divides
 * its difference by the work done: a cost per request that does not depend on what else the machine is running,
 * unlike wall-clock throughput. Null where /proc is missing.
 */
export function processTreeCpuMs(pid: number): number | null {
  try {
    let children: number[] = [];
    try {
      children = execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' }).split('\n').map(Number).filter(Boolean);
    } catch {
      // No child: ps exits with 1.
    }
    // A child that exits (a pooled connection closed when idle ends its backend) moves its time into the parent's
    // "children" counters: counted there, it is neither lost nor counted twice.
    return (cpuTicks(pid, true) + children.reduce((sum, id) => sum + cpuTicks(id, false), 0)) * (1000 / TICKS_PER_SECOND);
  } catch {
    return null;
  }
}

function cpuTicks(pid: number, withExitedChildren: boolean): number {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch (error) {
    // A child listed by ps may exit before it is read: its time is then in the parent's counters.
    if (!withExitedChildren) return 0;
    throw error;
  }
  // Fields after the command name (which may hold spaces) start at ") ": utime, stime, cutime and cstime are
  // fields 14 to 17 (cutime and cstime: the children this process has waited for).
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const own = Number(fields[11]) + Number(fields[12]);
  return withExitedChildren ? own + Number(fields[13]) + Number(fields[14]) : own;
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
