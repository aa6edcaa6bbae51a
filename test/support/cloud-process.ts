/**
 * `npm start`'s local cloud as its own process tree, for tests that kill it as a crash would:
 * started on free ports and a data directory of the test's, killed with SIGKILL (its whole
 * process group, DynamoDB Local's Java with it, so no handler runs), and started again on the
 * same data. The SES emulator lives in the killed process, so every email any incarnation's
 * emulator accepted is read from its store every few milliseconds while it lives, and from the
 * local SES event journal for what a kill cut off between two reads.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '../../local/ports';
import { OUTBOX_KEY_HEADER } from '../../shared/ports/mailer';

const root = resolve(__dirname, '../..');

/** An email one of the incarnations' emulators accepted. */
export interface SeenEmail {
  readonly messageId: string;
  readonly outboxKey?: string;
  readonly to: readonly string[];
  /** When the test first saw it in the store (epoch ms). */
  readonly seenAt: number;
}

/** One running incarnation. */
export interface CloudIncarnation {
  readonly child: ChildProcess;
  /** What it printed, for a failing test's message. */
  readonly output: () => string;
}

/** The cloud across its incarnations: one data directory, fixed ports, every email seen. */
export interface CloudProcess {
  readonly api: string;
  readonly ses: string;
  /** DynamoDB Local's endpoint (its tables are `retorno-<table>`). */
  readonly dynamoDb: string;
  readonly dataDir: string;
  /** Every email any incarnation's emulator accepted, by message id. */
  readonly emails: ReadonlyMap<string, SeenEmail>;
  /** When each incarnation was killed (epoch ms). */
  readonly kills: readonly number[];
  /** The running incarnation, if any. */
  readonly current: CloudIncarnation | undefined;
  /** Starts an incarnation on the same data and ports; resolves once it says it is up. */
  start(): Promise<CloudIncarnation>;
  /** SIGKILLs the running incarnation's whole process tree. */
  kill(): Promise<void>;
  /** Kills what runs and removes the data directory. */
  dispose(): Promise<void>;
}

/** Options of {@link cloudProcess}. */
export interface CloudProcessOptions {
  /** How often the scheduled functions (the reconciler) run, in seconds. @default 2 */
  readonly scheduleSeconds?: number;
  /** More environment for `npm start`. @default none */
  readonly env?: Readonly<Record<string, string>>;
}

/** The ports an isolated `npm start` listens on. */
export interface StartPorts {
  readonly api: number;
  readonly dynamo: number;
  readonly ses: number;
  readonly sfn: number;
  readonly travel: number;
}

/**
 * Free ports and the environment that gives an `npm start` them and `dataDir`, so a test's
 * start never meets another's (nor a developer's).
 */
export async function isolatedStart(dataDir: string): Promise<{ ports: StartPorts; env: NodeJS.ProcessEnv }> {
  const ports = {
    api: await freePort(),
    dynamo: await freePort(),
    ses: await freePort(),
    sfn: await freePort(),
    travel: await freePort(),
  };
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    RETORNO_DATA_DIR: dataDir,
    RETORNO_API_PORT: String(ports.api),
    RETORNO_DYNAMODB_PORT: String(ports.dynamo),
    RETORNO_SES_PORT: String(ports.ses),
    RETORNO_SFN_PORT: String(ports.sfn),
    RETORNO_TRAVEL_PORT: String(ports.travel),
  };
  return { ports, env };
}

/** A local cloud process on free ports and a fresh data directory, not yet started. */
export async function cloudProcess(options: CloudProcessOptions = {}): Promise<CloudProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'retorno-cloud-'));
  const { ports, env: isolated } = await isolatedStart(dataDir);
  const api = `http://127.0.0.1:${ports.api}`;
  const ses = `http://127.0.0.1:${ports.ses}`;
  const env: NodeJS.ProcessEnv = {
    ...isolated,
    RETORNO_SCHEDULE_SECONDS: String(options.scheduleSeconds ?? 2),
    RETORNO_FUNCTION_LOG_LEVEL: 'ERROR',
    ...options.env,
  };
  const emails = new Map<string, SeenEmail>();
  const kills: number[] = [];
  let current: (CloudIncarnation & { stopWatching(): void }) | undefined;

  const watch = (isWatching: () => boolean) => {
    void (async () => {
      while (isWatching()) {
        try {
          const { emails: stored } = (await (await fetch(`${ses}/store`)).json()) as {
            emails: Array<{
              messageId: string;
              destination: { to: string[] };
              headers?: Array<{ name: string; value: string }>;
            }>;
          };
          for (const email of stored) {
            if (emails.has(email.messageId)) continue;
            const outboxKey = email.headers?.find((header) => header.name === OUTBOX_KEY_HEADER)?.value;
            emails.set(email.messageId, {
              messageId: email.messageId,
              ...(outboxKey ? { outboxKey } : {}),
              to: email.destination.to,
              seenAt: Date.now(),
            });
          }
        } catch {
          // the emulator is gone (killed) or not up yet: what it had accepted was read before
        }
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
  };

  // The store is read every few milliseconds, but an email accepted in the moment before a kill
  // can fall between two reads and die with the store. The local SES event journal has every
  // email the emulator accepted, written before it answered: what the reads missed is taken from it.
  const journal = join(dataDir, 'ses', 'events.jsonl');
  const readJournal = () => {
    let lines: string[];
    try {
      lines = readFileSync(journal, 'utf8').split('\n');
    } catch {
      return;
    }
    for (const line of lines) {
      if (!line.trim()) continue;
      let accepted: {
        messageId: string;
        destination: string[];
        headers?: Array<{ name: string; value: string }>;
      };
      try {
        accepted = JSON.parse(line);
      } catch {
        continue; // a line a kill cut short: its email was not accepted
      }
      if (emails.has(accepted.messageId)) continue;
      const outboxKey = accepted.headers?.find((header) => header.name === OUTBOX_KEY_HEADER)?.value;
      emails.set(accepted.messageId, {
        messageId: accepted.messageId,
        ...(outboxKey ? { outboxKey } : {}),
        to: accepted.destination,
        seenAt: Date.now(),
      });
    }
  };

  const kill = async () => {
    const target = current;
    if (!target || target.child.exitCode !== null || target.child.signalCode !== null) return;
    await new Promise<void>((gone) => {
      target.child.once('exit', () => gone());
      kills.push(Date.now());
      process.kill(-target.child.pid!, 'SIGKILL');
    });
    target.stopWatching();
    current = undefined;
    readJournal();
  };

  return {
    api,
    ses,
    dynamoDb: `http://127.0.0.1:${ports.dynamo}`,
    dataDir,
    get emails() {
      readJournal();
      return emails;
    },
    kills,
    get current() {
      return current;
    },
    async start() {
      if (current) throw new Error('the local cloud is running already: kill it first');
      // Its own process group, so one SIGKILL takes DynamoDB Local's Java with it, as a crash would.
      const child = spawn(process.execPath, ['--import', 'tsx', 'local/start.ts'], {
        cwd: root,
        env,
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      let watching = true;
      watch(() => watching);
      current = { child, output: () => output, stopWatching: () => (watching = false) };
      await new Promise<void>((up, fail) => {
        const timer = setInterval(() => {
          if (/Ctrl-C stops everything/.test(output)) {
            clearInterval(timer);
            clearTimeout(deadline);
            up();
          }
        }, 50);
        const deadline = setTimeout(() => {
          clearInterval(timer);
          fail(new Error(`no start:\n${output}`));
        }, 90_000);
        child.once('exit', (code) => {
          clearInterval(timer);
          clearTimeout(deadline);
          fail(new Error(`exited ${code}:\n${output}`));
        });
      });
      return current;
    },
    kill,
    async dispose() {
      await kill();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
