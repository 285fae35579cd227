import { readFileSync, readdirSync } from 'node:fs';

/**
 * CPU time a process has used so far (user and system, in ms), from /proc; undefined where
 * there is none. Linux counts it in clock ticks of 10 ms (USER_HZ 100), so read it over
 * seconds of load, not per request.
 */
export function processCpuMs(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces): state is the first, utime the 12th, stime the 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

/** CPU ms so far of each PostgreSQL backend serving `database` on this machine (its title names the database). */
function backendsCpuMs(database: string): Map<number, number> {
  const found = new Map<number, number>();
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return found;
  }
  for (const pid of pids) {
    try {
      const title = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!title.startsWith('postgres: ') || !title.split(' ').includes(database)) continue;
      const ms = processCpuMs(Number(pid));
      if (ms !== undefined) found.set(Number(pid), ms);
    } catch {
      // Gone meanwhile.
    }
  }
  return found;
}

/**
 * The CPU time a server process and the PostgreSQL backends of `database` used while
 * `work` ran (NaN where /proc is missing). A backend that started meanwhile counts whole; one
 * that ended meanwhile is missed (the servers keep their pools, so there are none).
 */
export async function cpuWhile<T>(pid: number, database: string, work: () => Promise<T>): Promise<{ result: T; serverMs: number; databaseMs: number }> {
  const server = processCpuMs(pid);
  const backends = backendsCpuMs(database);
  const result = await work();
  const serverAfter = processCpuMs(pid);
  let databaseMs = 0;
  for (const [backend, ms] of backendsCpuMs(database)) databaseMs += ms - (backends.get(backend) ?? 0);
  return {
    result,
    serverMs: server === undefined || serverAfter === undefined ? NaN : serverAfter - server,
    databaseMs: backends.size || databaseMs ? databaseMs : NaN,
  };
}
