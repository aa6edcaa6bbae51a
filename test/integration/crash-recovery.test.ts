/**
 * Nothing lost to a crash: `npm start`'s process tree is killed with SIGKILL (no handler runs)
 * while cases wait for a burst of approvals, and again while the workflow sends its emails; each
 * time the local cloud is started again on the same data, people retry what failed as they would,
 * and the reconciler repairs the rest. Every decision counts once, the money moves once per case,
 * and every email is sent once, but for the one window SES leaves open (no idempotency key: an
 * email SES accepted just before the kill, not yet marked sent, is sent again). The SES emulator
 * lives in the killed process, so the test reads its store every few milliseconds while it lives.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '../../local/ports';
import { validCaseRequest } from '../support/case-request-fixture';
import { eventually } from '../support/eventually';

const root = resolve(__dirname, '../..');

interface Cloud {
  readonly child: ChildProcess;
  /** What it printed, for a failing test's message. */
  readonly output: () => string;
  readonly seen: Map<string, { outboxKey?: string; to: string[]; seenAt: number }>;
  stopWatching(): void;
}

let dataDir: string;
let env: NodeJS.ProcessEnv;
let api = '';
let ses = '';
let cloud: Cloud | undefined;
/** Every email any incarnation's emulator accepted, by message id. */
const emails = new Map<string, { outboxKey?: string; to: string[]; seenAt: number }>();
/** When each incarnation was killed (epoch ms). */
const kills: number[] = [];

async function startCloud(): Promise<Cloud> {
  // Its own process group, so one SIGKILL takes DynamoDB Local's Java with it, as a crash would.
  const child = spawn(process.execPath, ['--import', 'tsx', 'local/start.ts'], {
    cwd: root,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise<void>((resolveUp, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start:\n${output}`)), 90_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (/Ctrl-C stops everything/.test(output)) {
        clearTimeout(timer);
        resolveUp();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`exited ${code}:\n${output}`)));
  });
  let watching = true;
  const watch = async () => {
    while (watching) {
      try {
        const { emails: stored } = (await (await fetch(`${ses}/store`)).json()) as {
          emails: Array<{
            messageId: string;
            destination: { to: string[] };
            headers?: Array<{ name: string; value: string }>;
          }>;
        };
        for (const email of stored) {
          const outboxKey = email.headers?.find((header) => header.name === 'X-Retorno-Outbox-Key')?.value;
          if (!emails.has(email.messageId))
            emails.set(email.messageId, {
              ...(outboxKey ? { outboxKey } : {}),
              to: email.destination.to,
              seenAt: Date.now(),
            });
        }
      } catch {
        // the emulator is gone (killed): what it had accepted was read on the previous round
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  void watch();
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output, seen: emails, stopWatching: () => (watching = false) };
}

function kill(target: Cloud): Promise<void> {
  return new Promise<void>((resolveGone) => {
    target.child.once('exit', () => resolveGone());
    kills.push(Date.now());
    process.kill(-target.child.pid!, 'SIGKILL');
  }).then(() => {
    target.stopWatching();
  });
}

const tokens = new Map<string, string>();
async function call(user: string, method: string, path: string, body?: unknown) {
  let token = tokens.get(user);
  if (!token) {
    const issued = await fetch(`${api}/local/token`, {
      method: 'POST',
      body: JSON.stringify({ username: user }),
    });
    token = ((await issued.json()) as { token: string }).token;
    tokens.set(user, token);
  }
  const response = await fetch(`${api}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

async function advance(duration: string) {
  await fetch(`${api}/local/clock`, { method: 'POST', body: JSON.stringify({ advance: duration }) });
  tokens.clear();
}

async function statusOf(caseId: string): Promise<string> {
  return (await call('consular.hn', 'GET', `/api/cases/${caseId}`)).body.status;
}

/** Each user decides their case's task, all at once; answers the decisions that were refused or lost. */
async function burst(decisions: Array<{ user: string; caseId: string; kind: string }>) {
  return Promise.all(
    decisions.map(async (decision) => {
      try {
        const inbox = await call(decision.user, 'GET', `/api/tasks?kind=${decision.kind}&limit=100`);
        const task = (inbox.body.items as Array<{ taskId: string; caseId: string }>).find(
          (t) => t.caseId === decision.caseId,
        );
        // No longer open: decided (the answer the crash swallowed had said so). The checks at
        // the end count every decision on the case.
        if (!task) return inbox.status === 200 ? undefined : decision;
        const done = await call(decision.user, 'POST', `/api/tasks/${task.taskId}/complete`, {
          decision: 'approve',
        });
        return done.status === 200 ? undefined : decision;
      } catch {
        return decision;
      }
    }),
  ).then((left) => left.filter((d): d is NonNullable<typeof d> => d !== undefined));
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'retorno-crash-'));
  const ports = {
    api: await freePort(),
    dynamo: await freePort(),
    ses: await freePort(),
    sfn: await freePort(),
    travel: await freePort(),
  };
  api = `http://127.0.0.1:${ports.api}`;
  ses = `http://127.0.0.1:${ports.ses}`;
  env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    RETORNO_DATA_DIR: dataDir,
    RETORNO_API_PORT: String(ports.api),
    RETORNO_DYNAMODB_PORT: String(ports.dynamo),
    RETORNO_SES_PORT: String(ports.ses),
    RETORNO_SFN_PORT: String(ports.sfn),
    RETORNO_TRAVEL_PORT: String(ports.travel),
    // The reconciler every 2 seconds, so a repair does not wait for the default minute.
    RETORNO_SCHEDULE_SECONDS: '2',
    RETORNO_FUNCTION_LOG_LEVEL: 'ERROR',
  };
}, 30_000);

afterAll(async () => {
  if (cloud && cloud.child.exitCode === null) await kill(cloud);
  rmSync(dataDir, { recursive: true, force: true });
});

describe('a SIGKILL of the local cloud', () => {
  it('loses no decision, moves no money twice and sends every email once', async () => {
    cloud = await startCloud();
    const before = (await call('secretariat', 'GET', '/api/funds/rcm-reserve')).body;
    const cases: string[] = [];
    for (let i = 0; i < 4; i++) {
      const request = validCaseRequest({
        migrant: { documentNumber: `0801-2010-CRASH${i}`, familyNames: `Crash ${i}` },
      });
      const submitted = await call('consular.hn', 'POST', '/api/cases', request);
      if (submitted.status !== 201)
        throw new Error(
          `${submitted.status} ${JSON.stringify(submitted.body)}\n${cloud.output().slice(-3000)}`,
        );
      cases.push(submitted.body.caseId);
    }
    for (const caseId of cases)
      await eventually(
        async () => ((await statusOf(caseId)) === 'AWAITING_APPROVALS' ? true : undefined),
        30_000,
      );

    // Twelve decisions at once, and the process tree killed while they are under way.
    const decisions = cases.flatMap((caseId) =>
      ['authority.mx', 'authority.gt', 'authority.hn'].map((user) => ({
        user,
        caseId,
        kind: 'country_approval',
      })),
    );
    const first = burst(decisions);
    await new Promise((r) => setTimeout(r, 400));
    await kill(cloud);
    let left = await first;

    cloud = await startCloud();
    // People retry what failed; the reconciler re-sends decisions the crash kept from their workflows.
    for (let round = 0; left.length > 0 && round < 5; round++) left = await burst(left);
    expect(left).toEqual([]);
    await advance('2m');
    for (const caseId of cases)
      await eventually(
        async () => ((await statusOf(caseId)) === 'AWAITING_DISBURSEMENT' ? true : undefined),
        60_000,
        `${caseId} past approvals`,
      );

    // The Secretariat approves the four disbursements; killed again while bookings and emails go out.
    const second = burst(
      cases.map((caseId) => ({ user: 'secretariat', caseId, kind: 'disbursement_approval' })),
    );
    await new Promise((r) => setTimeout(r, 700));
    await kill(cloud);
    left = await second;

    cloud = await startCloud();
    for (let round = 0; left.length > 0 && round < 5; round++) left = await burst(left);
    expect(left).toEqual([]);
    await advance('2m');
    for (const caseId of cases)
      await eventually(
        async () => ((await statusOf(caseId)) === 'AWAITING_DEPARTURE' ? true : undefined),
        90_000,
        `${caseId} booked`,
      );

    // Every decision once on each case, the money moved once per case.
    for (const caseId of cases) {
      const detail = (await call('auditor', 'GET', `/api/cases/${caseId}`)).body;
      expect(detail.approvals.filter((a: { status: string }) => a.status === 'approved')).toHaveLength(4);
      const audit = (await call('auditor', 'GET', `/api/cases/${caseId}/audit?limit=100`)).body;
      expect(audit.chainValid).toBe(true);
      const actions = audit.items.map((e: { action: string }) => e.action);
      expect(actions.filter((a: string) => a === 'task.completed')).toHaveLength(4);
      expect(actions.filter((a: string) => a === 'fund.reserved')).toHaveLength(1);
      expect(actions.filter((a: string) => a === 'fund.disbursed')).toHaveLength(1);
    }
    const after = (await call('secretariat', 'GET', '/api/funds/rcm-reserve')).body;
    expect(after.disbursed - before.disbursed).toBe(4 * 780);
    expect(after.reserved).toBe(before.reserved);
    expect(Math.round((after.available + after.reserved + after.disbursed) * 100) / 100).toBe(after.capital);

    // Every email the workflow owed reached SES, and none twice, but for the one window SES leaves
    // open (it takes no idempotency key): accepted by SES, killed before the outbox marked it sent.
    // An email sent twice must have been first accepted in the moment before a kill, and only twice.
    await new Promise((r) => setTimeout(r, 3000));
    const seen = [...emails.values()].filter((email) => email.outboxKey !== undefined);
    const keys = seen.map((email) => email.outboxKey!);
    const twice = [...new Set(keys.filter((key, index) => keys.indexOf(key) !== index))];
    for (const key of twice) {
      const copies = seen.filter((email) => email.outboxKey === key).sort((a, b) => a.seenAt - b.seenAt);
      expect({ key, copies: copies.length }).toEqual({ key, copies: 2 });
      const first = copies[0]!.seenAt;
      const inTheWindow = kills.some((killedAt) => first <= killedAt && killedAt - first < 2000);
      expect({ key, inTheWindow }).toEqual({ key, inTheWindow: true });
    }
    for (const caseId of cases) {
      const about = keys.filter((key) => key.includes(caseId));
      expect(about.filter((key) => key.includes('reception_notice'))).toHaveLength(2);
      expect(about).toContainEqual(expect.stringContaining('status_changed#AWAITING_DEPARTURE'));
      expect(about.filter((key) => key.includes('task_assigned')).length).toBe(4);
    }
  }, 600_000);
});
