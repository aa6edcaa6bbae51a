/** The builder of each state machine in the manifest, by its manifest name. */
import type { StateMachineName } from '../shared/manifest';
import type { Machine } from './asl-types';
import { caseWorkflow } from './case-workflow';
import { reintegrationWorkflow } from './reintegration-workflow';

export const WORKFLOW_DEFINITIONS: Readonly<Record<StateMachineName, () => Machine<string>>> = {
  caseWorkflow,
  reintegrationWorkflow,
};
