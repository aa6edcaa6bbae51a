/**
 * A state's input and output processing, in AWS's order, written once for every state type:
 * InputPath → Parameters → the state's work → ResultSelector → ResultPath → OutputPath
 * ("Processing input and output in Step Functions"). A definition has been validated before it
 * runs, so a field a state type cannot have is absent and the same two functions serve them all:
 * Choice, Wait and Succeed, which have no Parameters nor ResultPath, pass their effective input
 * through as their result.
 */
import type { AslState } from '../asl-types';
import {
  applyInputPath,
  applyOutputPath,
  applyPayloadTemplate,
  applyResultPath,
  type ContextObject,
} from './paths';

/** InputPath, then Parameters: what the state works on. */
export function effectiveInput(state: AslState, input: unknown, context: ContextObject): unknown {
  return parametersOf(state, applyInputPath(input, state.InputPath, context), context);
}

/** Parameters applied to what InputPath selected (for a Task, whose limits read the selection). */
export function parametersOf(state: AslState, selected: unknown, context: ContextObject): unknown {
  return state.Parameters === undefined
    ? selected
    : applyPayloadTemplate(state.Parameters, selected, context, 'Parameters');
}

/** ResultSelector, ResultPath, OutputPath: the state's output from its raw input and its work's result. */
export function stateOutput(
  state: AslState,
  input: unknown,
  result: unknown,
  context: ContextObject,
): unknown {
  const selected =
    state.ResultSelector === undefined
      ? result
      : applyPayloadTemplate(state.ResultSelector, result, context, 'ResultSelector');
  return applyOutputPath(applyResultPath(input, selected, state.ResultPath), state.OutputPath, context);
}
