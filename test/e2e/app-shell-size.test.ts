/**
 * The app shell (what the first page downloads before any screen: app.js, the chunks it imports
 * statically, and app.css) stays under about 60 KB gzip, as the web app's issue asks. Screens,
 * Chart.js and the request form's contracts are lazy chunks and do not count. Reads dist/web as
 * the e2e tier's global setup built it.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const WEB = resolve(__dirname, '..', '..', 'dist', 'web');
const SHELL_BUDGET_BYTES = 60 * 1024;

/** The files a module imports statically (`import … from "./chunks/x.js"`), not `import()`. */
function staticImports(file: string): string[] {
  const code = readFileSync(join(WEB, file), 'utf8');
  const found = new Set<string>();
  for (const match of code.matchAll(/(?:^|[;}\s])import\s*(?:[\w${},*\s]+from\s*)?["']\.\/([^"']+)["']/g)) {
    const target = match[1];
    if (target) found.add(join(file, '..', target));
  }
  return [...found];
}

function shellFiles(): string[] {
  const seen = new Set<string>();
  const queue = ['app.js'];
  while (queue.length > 0) {
    const file = queue.shift() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    queue.push(...staticImports(file));
  }
  return [...seen, 'app.css'];
}

const gzipped = (file: string) => gzipSync(readFileSync(join(WEB, file)), { level: 9 }).length;

test('the app shell is under 60 KB gzip', () => {
  const files = shellFiles();
  const sizes = files.map((file) => [file, gzipped(file)] as const);
  const total = sizes.reduce((sum, [, size]) => sum + size, 0);
  console.log(
    `app shell: ${(total / 1024).toFixed(1)} KB gzip in ${files.length} files (${sizes
      .map(([file, size]) => `${file} ${(size / 1024).toFixed(1)} KB`)
      .join(', ')})`,
  );
  expect(files).toContain('app.js');
  expect(total).toBeLessThan(SHELL_BUDGET_BYTES);
});

test('the shell holds no screen, no Chart.js and no zod (they load with their screens)', () => {
  const shell = shellFiles()
    .filter((file) => file.endsWith('.js'))
    .map((file) => readFileSync(join(WEB, file), 'utf8'))
    .join('\n');
  // Strings that survive minification: Chart.js's controller registry, zod's issue codes.
  expect(shell).not.toContain('datasetElementType');
  expect(shell).not.toContain('invalid_union');
});
