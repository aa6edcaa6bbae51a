/** The workflow's waits in memory, with the DynamoDB adapter's semantics (a retry keeps `since`). */
import { queueOrder, type WaitKind, type WorkflowWait, type WorkflowWaits } from '../../ports/workflow-waits';
import { copy } from './copy';

const keyOf = (caseId: string, kind: WaitKind) => `${kind}#${caseId}`;

export class MemoryWorkflowWaits implements WorkflowWaits {
  private readonly waits = new Map<string, WorkflowWait>();

  async hold(wait: WorkflowWait): Promise<WorkflowWait> {
    const existing = this.waits.get(keyOf(wait.caseId, wait.kind));
    const kept = existing ? { ...wait, since: existing.since } : wait;
    this.waits.set(keyOf(wait.caseId, wait.kind), copy(kept));
    return copy(kept);
  }

  async get(caseId: string, kind: WaitKind): Promise<WorkflowWait | undefined> {
    const wait = this.waits.get(keyOf(caseId, kind));
    return wait ? copy(wait) : undefined;
  }

  async release(caseId: string, kind: WaitKind): Promise<boolean> {
    return this.waits.delete(keyOf(caseId, kind));
  }

  async list(kind: WaitKind): Promise<WorkflowWait[]> {
    return [...this.waits.values()]
      .filter((wait) => wait.kind === kind)
      .sort(queueOrder)
      .map((wait) => copy(wait));
  }
}
