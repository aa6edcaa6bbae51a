import { completeTask } from '../../../shared/use-cases/complete-task';
import { httpHandler } from '../../http/http-handler';
import { auditTrail, caseService, taskService, workflowEngine } from '../../runtime/dependencies';

const deps = {
  tasks: taskService(),
  cases: caseService(),
  audit: auditTrail(),
  workflow: workflowEngine('caseWorkflow'),
};

/** POST /api/tasks/{taskId}/complete with the form of the task's kind. 409 once decided, 404 when the caller may not see the task, 403 when they see it but may not decide it. */
export const handler = httpHandler<unknown>({}, async ({ principal, params, body }) => ({
  statusCode: 200,
  body: await completeTask(deps, principal, params.taskId!, body ?? {}),
}));
