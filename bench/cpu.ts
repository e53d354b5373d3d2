/**
 * CPU time of the processes a benchmark run involves, read from /proc (Linux only; elsewhere, and
 * for a PostgreSQL on another machine, the figures are left out). Requests per second move with
 * whatever else the machine does; CPU time per request says what each side costs.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** CPU milliseconds so far, per process id. */
export type CpuSample = ReadonlyMap<number, number>;

let ticksPerSecond: number | undefined;

function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

interface ProcStat {
  parent: number;
  cpuMs: number;
}

/** utime + stime and the parent of one process, or undefined when it is gone (or there is no /proc). */
function procStat(pid: number): ProcStat | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // The command name (field 2) is in parentheses and may contain spaces: fields count from after it.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return { parent: Number(fields[1]), cpuMs: ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicks() };
}

/** Whether this machine has /proc to read CPU times from. */
export function canSampleCpu(): boolean {
  return procStat(process.pid) !== undefined;
}

/** CPU time of the given processes and of every child of `parentOf` (a PostgreSQL server's postmaster, say). */
export function sampleCpu(pids: readonly number[], parentOf?: number): CpuSample {
  const sample = new Map<number, number>();
  for (const pid of pids) {
    const stat = procStat(pid);
    if (stat) sample.set(pid, stat.cpuMs);
  }
  if (parentOf !== undefined) {
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      const stat = procStat(Number(entry));
      if (stat?.parent === parentOf) sample.set(Number(entry), stat.cpuMs);
    }
  }
  return sample;
}

/**
 * CPU milliseconds spent between two samples: what each process present at the end spent since
 * the start (all of it for one started in between; one that ended in between is not counted).
 */
export function cpuBetween(before: CpuSample, after: CpuSample): number {
  let total = 0;
  for (const [pid, ms] of after) total += ms - (before.get(pid) ?? 0);
  return total;
}

/**
 * The postmaster of the server a backend belongs to (its parent), when that backend runs on this
 * machine: a process of that id here whose command line names PostgreSQL (a server elsewhere has
 * its own process ids).
 */
export function postmasterOf(backendPid: number): number | undefined {
  const stat = procStat(backendPid);
  if (!stat || stat.parent <= 1) return undefined;
  try {
    const commandLine = readFileSync(`/proc/${backendPid}/cmdline`, 'utf8');
    return commandLine.startsWith('postgres') ? stat.parent : undefined;
  } catch {
    return undefined;
  }
}
