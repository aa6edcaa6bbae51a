import { MemoryWorkflowWaits } from '../../../shared/adapters/memory';
import { workflowWaitsContract } from '../../contract/workflow-waits.contract';

workflowWaitsContract('MemoryWorkflowWaits', () => new MemoryWorkflowWaits());
