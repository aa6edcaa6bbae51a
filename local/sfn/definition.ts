/**
 * Reads a state machine definition as CreateStateMachine does: JSON, valid Amazon States
 * Language (checked with asl-validator), AWS's own Retry/Catch rules, and nothing the local
 * runtime cannot run. An unsupported feature is refused by name with InvalidDefinition rather
 * than run differently from AWS.
 */
import validateAsl from 'asl-validator';
import { SfnApiError } from './api-errors';
import { installAslSchemaCache } from './asl-schema-cache';
import type { AslMachine } from './asl-types';
import { classifyResource } from './lambda-task';

installAslSchemaCache();

function invalid(message: string): SfnApiError {
  return new SfnApiError('InvalidDefinition', `Invalid State Machine Definition: '${message}'`);
}

function unsupported(feature: string, where: string): SfnApiError {
  return invalid(`${feature} is not supported by the local Step Functions runtime (at ${where})`);
}

/** Fields of JSONata states and features the runtime refuses, with what to call them. */
const REFUSED_STATE_FIELDS: ReadonlyArray<readonly [string, string]> = [
  ['Assign', 'Assign (workflow variables)'],
  ['Arguments', 'Arguments (JSONata)'],
  ['Output', 'Output (JSONata)'],
  ['Credentials', 'Credentials (cross-account tasks)'],
  ['ItemReader', 'distributed Map (ItemReader)'],
  ['ResultWriter', 'distributed Map (ResultWriter)'],
  ['ItemBatcher', 'distributed Map (ItemBatcher)'],
  ['Label', 'distributed Map (Label)'],
  ['ItemsPointer', 'distributed Map (ItemsPointer)'],
];

function checkRules(kind: 'Retry' | 'Catch', rules: unknown, where: string): void {
  if (!Array.isArray(rules)) return;
  rules.forEach((rule: { ErrorEquals?: unknown }, index) => {
    const names = Array.isArray(rule?.ErrorEquals) ? (rule.ErrorEquals as unknown[]) : [];
    if (names.includes('States.ALL')) {
      if (names.length !== 1) {
        throw invalid(`States.ALL must appear alone in ErrorEquals (at ${where}.${kind}[${index}])`);
      }
      if (index !== rules.length - 1) {
        throw invalid(
          `States.ALL must appear in the last ${kind === 'Retry' ? 'retrier' : 'catcher'} (at ${where})`,
        );
      }
    }
  });
}

function walk(machine: AslMachine, where: string): void {
  for (const [name, state] of Object.entries(machine.States ?? {})) {
    const at = `${where}/${name}`;
    const fields = state as unknown as Record<string, unknown>;
    if (fields.QueryLanguage === 'JSONata') throw unsupported('JSONata (QueryLanguage)', at);
    for (const [field, feature] of REFUSED_STATE_FIELDS) {
      if (field in fields) throw unsupported(feature, at);
    }
    checkRules('Retry', state.Retry, at);
    checkRules('Catch', state.Catch, at);
    if (state.Type === 'Task' && typeof state.Resource === 'string') {
      const resource = classifyResource(state.Resource);
      if ('unsupported' in resource) throw unsupported(resource.unsupported, at);
    }
    if (state.Type === 'Map') {
      const config = (state.ItemProcessor as { ProcessorConfig?: { Mode?: string } } | undefined)
        ?.ProcessorConfig;
      if (config?.Mode === 'DISTRIBUTED')
        throw unsupported('distributed Map (ProcessorConfig.Mode DISTRIBUTED)', at);
      const processor = state.ItemProcessor ?? state.Iterator;
      if (processor) walk(processor, `${at}/ItemProcessor`);
    }
    if (state.Type === 'Parallel') {
      for (const [index, branch] of (state.Branches ?? []).entries())
        walk(branch, `${at}/Branches[${index}]`);
    }
  }
}

/**
 * Parses and checks a definition; throws SfnApiError InvalidDefinition naming what is wrong or
 * unsupported.
 */
export function parseDefinition(text: unknown): AslMachine {
  if (typeof text !== 'string') throw invalid('the definition must be a JSON string');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw invalid(`the definition is not JSON: ${(error as Error).message}`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
    throw invalid('the definition must be an object');
  const top = parsed as Record<string, unknown>;
  if (top.QueryLanguage === 'JSONata') throw unsupported('JSONata (QueryLanguage)', 'the top level');
  // Our own walk first, so that an unsupported feature is named rather than reported as a schema error.
  walk(parsed as AslMachine, '');
  // asl-validator fills in QueryLanguage on the object it is given: give it a copy.
  const result = validateAsl(structuredClone(parsed), { checkPaths: true, checkArn: true });
  if (!result.isValid) throw invalid(result.errorsText('; '));
  return parsed as AslMachine;
}
