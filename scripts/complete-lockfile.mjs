#!/usr/bin/env node
// Adds to package-lock.json an entry for each platform-specific optional package that npm left
// out, so that `npm ci` accepts the lock file. npm records only the optional packages it can
// resolve, and the registry this project installs from does not serve every platform's build
// (e.g. @biomejs/cli-darwin-arm64, @swc/core-win32-x64-msvc); `npm ci` then refuses the lock as
// "Missing: … from lock file" (see also npm/cli#4828 and #8320). The entries carry what `npm ci`
// needs to skip them on other platforms: the exact version, the os/cpu/libc the package name
// states, and `optional`. They are never installed on this platform, so nothing is downloaded.
// Run after any `npm install` that changes the lock file: `node scripts/complete-lockfile.mjs`.
import { readFileSync, writeFileSync } from 'node:fs';

const lockPath = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(lockPath, 'utf8'));
const packages = lock.packages;

/** Where npm would look for `name` from the package at `from`: nested first, then upwards. */
function resolved(from, name) {
  for (let base = from; ; ) {
    if (packages[`${base ? `${base}/` : ''}node_modules/${name}`]) return true;
    if (!base) return false;
    const cut = base.lastIndexOf('/node_modules/');
    base = cut === -1 ? '' : base.slice(0, cut);
  }
}

const OS = [
  'darwin',
  'linux',
  'win32',
  'android',
  'freebsd',
  'openbsd',
  'netbsd',
  'sunos',
  'aix',
  'openharmony',
];
const CPU = ['arm64', 'x64', 'ia32', 'arm', 'ppc64', 's390x', 'riscv64', 'loong64', 'mips64el'];

/** The platform a binary package's name states, e.g. `cli-linux-x64-musl` → linux, x64, musl. */
function platformOf(name) {
  const parts = name.split('/').pop().split('-');
  const os = parts.find((part) => OS.includes(part));
  const cpu = parts.find((part) => CPU.includes(part));
  const libc =
    parts.includes('musl') || parts.some((p) => p.startsWith('musl'))
      ? 'musl'
      : parts.includes('gnu') || parts.some((p) => p.startsWith('gnu'))
        ? 'glibc'
        : undefined;
  return { os, cpu, libc };
}

let added = 0;
for (const [path, entry] of Object.entries({ ...packages })) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    if (resolved(path, name)) continue;
    const { os, cpu, libc } = platformOf(name);
    if (!os || !/^\d+\.\d+\.\d+/.test(version)) {
      throw new Error(
        `complete-lockfile: cannot tell the platform or exact version of ${name}@${version} (needed by ${path || 'the root'})`,
      );
    }
    packages[`node_modules/${name}`] = {
      version,
      ...(cpu ? { cpu: [cpu] } : {}),
      ...(entry.dev ? { dev: true } : {}),
      ...(libc ? { libc: [libc] } : {}),
      optional: true,
      os: [os],
    };
    added += 1;
  }
}

lock.packages = Object.fromEntries(
  Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : a > b ? 1 : 0)),
);
writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`complete-lockfile: added ${added} platform-specific optional package entries`);
