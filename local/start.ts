/**
 * `npm start`: brings the whole local cloud up, prints where everything is, and stops every part
 * on Ctrl-C or SIGTERM. A second `npm start` while one runs says so and exits.
 */
// The preflight has already said whether this Node.js version is the recommended one.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_USERS } from './auth/demo-users';
import { startLocalCloud } from './cloud';
import { stopLeftoverDynamoDbLocal } from './dynamodb';
import { readLocalSettings } from './local-config';
import { isPortOpen } from './ports';

function runningInstance(pidFile: string): { pid: number; api?: string } | undefined {
  try {
    const saved = JSON.parse(readFileSync(pidFile, 'utf8')) as { pid: number; api?: string };
    process.kill(saved.pid, 0); // throws when no such process
    return isLocalCloud(saved.pid) ? saved : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether the process is a local cloud, not an unrelated one that got the pid of a local cloud
 * that died without removing its pid file. Where /proc cannot tell (not Linux), it is assumed.
 */
function isLocalCloud(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('local/start.ts');
  } catch {
    return true;
  }
}

/**
 * Claims the data folder for this process by creating the pid file exclusively. Answers the
 * instance that holds it instead, if one runs; a pid file left by a start that died is replaced.
 */
function claimInstance(pidFile: string): { pid: number; api?: string } | undefined {
  for (let attempt = 1; ; attempt++) {
    try {
      writeFileSync(pidFile, JSON.stringify({ pid: process.pid }), { flag: 'wx' });
      return undefined;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const running = runningInstance(pidFile);
    if (running) return running;
    // Left by a start that died: replaced, unless another start replaces it first.
    if (attempt >= 3) throw new Error(`could not claim ${pidFile}: other starts keep replacing it`);
    rmSync(pidFile, { force: true });
  }
}

let removePidFile = () => {};

async function main(): Promise<void> {
  const settings = readLocalSettings();
  mkdirSync(settings.dataDir, { recursive: true });
  const pidFile = join(settings.dataDir, 'retorno.pid');
  // Claimed before anything starts (an exclusive create, so two starts at once cannot both win),
  // so that a second start while this one is still coming up is refused too, and a signal during
  // start-up stops what has started instead of orphaning it.
  const running = claimInstance(pidFile);
  if (running) {
    console.error(
      `Retorno is already running (pid ${running.pid})${running.api ? ` at ${running.api}` : ''}. Stop it first (Ctrl-C in its terminal, or kill ${running.pid}).`,
    );
    process.exit(1);
  }
  removePidFile = () => rmSync(pidFile, { force: true });
  // Under the claim, so never another running start's: a DynamoDB Local that an npm start killed
  // with -9 left behind holds its port and data; stop it first.
  const leftover = await stopLeftoverDynamoDbLocal(join(settings.dataDir, 'dynamodb'));
  if (leftover)
    console.log(`stopped DynamoDB Local (pid ${leftover}), left running by an npm start that was killed`);
  for (const [name, port] of [
    ['RETORNO_API_PORT', settings.apiPort],
    ['RETORNO_DYNAMODB_PORT', settings.dynamoDbPort],
    ['RETORNO_SES_PORT', settings.sesPort],
    ['RETORNO_SFN_PORT', settings.sfnPort],
    ['RETORNO_TRAVEL_PORT', settings.travelPort],
  ] as const) {
    if (await isPortOpen(port, settings.host)) {
      console.error(
        `port ${port} (${name}) is already in use on ${settings.host}: stop what uses it or set ${name} to another port.`,
      );
      removePidFile();
      process.exit(1);
    }
  }

  let cloud: Awaited<ReturnType<typeof startLocalCloud>> | undefined;
  let stopping: string | undefined;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = signal;
    if (!cloud) return; // still starting: stopped as soon as start-up returns
    console.log(`\n${signal}: stopping the local cloud…`);
    await cloud.stop();
    rmSync(pidFile, { force: true });
    console.log('stopped; nothing left running.');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  const started = Date.now();
  cloud = await startLocalCloud({
    settings,
    progress: (line) => console.log(`  ${line}`),
    seed: true,
    requestLog: process.env.RETORNO_LOG_REQUESTS === '1' ? (line) => console.log(line) : undefined,
  });
  if (stopping) {
    const signal = stopping;
    stopping = undefined;
    await stop(signal);
    return;
  }
  writeFileSync(pidFile, JSON.stringify({ pid: process.pid, api: cloud.urls.api }));

  const rows: Array<[string, string]> = [
    ['web app', cloud.urls.web],
    ['API', cloud.urls.api],
    ['Step Functions', cloud.urls.stepFunctions],
    ['DynamoDB Local', cloud.urls.dynamoDb],
    ['SES v2 / mail viewer', cloud.urls.mailViewer],
    [
      'travel provider',
      `${cloud.urls.travelProvider} (simulated; failures: /local/travel-provider/failures)`,
    ],
    ['demo users', `${DEMO_USERS.length}: consular.hn, authority.mx, secretariat… (GET /local/users)`],
    ['local data', settings.dataDir],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  console.log(`\nRetorno is up in ${((Date.now() - started) / 1000).toFixed(1)} s:`);
  for (const [label, value] of rows) console.log(`  ${label.padEnd(width)}  ${value}`);
  console.log(
    `\nOpen ${cloud.urls.api.replace(/\/api$/, '')}/ and sign in as a demo user (consular.hn submits, authority.mx decides, secretariat runs the fund).\nOr get a token: curl -s -X POST ${cloud.urls.api.replace(/\/api$/, '')}/local/token -d '{"username":"consular.hn"}'\nCtrl-C stops everything.`,
  );
}

main().catch((error: unknown) => {
  removePidFile();
  console.error(`npm start failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
