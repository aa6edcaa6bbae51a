/**
 * The manifest's state machines as the local runtime registers them: each definition read from
 * workflows/ with its `${FnName}` substitutions replaced by the local function ARNs, as CDK's
 * `definitionSubstitutions` does on AWS.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { definitionSubstitutions } from '../shared/manifest-names';
import type { Manifest } from '../shared/manifest-types';

export class MissingSubstitutionError extends Error {
  override readonly name = 'MissingSubstitutionError';
}

/** Replaces every `${Key}`; a placeholder with no value is an error, never left in place. */
export function substitute(
  definition: string,
  values: Readonly<Record<string, string>>,
  source: string,
): string {
  return definition.replace(/\$\{([A-Za-z0-9_]+)\}/g, (_, key: string) => {
    const value = values[key];
    if (value === undefined) {
      throw new MissingSubstitutionError(
        `${source}: \${${key}} has no value; list the function in the state machine's functions in shared/manifest.ts`,
      );
    }
    return value;
  });
}

export function localStateMachines(
  manifest: Manifest,
  root: string,
  names: { stateMachineName(machine: string): string; functionArn(fn: string): string },
): Array<{ name: string; definition: string }> {
  return Object.entries(manifest.stateMachines).map(([machine, spec]) => ({
    name: names.stateMachineName(machine),
    definition: substitute(
      readFileSync(join(root, spec.definition), 'utf8'),
      definitionSubstitutions(manifest, machine, names.functionArn),
      spec.definition,
    ),
  }));
}
