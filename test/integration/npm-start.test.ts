// `npm start` as a developer runs it: it comes up, every port answers, a second start says so and
// exits, and SIGTERM stops every part, leaving no process and no open port behind.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ListStateMachinesCommand, SFNClient } from '@aws-sdk/client-sfn';
import { isPortOpen } from '../../local/ports';
import { validCaseRequest } from '../support/case-request-fixture';
import { isolatedStart, type StartPorts } from '../support/cloud-process';

const root = resolve(__dirname, '../..');
// As package.json's start script runs it: one node process, tsx as a loader.
const startArgs = ['--import', 'tsx', 'local/start.ts'];

function descendants(pid: number): number[] {
  let out = '';
  try {
    out = execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' });
  } catch {
    return [];
  }
  const children = out
    .split('\n')
    .map((line) => Number(line.trim()))
    .filter((n) => n > 0);
  return children.flatMap((child) => [child, ...descendants(child)]);
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

function waitForOutput(child: ChildProcess, pattern: RegExp, timeoutMs: number): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    let output = '';
    const timer = setTimeout(
      () => reject(new Error(`timed out waiting for ${pattern}:\n${output}`)),
      timeoutMs,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (pattern.test(output)) {
        clearTimeout(timer);
        resolvePromise(output);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (!pattern.test(output)) reject(new Error(`exited with ${code} before ${pattern}:\n${output}`));
    });
  });
}

type Ports = StartPorts;

/** Runs a second `npm start` with the same settings and answers how it ended. */
function startAgain(env: NodeJS.ProcessEnv): { status: number | null; message: string } {
  try {
    execFileSync(process.execPath, startArgs, {
      cwd: root,
      env,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return { status: 0, message: '' };
  } catch (error) {
    const failed = error as { status: number | null; stderr: string };
    return { status: failed.status, message: failed.stderr };
  }
}

describe('npm start', () => {
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  let ports: Ports;
  let child: ChildProcess;
  let output = '';

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'retorno-start-'));
    ({ ports, env } = await isolatedStart(dataDir));
    child = spawn(process.execPath, startArgs, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    output = await waitForOutput(child, /Ctrl-C stops everything/, 60_000);
  }, 70_000);

  afterAll(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('shows progress as each part comes up and ends with a summary of its URLs', () => {
    expect(output).toMatch(
      /DynamoDB Local ready[\s\S]*SES v2 emulator ready[\s\S]*API gateway and web app ready/,
    );
    expect(output).toContain(`http://127.0.0.1:${ports.api}/api`);
    expect(output).toContain(`http://127.0.0.1:${ports.dynamo}`);
    expect(output).toContain(`http://127.0.0.1:${ports.ses}/`);
    expect(output).toContain(`http://127.0.0.1:${ports.sfn}`);
    expect(output).toContain(`http://127.0.0.1:${ports.travel} (simulated`);
  });

  it('answers on every port', async () => {
    expect((await fetch(`http://127.0.0.1:${ports.api}/api/health`)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${ports.api}/`)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${ports.ses}/store`)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${ports.travel}/health`)).status).toBe(200);
    // DynamoDB Local answers unsigned requests with a 400 that names the missing auth: it is up
    expect((await fetch(`http://127.0.0.1:${ports.dynamo}/`, { method: 'POST' })).status).toBe(400);
    // The Step Functions runtime refuses an unsigned call, as AWS does, and answers a signed one.
    const unsigned = await fetch(`http://127.0.0.1:${ports.sfn}/`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.0',
        'x-amz-target': 'AWSStepFunctions.ListStateMachines',
      },
      body: '{}',
    });
    expect(unsigned.status).toBe(403);
    expect(await unsigned.json()).toMatchObject({ __type: 'MissingAuthenticationTokenException' });
    const sfn = new SFNClient({
      endpoint: `http://127.0.0.1:${ports.sfn}`,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    expect((await sfn.send(new ListStateMachinesCommand({}))).stateMachines?.length).toBeGreaterThan(0);
    sfn.destroy();
  });

  it('serves the API with the demo fund seeded: a consular officer can submit a case at once', async () => {
    const api = `http://127.0.0.1:${ports.api}`;
    const token = async (username: string) =>
      (
        (await (
          await fetch(`${api}/local/token`, { method: 'POST', body: JSON.stringify({ username }) })
        ).json()) as {
          token: string;
        }
      ).token;
    const fund = await fetch(`${api}/api/funds/rcm-reserve`, {
      headers: { authorization: `Bearer ${await token('secretariat')}` },
    });
    expect(await fund.json()).toMatchObject({
      fundId: 'rcm-reserve',
      capital: 55_000,
      available: 55_000,
      currency: 'USD',
    });
    const submitted = await fetch(`${api}/api/cases`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await token('consular.hn')}`, 'content-type': 'application/json' },
      body: JSON.stringify(validCaseRequest()),
    });
    expect(submitted.status).toBe(201);
    expect(await submitted.json()).toMatchObject({ status: 'SUBMITTED' });
  });

  it('refuses a second start while one runs, saying so', () => {
    const { status, message } = startAgain(env);
    expect(status).toBe(1);
    expect(message).toMatch(new RegExp(`Retorno is already running \\(pid ${child.pid}\\)`));
  });

  it('stops every part on SIGTERM, leaving no process and no open port', async () => {
    const family = descendants(child.pid!);
    expect(family.length).toBeGreaterThan(0); // at least DynamoDB Local's java
    const exited = new Promise<number | null>((resolvePromise) => child.once('exit', resolvePromise));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    // the parent has exited; give the OS a moment to reap what it stopped
    for (let i = 0; i < 20 && family.some(alive); i++) await new Promise((r) => setTimeout(r, 250));
    const survivors = family
      .filter(alive)
      .map((pid) =>
        execFileSync('ps', ['-o', 'pid=,stat=,args=', '-p', String(pid)], { encoding: 'utf8' }).trim(),
      );
    expect(survivors).toEqual([]);
    for (const port of Object.values(ports)) expect(await isPortOpen(port)).toBe(false);
  });
});

describe('npm start, stopped or started again while it is still coming up', () => {
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  let ports: Ports;
  let child: ChildProcess | undefined;

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'retorno-start-early-'));
    ({ ports, env } = await isolatedStart(dataDir));
  });

  afterEach(() => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses a second start while the first is still starting', async () => {
    child = spawn(process.execPath, startArgs, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const up = waitForOutput(child, /Ctrl-C stops everything/, 60_000);
    await waitForOutput(child, /starting DynamoDB Local/, 30_000);
    const { status, message } = startAgain(env);
    expect(status).toBe(1);
    expect(message).toMatch(new RegExp(`Retorno is already running \\(pid ${child.pid}\\)`));
    await up;
    const exited = new Promise((resolvePromise) => child!.once('exit', resolvePromise));
    child.kill('SIGTERM');
    await exited;
  }, 90_000);

  it('stops what had started on SIGTERM before it is up, leaving no process and no open port', async () => {
    child = spawn(process.execPath, startArgs, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    // DynamoDB Local (java) is up once the SES emulator starts.
    await waitForOutput(child, /starting the SES v2 emulator/, 60_000);
    const family = descendants(child.pid!);
    expect(family.length).toBeGreaterThan(0);
    const exited = new Promise<number | null>((resolvePromise) => child!.once('exit', resolvePromise));
    child.kill('SIGTERM');
    await exited;
    for (let i = 0; i < 20 && family.some(alive); i++) await new Promise((r) => setTimeout(r, 250));
    expect(family.filter(alive)).toEqual([]);
    for (const port of Object.values(ports)) expect(await isPortOpen(port)).toBe(false);
  }, 90_000);
});

describe('npm start after its node process was killed with -9', () => {
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  let ports: Ports;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'retorno-start-killed-'));
    ({ ports, env } = await isolatedStart(dataDir));
  });

  afterAll(() => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts again with the same data: the DynamoDB Local the killed one left behind is stopped first', async () => {
    const first = spawn(process.execPath, startArgs, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(first);
    await waitForOutput(first, /Ctrl-C stops everything/, 60_000);
    const token = async () => {
      const response = await fetch(`http://127.0.0.1:${ports.api}/local/token`, {
        method: 'POST',
        body: JSON.stringify({ username: 'consular.hn' }),
      });
      return ((await response.json()) as { token: string }).token;
    };
    const submitted = await fetch(`http://127.0.0.1:${ports.api}/api/cases`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await token()}`, 'content-type': 'application/json' },
      body: JSON.stringify(validCaseRequest()),
    });
    expect(submitted.status).toBe(201);
    const { caseId } = (await submitted.json()) as { caseId: string };

    // Only the node process: its java child lives on, holding DynamoDB Local's port and data.
    const java = descendants(first.pid!).filter((pid) =>
      execFileSync('ps', ['-o', 'args=', '-p', String(pid)], { encoding: 'utf8' }).includes('DynamoDBLocal'),
    );
    expect(java).toHaveLength(1);
    const killed = new Promise((resolvePromise) => first.once('exit', resolvePromise));
    first.kill('SIGKILL');
    await killed;
    expect(alive(java[0]!)).toBe(true);
    expect(await isPortOpen(ports.dynamo)).toBe(true);

    const second = spawn(process.execPath, startArgs, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(second);
    const output = await waitForOutput(second, /Ctrl-C stops everything/, 60_000);
    expect(output).toContain(
      `stopped DynamoDB Local (pid ${java[0]}), left running by an npm start that was killed`,
    );
    expect(alive(java[0]!)).toBe(false);
    const read = await fetch(`http://127.0.0.1:${ports.api}/api/cases/${caseId}`, {
      headers: { authorization: `Bearer ${await token()}` },
    });
    expect(read.status).toBe(200);
    expect(((await read.json()) as { caseId: string }).caseId).toBe(caseId);

    const exited = new Promise<number | null>((resolvePromise) => second.once('exit', resolvePromise));
    second.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 180_000);
});
