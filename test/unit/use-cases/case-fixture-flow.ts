/** A submitted case and its approval task, the way the workflow would have created it. */
import type { Task } from '../../../shared/tasks/task';
import { submitCase } from '../../../shared/use-cases/submit-case';
import { caseRequest } from '../cases/case-fixture';
import { consulHn, type MemoryServices } from './memory-services';

/** Submits the fixture case (eligible) as the Honduran consulate. */
export async function submittedCase(services: MemoryServices): Promise<string> {
  const { caseId } = await submitCase(
    {
      cases: services.cases,
      audit: services.audit,
      workflow: services.workflow,
      ceilingUsd: 1000,
      now: services.now,
    },
    { principal: consulHn, request: caseRequest() },
  );
  return caseId;
}

/** Mexico's exit approval of the case, waiting on `token`. */
export async function approvalTask(services: MemoryServices, caseId: string, token: string): Promise<Task> {
  const { task } = await services.tasks.create(
    {
      caseId,
      kind: 'country_approval',
      assignee: { role: 'authority', country: 'MX' },
      dueAt: '2024-05-10T00:00:00.000Z',
      context: { approvalRole: 'exit' },
    },
    token,
  );
  return task;
}
