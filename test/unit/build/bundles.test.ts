/**
 * What goes into a handler's bundle (scripts/build.ts), checked on the bundles esbuild makes from
 * the manifest's entries: each holds the code it uses and not the rest, which is what keeps cold
 * starts short (bench/cold-start.ts measures them).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Context } from 'aws-lambda';
import { build, type Metafile } from 'esbuild';
import { functionBuildOptions } from '../../../scripts/build';
import type { manifest } from '../../../shared/manifest';
import { buildOpenApiDocument } from '../../../shared/openapi';
import { workflowGraphAnswer } from '../../../workflows/status-graph';

/** The bundle of a manifest function, in memory, with the inputs it is made of. */
async function bundleOf(name: keyof typeof manifest.functions): Promise<{ bytes: number; inputs: string[] }> {
  const result = await build({
    ...functionBuildOptions(name),
    write: false,
    metafile: true,
    sourcemap: false,
  });
  const [output] = Object.values((result.metafile as Metafile).outputs);
  if (!output) throw new Error(`no output for ${name}`);
  return {
    bytes: output.bytes,
    inputs: Object.keys(output.inputs).filter((path) => output.inputs[path]!.bytesInOutput > 0),
  };
}

const from = (inputs: readonly string[], prefix: string) => inputs.filter((path) => path.startsWith(prefix));

describe('function bundles', () => {
  it('give the health check no AWS SDK and no zod: the floor of every cold start', async () => {
    const { inputs, bytes } = await bundleOf('health');
    expect(from(inputs, 'node_modules/@aws-sdk/')).toEqual([]);
    expect(from(inputs, 'node_modules/zod/')).toEqual([]);
    expect(bytes).toBeLessThan(100 * 1024);
  });

  it('take credentials from the environment only, without the default chain (profiles, SSO, instance metadata)', async () => {
    const { inputs } = await bundleOf('getTask');
    expect(inputs).toContain('functions/runtime/env-credentials.ts');
    for (const chain of [
      'credential-provider-node',
      'credential-provider-ini',
      'credential-provider-sso',
      'credential-provider-imds',
      'nested-clients',
    ]) {
      expect(inputs.filter((path) => path.includes(`/${chain}/`))).toEqual([]);
    }
  });

  it('leave out the schemas a handler never parses', async () => {
    // getTask parses nothing but its path: no request, travel or statistics contract, and no classic
    // zod to build one with (its configuration is read with zod's mini build).
    const { inputs } = await bundleOf('getTask');
    expect(
      from(inputs, 'shared/contracts/').filter((path) => /case-request|travel|statistics/.test(path)),
    ).toEqual([]);
    expect(from(inputs, 'node_modules/zod/v4/classic/')).toEqual([]);
    // submitCase parses a request, so it has the request's contract.
    expect((await bundleOf('submitCase')).inputs).toContain('shared/contracts/case-request.ts');
  });

  it.each([
    ['openApi', '/api/openapi.json', null, buildOpenApiDocument],
    ['getWorkflow', '/api/workflow', ['consular:hn'], workflowGraphAnswer],
  ] as const)(
    'give %s its answer built at build time: the bundle answers what the source computes, without zod',
    async (name, path, groups, compute) => {
      const { inputs, bytes } = await bundleOf(name);
      // No zod and no contract to generate from (zod-to-openapi's empty registry, 1 KB, stays).
      expect(from(inputs, 'node_modules/zod/')).toEqual([]);
      expect(bytes).toBeLessThan(150 * 1024);
      const dir = mkdtempSync(join(tmpdir(), 'retorno-bundle-'));
      try {
        const outfile = join(dir, 'index.js');
        await build({ ...functionBuildOptions(name), outfile, sourcemap: false });
        const { handler } = require(outfile) as {
          handler: (event: unknown, context: Context) => Promise<{ statusCode: number; body: string }>;
        };
        const answer = await handler(
          {
            version: '2.0',
            routeKey: `GET ${path}`,
            rawPath: path,
            rawQueryString: '',
            headers: {},
            isBase64Encoded: false,
            requestContext: {
              http: { method: 'GET', path },
              ...(groups
                ? {
                    authorizer: {
                      jwt: {
                        claims: { sub: 's', 'cognito:username': 'u', 'cognito:groups': groups },
                        scopes: [],
                      },
                    },
                  }
                : {}),
            },
          },
          {
            awsRequestId: 'r',
            functionName: name,
            getRemainingTimeInMillis: () => 3000,
          } as unknown as Context,
        );
        expect(answer.statusCode).toBe(200);
        expect(JSON.parse(answer.body)).toEqual(JSON.parse(JSON.stringify(compute())));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});
