// Checks what `npm start` and `npm test` need before they start, with a clear message for each
// missing piece. Plain JavaScript so it runs before anything is built.
// `node local/preflight.mjs --browser` also checks for Debian's chromium (browser tests), and
// installs it with apt-get when run as root on Debian.

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const problems = [];
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  problems.push(
    `Node.js ${process.versions.node} is too old: Retorno needs Node.js 20.19 or newer (22 recommended).`,
  );
}

const java = spawnSync('java', ['-version'], { encoding: 'utf8' });
if (java.error) {
  problems.push(
    'Java was not found: DynamoDB Local needs Java 17 or newer. On Debian or Ubuntu: apt-get install -y openjdk-17-jre-headless',
  );
} else {
  const match = /version "(?:1\.)?(\d+)/.exec(`${java.stderr}${java.stdout}`);
  if (match && Number(match[1]) < 17)
    problems.push(`Java ${match[1]} is too old: DynamoDB Local needs Java 17 or newer.`);
}

if (process.argv.includes('--browser')) {
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  // On a fresh Debian machine run as root (CI, this project's machines), install it, as the
  // README's test command promises; anywhere else, say exactly how.
  const canInstall =
    !existsSync(chromium) &&
    !process.env.CHROMIUM_PATH &&
    process.getuid?.() === 0 &&
    existsSync('/usr/bin/apt-get');
  if (canInstall) {
    console.warn(
      "preflight: Debian's chromium is not installed (the browser tests drive it): installing it with apt-get",
    );
    const apt = (args) =>
      spawnSync('apt-get', args, {
        stdio: ['ignore', 'ignore', 'inherit'],
        env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      });
    if (apt(['update', '-qq']).status === 0) apt(['install', '-y', '-qq', 'chromium']);
  }
  if (!existsSync(chromium)) {
    problems.push(
      `Chromium was not found at ${chromium}: browser tests drive Debian's chromium. Install it with: apt-get update && apt-get install -y chromium (or set CHROMIUM_PATH).`,
    );
  }
}

if (major < 22 && problems.length === 0 && !process.env.CI) {
  console.warn(
    `preflight: Node.js ${process.versions.node} works; Node.js 22 is recommended (Lambda runs nodejs22.x, and AWS SDK releases after January 2027 need it).`,
  );
}

if (problems.length > 0) {
  for (const problem of problems) console.error(`preflight: ${problem}`);
  process.exit(1);
}
