import { taskListQuerySchema } from '../../../shared/contracts/task';
import { taskAnswer } from '../../../shared/use-cases/task-answers';
import { httpHandler } from '../../http/http-handler';
import { taskService } from '../../runtime/dependencies';

const tasks = taskService();

/**
 * GET /api/tasks?view=mine|all&status=open&kind=&overdue=true&limit=&cursor=: the caller's inbox
 * (or, for the Secretariat and the auditor, every country's tasks), each flagged overdue by the
 * clock now; with overdue=true, only the open tasks past their due date.
 */
export const handler = httpHandler({ query: taskListQuerySchema }, async ({ principal, query }) => {
  const page = await tasks.list(principal, query);
  const now = new Date();
  return {
    statusCode: 200,
    body: {
      items: page.items.map((task) => taskAnswer(task, now)),
      ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    },
  };
});
