/**
 * Peak resident memory of this process and of every process it started (DynamoDB Local's Java,
 * anything they start in turn), sampled from /proc: the kernel's own figure, which counts the
 * worker threads and a JVM's heap alike. Linux only; elsewhere the children read as zero.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Resident set size of one process in bytes, from /proc/<pid>/status (VmRSS), or 0 once gone. */
function residentBytes(pid: number): number {
  try {
    const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
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
    try {
      // The command name (field 2) is in parentheses and may hold spaces: the parent pid follows its ")".
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const siblings = children.get(parent) ?? [];
      siblings.push(Number(entry));
      children.set(parent, siblings);
    } catch {
      // the process ended while being read
    }
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

/** The highest figures seen, in bytes. */
export interface MemoryPeaks {
  /** This process (the benchmark, the gateway, the Lambda sandboxes, the Step Functions runtime). */
  readonly self: number;
  /** Its child processes together (DynamoDB Local). */
  readonly children: number;
  /** Both at the same sample. */
  readonly total: number;
}

/**
 * Samples this process and its children at an interval until stopped; answers the peaks. The
 * children are looked for again only every few samples: reading all of /proc at every sample
 * costs the process being measured more than anything it measures.
 */
export class MemorySampler {
  private peaks = { self: 0, children: 0, total: 0 };
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

  /** Takes one sample now (also done at the interval). */
  sample(): void {
    if (this.samples++ % this.childrenEvery === 0) this.children = descendantsOf(process.pid);
    const self = residentBytes(process.pid);
    const children = this.children.reduce((sum, pid) => sum + residentBytes(pid), 0);
    this.peaks = {
      self: Math.max(this.peaks.self, self),
      children: Math.max(this.peaks.children, children),
      total: Math.max(this.peaks.total, self + children),
    };
  }

  stop(): MemoryPeaks {
    clearInterval(this.timer);
    this.children = descendantsOf(process.pid);
    this.sample();
    return { ...this.peaks };
  }
}
