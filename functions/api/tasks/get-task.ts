import { taskAnswer } from '../../../shared/use-cases/task-answers';
import { httpHandler } from '../../http/http-handler';
import { taskService } from '../../runtime/dependencies';

const tasks = taskService();

/** GET /api/tasks/{taskId}: a task the caller is assigned (or, for the secretariat and auditor, any), flagged overdue by the clock now. */
export const handler = httpHandler({}, async ({ principal, params }) => ({
  statusCode: 200,
  body: taskAnswer(await tasks.get(params.taskId!, principal), new Date()),
}));
