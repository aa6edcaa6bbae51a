/**
 * The runtime's durable memory: one append-only journal of JSON lines in the data directory.
 * Every record is written and fsync'ed before the promise of its `append` resolves, so a caller
 * that awaits it knows the record survives kill -9. Appends that arrive while a write is under
 * way are written together with one fsync (group commit): many executions share the cost.
 *
 * Hand-written rather than a database: nothing installed offers an embedded store, and an
 * append-only log with a torn-tail check is the simplest thing that is crash-safe.
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, truncateSync } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { join } from 'node:path';

/** How records reach the disk. */
export type Durability = 'fsync' | 'none';

/** What `append` answers when there is nothing to wait for: one promise, made once. */
export const ON_DISK: Promise<void> = Promise.resolve();

interface Waiter {
  resolve(): void;
  reject(error: unknown): void;
}

/** An append-only, crash-safe log of JSON records. */
export class Journal {
  private buffer: string[] = [];
  private waiters: Waiter[] = [];
  private flushing: Promise<void> | undefined;
  private closed = false;

  private constructor(
    private readonly handle: FileHandle | undefined,
    /** Every record found on disk when the journal was opened, oldest first. */
    readonly recovered: readonly unknown[],
  ) {}

  /**
   * Opens (or creates) the journal of a data directory and reads back what it holds. A last
   * line cut short by a crash is dropped, and cut from the file so that new records start clean.
   */
  static async open(dataDir: string, durability: Durability): Promise<Journal> {
    if (durability === 'none') return new Journal(undefined, []);
    mkdirSync(dataDir, { recursive: true });
    const path = join(dataDir, 'journal.jsonl');
    const created = !existsSync(path);
    const records: unknown[] = [];
    if (!created) {
      // Lines are found in the bytes (a newline byte never occurs inside a UTF-8 character), so
      // the offset of the last good line is known without re-measuring the text before it.
      const bytes = readFileSync(path);
      let start = 0;
      while (start < bytes.length) {
        const end = bytes.indexOf(0x0a, start);
        if (end < 0) break; // no newline: a torn tail
        try {
          records.push(JSON.parse(bytes.toString('utf8', start, end)));
        } catch {
          break; // a torn or garbled line ends what can be trusted
        }
        start = end + 1;
      }
      if (start < bytes.length) truncateSync(path, start);
    }
    const handle = await open(path, 'a');
    if (created) {
      // The new file's directory entry must survive a crash too.
      const dir = openSync(dataDir, 'r');
      try {
        fsyncSync(dir);
      } finally {
        closeSync(dir);
      }
    }
    return new Journal(handle, records);
  }

  /**
   * Appends a record; resolves once it is on disk (at once when durability is off). After close
   * (the runtime is stopping) nothing more is recorded and the promise never settles: work still
   * in flight, such as a Lambda answer arriving during shutdown, stops at its last durable state
   * exactly as it would at a crash, and resumes from there on restart, instead of failing and
   * escaping as an unhandled rejection that ends the process mid-shutdown.
   */
  append(record: unknown): Promise<void> {
    if (!this.handle) return ON_DISK;
    if (this.closed) return new Promise<void>(() => {});
    this.buffer.push(`${JSON.stringify(record)}\n`);
    const done = new Promise<void>((resolve, reject) => this.waiters.push({ resolve, reject }));
    if (!this.flushing) this.flushing = this.flush();
    return done;
  }

  /** Whether records are written (durability fsync); with 'none', `append` keeps nothing. */
  get writes(): boolean {
    return this.handle !== undefined;
  }

  /** Waits for every appended record to be on disk, then closes the file. */
  async close(): Promise<void> {
    while (this.flushing) await this.flushing;
    this.closed = true;
    await this.handle?.close();
  }

  private async flush(): Promise<void> {
    const handle = this.handle!;
    while (this.buffer.length > 0) {
      const data = this.buffer.join('');
      const waiters = this.waiters;
      this.buffer = [];
      this.waiters = [];
      try {
        await handle.write(data);
        await handle.datasync();
        for (const waiter of waiters) waiter.resolve();
      } catch (error) {
        for (const waiter of waiters) waiter.reject(error);
      }
    }
    this.flushing = undefined;
  }
}
