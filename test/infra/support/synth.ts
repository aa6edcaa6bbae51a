/**
 * Synthesizes the Retorno app for the infra tests exactly as `cdk synth` does (same context from
 * cdk.json, same cdk-nag plugin), offline. The function bundles and web app come from dist/, as
 * `npm run build` makes them; on a fresh clone they are built first, once, even when several
 * jest workers ask at the same time.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { App, CfnElement } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { createRetornoApp } from '../../../infra/retorno-app';
import { REPO_ROOT, type RetornoStack, type RetornoStackProps } from '../../../infra/retorno-stack';
import { demoEmailDirectory } from '../../../local/email-directory';
import { buildFunctions, buildWeb, functionBundlePath } from '../../../scripts/build';
import { manifest } from '../../../shared/manifest';

const LOCK = join(REPO_ROOT, 'dist', '.infra-test-build.lock');
const STALE_LOCK_MS = 120_000;

const built = (): boolean =>
  Object.keys(manifest.functions).every((name) => existsSync(functionBundlePath(name))) &&
  existsSync(join(REPO_ROOT, 'dist', 'web', 'index.html'));

/** Builds dist/ unless it is there; one worker builds while the others wait for it. */
export async function ensureBuilt(): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!built()) {
    mkdirSync(join(REPO_ROOT, 'dist'), { recursive: true });
    try {
      mkdirSync(LOCK);
    } catch {
      // Another worker builds; wait, unless it died holding the lock.
      const heldSince = statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs ?? Date.now();
      if (Date.now() - heldSince > STALE_LOCK_MS) {
        rmSync(LOCK, { recursive: true, force: true });
      }
      if (Date.now() > deadline) throw new Error('timed out waiting for another worker to build dist/');
      await new Promise((resolve) => setTimeout(resolve, 200));
      continue;
    }
    try {
      if (!built()) await Promise.all([buildFunctions(), buildWeb()]);
    } finally {
      rmSync(LOCK, { recursive: true, force: true });
    }
  }
}

/** The synthesized app, its stack and the stack's template. */
export interface Synthesized {
  readonly app: App;
  readonly stack: RetornoStack;
  readonly template: Template;
  /** The logical id of a construct's CloudFormation resource (or of the element itself). */
  readonly logicalId: (element: CfnElement | { node: { defaultChild?: unknown } }) => string;
}

/**
 * Synthesizes the app with cdk.json's context and, unless the test gives its own, the local
 * cloud's demo email directory as the `emailDirectory` context; stack props may be overridden
 * (fixtures).
 */
export function synthRetorno(
  stack: Partial<RetornoStackProps> = {},
  context: Record<string, unknown> = {},
): Synthesized {
  const cdkJson = JSON.parse(readFileSync(join(REPO_ROOT, 'cdk.json'), 'utf8')) as { context?: object };
  const { app, stack: created } = createRetornoApp({
    app: {
      outdir: mkdtempSync(join(tmpdir(), 'retorno-cdk-')),
      // Copying assets into the cloud assembly (mostly the AWS CLI layer of the web deployment)
      // takes ~10 s per synth and changes nothing in the template; the assets are still hashed.
      context: {
        ...cdkJson.context,
        'aws:cdk:disable-asset-staging': true,
        emailDirectory: demoEmailDirectory(),
        ...context,
      },
    },
    stack,
  });
  app.synth();
  const template = Template.fromStack(created);
  const logicalId: Synthesized['logicalId'] = (element) => {
    const cfn = (
      'node' in element && element.node.defaultChild ? element.node.defaultChild : element
    ) as CfnElement;
    return created.getLogicalId(cfn);
  };
  return { app, stack: created, template, logicalId };
}
