/**
 * Builds one minified CommonJS bundle (with a source map) per Lambda handler of the manifest,
 * into dist/functions/<name>/index.js, and the web app into dist/web. The CDK app deploys these
 * very bundles and the local Lambda service runs them.
 */
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type BuildOptions, build, type Metafile } from 'esbuild';
import { manifest } from '../shared/manifest';
import { buildOpenApiDocument } from '../shared/openapi';
import { workflowGraphAnswer } from '../workflows/status-graph';

const root = resolve(__dirname, '..');

export const functionBundlePath = (fn: string): string => join(root, 'dist', 'functions', fn, 'index.js');

/**
 * Values a handler would compute from its own bundled code at every cold start, computed once
 * here and put in its bundle as constants: see functions/runtime/build-time.ts.
 */
const BUILD_TIME_VALUES: Readonly<Record<string, Readonly<Record<string, () => unknown>>>> = {
  openApi: { RETORNO_OPENAPI_DOCUMENT: buildOpenApiDocument },
  getWorkflow: { RETORNO_WORKFLOW_GRAPH: workflowGraphAnswer },
};

function buildTimeDefines(name: string): Record<string, string> {
  return {
    'globalThis.RETORNO_BUILT': 'true',
    ...Object.fromEntries(
      Object.entries(BUILD_TIME_VALUES[name] ?? {}).map(([key, compute]) => [
        `globalThis.${key}`,
        JSON.stringify(compute()),
      ]),
    ),
  };
}

/** How one function's bundle is built: the options `buildFunctions` and the bundle tests share. */
export function functionBuildOptions(name: string): BuildOptions & { outfile: string } {
  const spec = manifest.functions[name as keyof typeof manifest.functions];
  if (!spec) throw new Error(`unknown function ${name}; add it to shared/manifest.ts`);
  return {
    entryPoints: [join(root, spec.entry)],
    outfile: functionBundlePath(name),
    bundle: true,
    platform: 'node',
    // Lambda runs nodejs22.x; the code must also run on Node 20 locally.
    target: 'node20',
    format: 'cjs',
    // ES module builds first: esbuild follows their imports and tree-shakes them, where some
    // packages' UMD `main` (jsonc-parser's) requires its files at run time, out of its sight.
    mainFields: ['module', 'main'],
    minify: true,
    // The maps ship beside the bundles for reading a stack trace; Lambda does not load them
    // (infra/constructs/manifest-function.ts).
    sourcemap: true,
    sourcesContent: false,
    legalComments: 'none',
    // Error class names are what Retry/Catch and the error mapping match on: keep them.
    keepNames: true,
    logLevel: 'warning',
    // Functions get credentials from the environment only: see functions/runtime/env-credentials.ts.
    alias: { '@aws-sdk/credential-provider-node': join(root, 'functions', 'runtime', 'env-credentials.ts') },
    define: buildTimeDefines(name),
    // The AWS SDK v3 ships in the Lambda runtime, but pinning our own version keeps local
    // and AWS identical, so it is bundled.
  };
}

export async function buildFunctions(
  names: readonly string[] = Object.keys(manifest.functions),
): Promise<void> {
  await Promise.all(names.map((name) => build(functionBuildOptions(name))));
}

/**
 * The web app: `web/src/main.tsx` and the screens it loads lazily, as ES modules split into
 * chunks (the shell stays small; Chart.js and the request form's contracts load with their
 * screens), one `app.css` with Pico, and `web/public` copied beside them.
 */
export async function buildWeb(options: { readonly metafile?: boolean } = {}): Promise<Metafile | undefined> {
  const src = join(root, 'web');
  const out = join(root, 'dist', 'web');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  if (existsSync(join(src, 'public'))) cpSync(join(src, 'public'), out, { recursive: true });
  const result = await build({
    entryPoints: { app: join(src, 'src', 'main.tsx') },
    outdir: out,
    entryNames: '[name]',
    chunkNames: 'chunks/[name]-[hash]',
    assetNames: 'assets/[name]-[hash]',
    bundle: true,
    splitting: true,
    platform: 'browser',
    target: 'es2022',
    format: 'esm',
    // Preact's JSX runtime, compiled by esbuild itself: no Babel, no plugin.
    jsx: 'automatic',
    jsxImportSource: 'preact',
    minify: true,
    sourcemap: true,
    legalComments: 'none',
    metafile: options.metafile ?? false,
    logLevel: 'warning',
  });
  return result.metafile;
}

if (require.main === module) {
  const started = Date.now();
  Promise.all([buildFunctions(), buildWeb()])
    .then(() => {
      const count = Object.keys(manifest.functions).length;
      console.log(`built ${count} function bundles and the web app in ${Date.now() - started} ms`);
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
