import * as z from 'zod';
import { taskListQuerySchema } from '../../../shared/contracts/task';
import { taskAnswer } from '../../../shared/use-cases/task-answers';
import { httpHandler } from '../../http/http-handler';
import { taskService } from '../../runtime/dependencies';

const tasks = taskService();

const querySchema = taskListQuerySchema.extend({
  /** `mine` (default): the caller's inbox, soonest due first. `all`: every country, oldest first. */
  view: z.enum(['mine', 'all']).default('mine'),
});

/** GET /api/tasks?status=open&view=mine|all&kind=&limit=&cursor= */
export const handler = httpHandler({ query: querySchema }, async ({ principal, query }) => {
  const page = await tasks.list(principal, query);
  return {
    statusCode: 200,
    body: { items: page.items.map(taskAnswer), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) },
  };
});
