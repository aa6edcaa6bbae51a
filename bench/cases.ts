/**
 * Benchmark of Retorno end to end (`npm run bench:cases`, options after `--`): the whole local
 * cloud in this process, on free ports with in-memory data (it never touches `.local` or a
 * running `npm start`); the Secretariat contributes enough for every case; many cases are
 * submitted at once by the consulates of the region; scripted users work their inboxes as people
 * would (each country's authority approves its countries' tasks, the Secretariat the
 * disbursements) until every case reaches TARGET_STATUS. It prints throughput, API latency as
 * the users saw it (every call, and by route), peak memory, whether the targets are met, and
 * verifies every case and the fund at the end.
 *
 *   npm run bench:cases -- --cases 500 --warmup 40 --poll-ms 250 --submit-concurrency 50
 *   npm run bench:cases -- --count-requests   (also DynamoDB requests and invocations per case)
 */
// Node 20 is fine here; the preflight of `npm start` says so once, not this benchmark.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { stop as stopEsbuild } from 'esbuild';
import { type LocalCloud, startLocalCloud } from '../local/cloud';
import { readLocalSettings } from '../local/local-config';
import { buildFunctions } from '../scripts/build';
import { RetornoClient, UnexpectedAnswerError } from '../scripts/retorno-client';
import { type CaseDetail, type CaseStatus, type CaseSummary, isFinalStatus } from '../shared/contracts/case';
import type { CaseRequestInput } from '../shared/contracts/case-request';
import {
  DEFAULT_CASE_CEILING_USD,
  DEFAULT_FUND_ID,
  type FundShape,
  type LedgerEntryShape,
} from '../shared/contracts/fund';
import { sumUsd } from '../shared/contracts/money';
import type { Task, TaskKind } from '../shared/contracts/task';
import type { CountryCode } from '../shared/countries';
import { approversOf } from '../shared/workflow/approvers';
import { benchCaseRequest } from './case-mix';
import { LatencyRecorder, type LatencySummary } from './latency';
import { childrenTotal, cpuBetween, ProcessUsage, type Usage } from './process-usage';
import { type RequestCount, type RequestCounter, startRequestCounter } from './request-counter';

/**
 * Where every case is driven: as far as the workflow takes a case with nobody but the approvers
 * acting (booked by the simulated provider, waiting for its departure).
 */
export const TARGET_STATUS: CaseStatus = 'AWAITING_DEPARTURE';

/** Issue 9's targets on the 2-core development machine. */
const TARGETS = { casesPerSecond: 20, p99Ms: 100 } as const;

const FUND = DEFAULT_FUND_ID;

export interface Options {
  readonly cases: number;
  /** How long a user with an empty inbox waits before looking again. */
  readonly pollMs: number;
  /** Cases run to the target first, unmeasured, so that the Lambda sandboxes are warm. */
  readonly warmup: number;
  /** Submissions in flight at once; all of them by default. */
  readonly submitConcurrency: number;
  /** The run fails when the cases have not all reached the target by then. */
  readonly timeoutSeconds: number;
  /**
   * Count DynamoDB requests and Lambda invocations per case, by function (bench/request-counter.ts).
   * Off by default: the counting proxy costs CPU of its own, in this process.
   */
  readonly countRequests: boolean;
}

function positiveInteger(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`${name}: must be a whole number of at least 1, got ${JSON.stringify(text)}`);
  return value;
}

function wholeNumber(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0)
    throw new Error(`${name}: must be a whole number (0 or more), got ${JSON.stringify(text)}`);
  return value;
}

function readOptions(): Options {
  const { values } = parseArgs({
    options: {
      cases: { type: 'string' },
      'poll-ms': { type: 'string' },
      'submit-concurrency': { type: 'string' },
      warmup: { type: 'string' },
      'timeout-s': { type: 'string' },
      'count-requests': { type: 'boolean' },
    },
  });
  const cases = positiveInteger('--cases (or BENCH_CASES)', values.cases ?? process.env.BENCH_CASES, 200);
  return {
    cases,
    pollMs: positiveInteger('--poll-ms', values['poll-ms'], 500),
    warmup: wholeNumber('--warmup', values.warmup, 40),
    submitConcurrency: positiveInteger('--submit-concurrency', values['submit-concurrency'], cases),
    timeoutSeconds: positiveInteger('--timeout-s', values['timeout-s'], 600),
    countRequests: values['count-requests'] ?? false,
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `task` for every index with at most `concurrency` at a time. */
async function inParallel(count: number, concurrency: number, task: (index: number) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(count, concurrency) }, async () => {
      while (next < count) await task(next++);
    }),
  );
}

/** How often a user tries a request that failed on the server's side (5xx) before giving up. */
const ATTEMPTS = 3;

/**
 * Tries `request` again, after a second, when the server fails it (a 5xx: on an overloaded
 * machine, a Lambda timing out), as a person clicks again; every request retried here is safe to
 * repeat (a completion is answered 200 for the same decision, a submission carries its
 * Idempotency-Key). Counts the retries on the run.
 */
async function persistently<T>(run: Run, request: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await request();
    } catch (error) {
      if (!(error instanceof UnexpectedAnswerError) || error.status < 500 || attempt >= ATTEMPTS) throw error;
      run.retries += 1;
      await sleep(1000);
    }
  }
}

const isTaskClosed = (body: unknown) =>
  (body as { error?: unknown } | undefined)?.error === 'TaskClosedError';

/** What the scripted users share while a round of cases lasts. */
interface Run {
  readonly client: RetornoClient;
  readonly options: Options;
  /** The round's cases, as their submissions are answered. */
  readonly submitted: Array<{ readonly caseId: string; readonly request: CaseRequestInput }>;
  /** How many cases the round submits. */
  readonly size: number;
  /** Set when every case is at the target (or the run failed): the users stop. */
  finished: boolean;
  completed: number;
  /** Requests tried again after a 5xx. */
  retries: number;
  /** Answers a person would not expect, that did not stop the case (said in the report). */
  readonly anomalies: string[];
  /** The first thing that went wrong for a user: it ends the run. */
  failure?: Error;
}

/**
 * A person working their inbox: looks at their open tasks of one kind, approves each in turn, and
 * looks again a moment later when there are none.
 */
async function workInbox(run: Run, user: string, kind: TaskKind): Promise<void> {
  try {
    await approveUntilFinished(run, user, kind);
  } catch (error) {
    run.failure ??= error instanceof Error ? error : new Error(String(error));
    run.finished = true;
  }
}

async function approveUntilFinished(run: Run, user: string, kind: TaskKind): Promise<void> {
  while (!run.finished) {
    const inbox = await persistently(run, () =>
      run.client.expect<{ items: Task[] }>(
        `${user} lists their inbox`,
        200,
        user,
        'GET',
        `/api/tasks?status=open&kind=${kind}&limit=100`,
      ),
    );
    if (inbox.items.length === 0) {
      await sleep(run.options.pollMs);
      continue;
    }
    for (const task of inbox.items) {
      if (run.finished) return;
      try {
        await persistently(run, () =>
          run.client.expect(
            `${user} approves ${task.taskId}`,
            200,
            user,
            'POST',
            `/api/tasks/${task.taskId}/complete`,
            { decision: 'approve', comment: 'Aprobado.' },
          ),
        );
      } catch (error) {
        // The decision is recorded, but its hand-over found the execution waiting on another token
        // (seen under load): the reconciler hands it over again, so the case goes on; reported.
        if (!(error instanceof UnexpectedAnswerError && error.status === 409 && isTaskClosed(error.body)))
          throw error;
        run.anomalies.push(`${task.taskId}: 409 TaskClosedError on completing`);
      }
      run.completed += 1;
    }
  }
}

/** Every case as the Secretariat lists it (no personal data), page by page. */
async function listAllCases(client: RetornoClient): Promise<CaseSummary[]> {
  const all: CaseSummary[] = [];
  let cursor: string | undefined;
  do {
    const page = await client.expect<{ items: CaseSummary[]; nextCursor?: string }>(
      'the Secretariat lists the cases',
      200,
      'secretariat',
      'GET',
      `/api/cases?limit=100${cursor ? `&cursor=${cursor}` : ''}`,
    );
    all.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return all;
}

/** Waits until every case of the round is at the target; throws when one ends anywhere else. */
async function awaitTarget(run: Run, deadline: number): Promise<void> {
  for (;;) {
    if (run.failure) throw run.failure;
    const ours = new Set(run.submitted.map(({ caseId }) => caseId));
    const cases = (await persistently(run, () => listAllCases(run.client))).filter(({ caseId }) =>
      ours.has(caseId),
    );
    const counts = new Map<CaseStatus, number>();
    for (const { status } of cases) counts.set(status, (counts.get(status) ?? 0) + 1);
    const stuck = cases.filter((c) => c.status !== TARGET_STATUS && isFinalStatus(c.status));
    if (stuck.length > 0)
      throw new Error(
        `${stuck.length} case(s) ended ${[...new Set(stuck.map((c) => c.status))].join(', ')} instead of ${TARGET_STATUS}, e.g. ${stuck[0]!.caseId}`,
      );
    if (ours.size === run.size && (counts.get(TARGET_STATUS) ?? 0) === run.size) return;
    if (Date.now() > deadline)
      throw new Error(
        `not every case reached ${TARGET_STATUS} within ${run.options.timeoutSeconds} s: ${describeCounts(counts)}; not there: ${cases
          .filter((c) => c.status !== TARGET_STATUS)
          .slice(0, 5)
          .map((c) => `${c.caseId} ${c.status}`)
          .join(', ')}${run.anomalies.length > 0 ? `; anomalies: ${run.anomalies.join('; ')}` : ''}`,
      );
    // The benchmark's own look, not a user's: often enough to time the run to a second, no more.
    await sleep(1000);
  }
}

/**
 * One round: every request submitted (as many at once as the options say) while the approvers
 * work their inboxes, until each case is at the target. Answers the round's cases, its wall time
 * from the first submission to the last case at the target, and the tasks approved.
 */
export async function driveCases(
  client: RetornoClient,
  requests: readonly CaseRequestInput[],
  approving: readonly CountryCode[],
  options: Options,
): Promise<{
  submitted: Run['submitted'];
  seconds: number;
  approved: number;
  retries: number;
  anomalies: readonly string[];
}> {
  const run: Run = {
    client,
    options,
    submitted: [],
    size: requests.length,
    finished: false,
    completed: 0,
    retries: 0,
    anomalies: [],
  };
  const started = performance.now();
  const workers = [
    ...approving.map((country) => workInbox(run, authorityOf(country), 'country_approval')),
    workInbox(run, 'secretariat', 'disbursement_approval'),
  ];
  const submissions = inParallel(requests.length, options.submitConcurrency, async (index) => {
    const request = requests[index]!;
    // The form's own id: a retry of the submission answers the same case instead of a second one.
    const idempotencyKey = `form-${request.migrant.documentNumber}`;
    const answer = await persistently(run, () =>
      client.expect<{ caseId: string; status: CaseStatus }>(
        `the consulate submits case ${index}`,
        [200, 201],
        consularOf(request.migrant.nationality),
        'POST',
        '/api/cases',
        request,
        { 'idempotency-key': idempotencyKey },
      ),
    );
    // A replayed submission answers where the case is by now, which is no final status either.
    if (isFinalStatus(answer.status)) throw new Error(`case ${index} was ${answer.status}, not eligible`);
    run.submitted.push({ caseId: answer.caseId, request });
  });
  try {
    await Promise.all([submissions, awaitTarget(run, Date.now() + options.timeoutSeconds * 1000)]);
    return {
      submitted: run.submitted,
      seconds: (performance.now() - started) / 1000,
      approved: run.completed,
      retries: run.retries,
      anomalies: run.anomalies,
    };
  } finally {
    run.finished = true;
    await Promise.all(workers);
  }
}

const describeCounts = (counts: ReadonlyMap<string, number>) =>
  [...counts].map(([status, count]) => `${count} ${status}`).join(', ') || 'no cases';

interface Verification {
  readonly ok: boolean;
  readonly lines: string[];
}

/** Every case at the target and disbursed; the fund's invariant; each case reserved and disbursed once. */
async function verify(
  client: RetornoClient,
  cases: ReadonlyArray<{ readonly caseId: string; readonly request: CaseRequestInput }>,
  contributedUsd: number,
): Promise<Verification> {
  const problems: string[] = [];
  let atTarget = 0;
  const totals: number[] = [];
  await inParallel(cases.length, 8, async (index) => {
    const { caseId, request } = cases[index]!;
    const detail = await client.expect<CaseDetail>(
      `the consulate reads ${caseId}`,
      200,
      consularOf(request.migrant.nationality),
      'GET',
      `/api/cases/${caseId}`,
    );
    totals.push(detail.amounts.requestedUsd);
    if (detail.status !== TARGET_STATUS) problems.push(`${caseId} is ${detail.status}`);
    else atTarget += 1;
    if (detail.amounts.disbursedUsd !== detail.amounts.requestedUsd)
      problems.push(
        `${caseId} disbursed ${detail.amounts.disbursedUsd} of ${detail.amounts.requestedUsd} USD`,
      );
  });

  const fund = await client.expect<FundShape>('the fund', 200, 'secretariat', 'GET', `/api/funds/${FUND}`);
  const balanced = sumUsd([fund.available, fund.reserved, fund.disbursed]) === fund.capital;
  if (!balanced) problems.push(`fund: ${JSON.stringify(fund)} does not add up`);
  if (fund.capital !== contributedUsd)
    problems.push(`fund capital ${fund.capital}, contributed ${contributedUsd}`);
  const disbursedExpected = sumUsd(totals);
  if (fund.disbursed !== disbursedExpected)
    problems.push(`fund disbursed ${fund.disbursed}, the cases asked ${disbursedExpected}`);

  const movements = new Map<string, number>();
  let cursor: string | undefined;
  do {
    const page = await client.expect<{ items: LedgerEntryShape[]; nextCursor?: string }>(
      'the ledger',
      200,
      'secretariat',
      'GET',
      `/api/funds/${FUND}/ledger?limit=100${cursor ? `&cursor=${cursor}` : ''}`,
    );
    for (const entry of page.items) {
      if (!entry.caseId) continue;
      const key = `${entry.type}:${entry.caseId}`;
      movements.set(key, (movements.get(key) ?? 0) + 1);
    }
    cursor = page.nextCursor;
  } while (cursor);
  const onceEach = (type: LedgerEntryShape['type']) =>
    cases.filter(({ caseId }) => movements.get(`${type}:${caseId}`) !== 1).map(({ caseId }) => caseId);
  for (const type of ['reservation', 'disbursement'] as const) {
    const wrong = onceEach(type);
    if (wrong.length > 0)
      problems.push(`${wrong.length} case(s) without exactly one ${type}, e.g. ${wrong[0]}`);
  }
  const released = [...movements.keys()].filter((key) => key.startsWith('release:'));
  if (released.length > 0) problems.push(`${released.length} release(s), where no case was refused`);

  return {
    ok: problems.length === 0,
    lines: [
      `${atTarget}/${cases.length} cases at ${TARGET_STATUS}, each with its whole request disbursed`,
      `fund ${FUND}: capital ${fund.capital} = available ${fund.available} + reserved ${fund.reserved} + disbursed ${fund.disbursed} USD: ${balanced ? 'holds' : 'BROKEN'}`,
      `ledger: each case reserved once and disbursed once: ${onceEach('reservation').length + onceEach('disbursement').length === 0 ? 'yes' : 'NO'}`,
      ...problems.slice(0, 10).map((problem) => `PROBLEM: ${problem}`),
    ],
  };
}

const consularOf = (country: CountryCode) => `consular.${country.toLowerCase()}`;
const authorityOf = (country: CountryCode) => `authority.${country.toLowerCase()}`;
const mb = (bytes: number) => `${Math.round(bytes / 2 ** 20).toLocaleString('en-US')} MB`;
const ms = (value: number) => `${value.toFixed(1)} ms`;

/** What each child process is, by its command name. */
const CHILD_ROLES: Readonly<Record<string, string>> = {
  java: 'DynamoDB Local',
  esbuild: 'the build service',
};

function describeChildren(usage: Usage, format: (value: number) => string): string {
  return Object.entries(usage.children)
    .filter(([, value]) => value > 0)
    .sort((a, b) => b[1] - a[1])
    .map(
      ([command, value]) =>
        `${command} ${format(value)}${CHILD_ROLES[command] ? ` (${CHILD_ROLES[command]})` : ''}`,
    )
    .join(', ');
}

function perCase(cpu: Usage, cases: number): string {
  const seconds = (value: number) => `${((value / cases) * 1000).toFixed(0)} ms`;
  return `${seconds(cpu.self + childrenTotal(cpu))} (this process ${seconds(cpu.self)}, of which its main thread ${seconds(cpu.mainThread ?? 0)} and the Lambda sandboxes with the GC and I/O threads ${seconds(cpu.self - (cpu.mainThread ?? 0))}; ${describeChildren(cpu, seconds)})`;
}

function latencyTable(rows: readonly LatencySummary[]): string[] {
  const width = Math.max(...rows.map((row) => row.route.length));
  const header = `${'route'.padEnd(width)}  ${'calls'.padStart(6)}  ${'p50'.padStart(9)}  ${'p95'.padStart(9)}  ${'p99'.padStart(9)}  ${'max'.padStart(9)}`;
  return [
    header,
    ...rows.map(
      (row) =>
        `${row.route.padEnd(width)}  ${String(row.calls).padStart(6)}  ${ms(row.p50).padStart(9)}  ${ms(row.p95).padStart(9)}  ${ms(row.p99).padStart(9)}  ${ms(row.max).padStart(9)}${row.failures ? `  (${row.failures} not 2xx)` : ''}`,
    ),
  ];
}

/** Invocations per function between two readings of the invoker's counts. */
/** Lambda invocations by function between two counts of the local Lambda service. */
export function invocationsBetween(
  before: ReadonlyMap<string, number>,
  after: ReadonlyMap<string, number>,
): Map<string, number> {
  const between = new Map<string, number>();
  for (const [name, count] of after) {
    const added = count - (before.get(name) ?? 0);
    if (added > 0) between.set(name, added);
  }
  return between;
}

/** DynamoDB requests and Lambda invocations per case, by function, most first. */
function requestTable(
  counts: readonly RequestCount[],
  invoked: ReadonlyMap<string, number>,
  cases: number,
): string[] {
  const per = (value: number) => (value / cases).toFixed(1);
  const byFunction = new Map<string, { total: number; parts: RequestCount[] }>();
  for (const count of counts) {
    const entry = byFunction.get(count.fn) ?? { total: 0, parts: [] };
    entry.total += count.count;
    entry.parts.push(count);
    byFunction.set(count.fn, entry);
  }
  // The invoker counts by physical name (retorno-bench-list-tasks), the SDK by logical (listTasks).
  const invocationsOf = (fn: string) => {
    const physical = fn.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
    return [...invoked].find(([name]) => name.endsWith(`-${physical}`))?.[1] ?? 0;
  };
  const total = counts.reduce((sum, count) => sum + count.count, 0);
  const invocations = [...invoked.values()].reduce((sum, count) => sum + count, 0);
  const rows = [...byFunction].sort((a, b) => b[1].total - a[1].total);
  const width = Math.max(8, ...rows.map(([fn]) => fn.length));
  return [
    `per case: ${per(total)} DynamoDB requests, ${per(invocations)} Lambda invocations`,
    `${'function'.padEnd(width)}  ${'invocations'.padStart(11)}  ${'requests'.padStart(8)}  requests by operation`,
    ...rows.map(
      ([fn, { total: requests, parts }]) =>
        `${fn.padEnd(width)}  ${per(invocationsOf(fn)).padStart(11)}  ${per(requests).padStart(8)}  ${parts
          .sort((a, b) => b.count - a.count)
          .map(
            (part) =>
              `${part.operation}${part.target ? ` ${part.target.replace(/^.*?-(?=[a-z]+$)/, '')}` : ''} ${per(part.count)}`,
          )
          .join(', ')}`,
    ),
  ];
}

async function main(): Promise<void> {
  const options = readOptions();
  const runId = Date.now().toString(36);
  console.log(`building the function bundles…`);
  await buildFunctions();
  // esbuild keeps its service process after a build; it would count in this benchmark's memory.
  await stopEsbuild();

  const dataDir = mkdtempSync(join(tmpdir(), 'retorno-bench-'));
  const usage = new ProcessUsage();
  let cloud: LocalCloud | undefined;
  try {
    // Functions log errors only: a log line per step would be the benchmark's bottleneck, not Retorno's.
    const settings = readLocalSettings({ RETORNO_DATA_DIR: dataDir, RETORNO_FUNCTION_LOG_LEVEL: 'ERROR' });
    let counter: RequestCounter | undefined;
    cloud = await startLocalCloud({
      settings,
      inMemory: true,
      freePorts: true,
      ...(options.countRequests
        ? {
            dynamoDbFront: async (endpoint: string) => {
              counter = await startRequestCounter(endpoint);
              return counter;
            },
          }
        : {}),
    });
    const latency = new LatencyRecorder();
    const client = new RetornoClient({
      baseUrl: cloud.urls.api.replace(/\/api$/, ''),
      onCall: latency.record,
    });

    const requests = Array.from({ length: options.warmup + options.cases }, (_, index) =>
      benchCaseRequest(index, runId),
    );
    const approving = [
      ...new Set(
        requests.flatMap((request) =>
          approversOf({
            locationCountry: request.location.country,
            transitCountries: request.route.transitCountries,
            returnCountry: request.returnTo.country,
          }).map(({ country }) => country),
        ),
      ),
    ].sort();
    const users = [
      'secretariat',
      ...approving.map(authorityOf),
      ...new Set(requests.map((r) => consularOf(r.migrant.nationality))),
    ];
    await Promise.all(users.map((user) => client.token(user)));

    // Enough for every case at the ceiling, so that no case waits for funds.
    const contributedUsd = requests.length * DEFAULT_CASE_CEILING_USD;
    await client.expect(
      'the Secretariat records a contribution',
      201,
      'secretariat',
      'POST',
      `/api/funds/${FUND}/contributions`,
      { country: 'MX', amount: contributedUsd, reference: `bench-${runId}` },
    );

    // The warm-up round starts the Lambda sandboxes (up to four per function), as traffic before
    // the measured hour would: cold starts are the local cloud's, not what is being measured.
    let warmup: Awaited<ReturnType<typeof driveCases>> | undefined;
    if (options.warmup > 0) {
      console.log(`warming up with ${options.warmup} cases…`);
      warmup = await driveCases(client, requests.slice(0, options.warmup), approving, options);
    }
    console.log(
      `running ${options.cases} cases to ${TARGET_STATUS}: ${approving.length} countries' authorities and the Secretariat approving…`,
    );
    const load = loadavg()[0]!;
    counter?.reset();
    const invokedBefore = cloud.invoker.invocationCounts();
    const cpuBefore = usage.cpu();
    latency.start();
    const measured = await driveCases(client, requests.slice(options.warmup), approving, options);
    latency.stop();
    const cpu = cpuBetween(cpuBefore, usage.cpu());
    const requestCounts = counter?.counts();
    const invoked = invocationsBetween(invokedBefore, cloud.invoker.invocationCounts());
    const { seconds } = measured;
    const submitted = [...(warmup?.submitted ?? []), ...measured.submitted];

    const verification = await verify(client, submitted, contributedUsd);
    const peaks = usage.stop();
    const rows = latency.summary();
    const all = rows[0]!;
    const perSecond = options.cases / seconds;
    const met = (ok: boolean) => (ok ? 'met' : 'MISSED');
    console.log(
      [
        '',
        `Retorno, ${options.cases} cases to ${TARGET_STATUS} (${availableParallelism()} cores, load average ${load.toFixed(1)} before the run, Node ${process.version}):`,
        ...(warmup
          ? [
              `  warm-up        ${options.warmup} cases in ${warmup.seconds.toFixed(1)} s (sandboxes starting), not counted below`,
            ]
          : []),
        `  wall time      ${seconds.toFixed(1)} s, from the first submission to the last case at ${TARGET_STATUS}`,
        `  throughput     ${perSecond.toFixed(1)} cases/s (target at least ${TARGETS.casesPerSecond}: ${met(perSecond >= TARGETS.casesPerSecond)})`,
        `  API latency    ${all.calls} calls, p50 ${ms(all.p50)}, p95 ${ms(all.p95)}, p99 ${ms(all.p99)} (target p99 under ${TARGETS.p99Ms} ms: ${met(all.p99 < TARGETS.p99Ms)})`,
        `  tasks          ${measured.approved} approved by ${approving.length + 1} people; ${measured.retries} request(s) tried again after a 5xx`,
        `  CPU per case   ${perCase(cpu, options.cases)}: at that cost ${availableParallelism()} idle cores could do ${(availableParallelism() / ((cpu.self + childrenTotal(cpu)) / options.cases)).toFixed(1)} cases/s`,
        `  peak memory    this process ${mb(peaks.self)} (gateway, Lambda sandboxes, Step Functions runtime), ${describeChildren(peaks, mb)}, together ${mb(peaks.total)}`,
        ...[...(warmup?.anomalies ?? []), ...measured.anomalies].map((line) => `  anomaly        ${line}`),
        ...(requestCounts
          ? ['', ...requestTable(requestCounts, invoked, options.cases).map((line) => `  ${line}`)]
          : []),
        '',
        ...latencyTable(rows).map((line) => `  ${line}`),
        '',
        ...verification.lines.map((line) => `  ${line}`),
      ].join('\n'),
    );
    if (!verification.ok) process.exitCode = 1;
  } finally {
    usage.stop();
    await cloud?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(`bench:cases failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
