/**
 * What goes into a handler's bundle (scripts/build.ts), checked on the bundles esbuild makes from
 * the manifest's entries: each holds the code it uses and not the rest, which is what keeps cold
 * starts short (bench/cold-start.ts measures them).
 */
import { build, type Metafile } from 'esbuild';
import { functionBuildOptions } from '../../../scripts/build';
import type { manifest } from '../../../shared/manifest';

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
});
