/**
 * What the benchmark's processes cost, read from /proc, the kernel's own figures: peak resident
 * memory (which counts the worker threads and a JVM's heap alike) and CPU time, of this process
 * and of every process it started (DynamoDB Local's java, esbuild's service), by command name.
 * CPU seconds per case hold still when other work shares the machine, where wall time does not.
 * Linux only; elsewhere every figure reads as zero.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc's CPU times (USER_HZ): 100 on Linux. */
const TICKS_PER_SECOND = 100;

function read(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined; // the process ended
  }
}

/** Resident set size of one process in bytes (VmRSS), or 0 once gone. */
function residentBytes(pid: number): number {
  const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(read(`/proc/${pid}/status`) ?? '');
  return match ? Number(match[1]) * 1024 : 0;
}

/** The fields of /proc/<pid>/stat after the command name (which is in parentheses and may hold spaces). */
function statFields(pid: number | string): string[] | undefined {
  const stat = read(`/proc/${pid}/stat`);
  return stat === undefined ? undefined : stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

/** User and system CPU time of one process (or `pid/task/tid`, one thread), in seconds (0 once gone). */
function cpuSeconds(pid: number | string): number {
  const fields = statFields(pid);
  // After the name: state, ppid, …; utime and stime are the stat file's 14th and 15th fields.
  return fields ? (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND : 0;
}

function commandOf(pid: number): string {
  return (read(`/proc/${pid}/comm`) ?? '?').trim();
}

/** Every live descendant of `root`, found by each process's parent in /proc/<pid>/stat. */
function descendantsOf(root: number): number[] {
  const children = new Map<number, number[]>();
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return [];
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const parent = Number(statFields(entry)?.[1]);
    const siblings = children.get(parent) ?? [];
    siblings.push(Number(entry));
    children.set(parent, siblings);
  }
  const found: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    for (const child of children.get(queue.shift()!) ?? []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

/** Figures of this process and of its children by command name (e.g. `java`). */
export interface Usage {
  readonly self: number;
  /** Of `self`, the main thread's (CPU only; memory is per process). */
  readonly mainThread?: number;
  readonly children: Readonly<Record<string, number>>;
}

/** The sum of a usage's children. */
export function childrenTotal(usage: Usage): number {
  return Object.values(usage.children).reduce((sum, value) => sum + value, 0);
}

/**
 * Samples this process and its children at an interval until stopped: the peaks of resident
 * memory, and CPU time between two readings. The children are looked for again only every few
 * samples: reading all of /proc at every sample cost the process being measured more than
 * anything it measured.
 */
export class ProcessUsage {
  private memory = { self: 0, children: {} as Record<string, number>, total: 0 };
  private readonly timer: NodeJS.Timeout;
  private children: number[] = [];
  private samples = 0;

  constructor(
    intervalMs = 500,
    private readonly childrenEvery = 10,
  ) {
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
    this.timer.unref();
  }

  /** Takes one memory sample now (also done at the interval). */
  sample(): void {
    if (this.samples++ % this.childrenEvery === 0) this.children = descendantsOf(process.pid);
    const self = residentBytes(process.pid);
    const children: Record<string, number> = {};
    for (const pid of this.children) {
      const command = commandOf(pid);
      children[command] = (children[command] ?? 0) + residentBytes(pid);
    }
    const total = self + Object.values(children).reduce((sum, bytes) => sum + bytes, 0);
    this.memory = {
      self: Math.max(this.memory.self, self),
      children: Object.fromEntries(
        [...new Set([...Object.keys(this.memory.children), ...Object.keys(children)])].map((command) => [
          command,
          Math.max(this.memory.children[command] ?? 0, children[command] ?? 0),
        ]),
      ),
      total: Math.max(this.memory.total, total),
    };
  }

  /** CPU seconds used so far by this process (every thread) and by each kind of child. */
  cpu(): Usage {
    this.children = descendantsOf(process.pid);
    const children: Record<string, number> = {};
    for (const pid of this.children) {
      const command = commandOf(pid);
      children[command] = (children[command] ?? 0) + cpuSeconds(pid);
    }
    return {
      self: cpuSeconds(process.pid),
      mainThread: cpuSeconds(`${process.pid}/task/${process.pid}`),
      children,
    };
  }

  /** Stops sampling; answers the peaks of resident memory in bytes (`total`: at one sample). */
  stop(): Usage & { readonly total: number } {
    clearInterval(this.timer);
    this.children = descendantsOf(process.pid);
    this.sample();
    return { ...this.memory };
  }
}

/** CPU seconds used between two readings. */
export function cpuBetween(before: Usage, after: Usage): Usage {
  return {
    self: after.self - before.self,
    mainThread: (after.mainThread ?? 0) - (before.mainThread ?? 0),
    children: Object.fromEntries(
      Object.entries(after.children).map(([command, seconds]) => [
        command,
        seconds - (before.children[command] ?? 0),
      ]),
    ),
  };
}
