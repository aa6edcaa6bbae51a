import { z } from 'zod';
import { taskListQuerySchema } from '../../../shared/contracts/task';
import { ForbiddenError } from '../../../shared/errors';
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
  const page = {
    ...(query.limit ? { limit: query.limit } : {}),
    ...(query.cursor ? { cursor: query.cursor } : {}),
  };
  const status = query.status ?? 'open';
  if (query.view === 'all' && principal!.role !== 'secretariat' && principal!.role !== 'auditor') {
    throw new ForbiddenError(
      'only the secretariat and the auditor see the tasks of every country (view=all)',
    );
  }
  const found =
    query.view === 'all' ? await tasks.byStatus(status, page) : await tasks.inbox(principal!, status, page);
  const items = found.items.filter((task) => !query.kind || task.kind === query.kind).map(taskAnswer);
  return { statusCode: 200, body: { items, ...(found.nextCursor ? { nextCursor: found.nextCursor } : {}) } };
});
