import * as z from 'zod';
import { taskListQuerySchema } from '../../../shared/contracts/task';
import { ForbiddenError } from '../../../shared/errors';
import type { Task as TaskRecord } from '../../../shared/tasks/task';
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
  const status = query.status ?? 'open';
  if (query.view === 'all' && principal!.role !== 'secretariat' && principal!.role !== 'auditor') {
    throw new ForbiddenError(
      'only the secretariat and the auditor see the tasks of every country (view=all)',
    );
  }
  const limit = query.limit ?? 25;
  const fetchPage = (cursor: string | undefined) => {
    const page = { limit, ...(cursor ? { cursor } : {}) };
    return query.view === 'all' ? tasks.byStatus(status, page) : tasks.inbox(principal!, status, page);
  };
  // The kind narrows what the index returns, so keep reading pages until the page is full (at
  // most a few reads: an inbox holds few kinds) rather than answer short pages.
  const items: TaskRecord[] = [];
  let cursor = query.cursor;
  for (let reads = 0; reads < 10; reads++) {
    const found = await fetchPage(cursor);
    items.push(...found.items.filter((task) => !query.kind || task.kind === query.kind));
    cursor = found.nextCursor;
    if (!cursor || items.length >= limit) break;
  }
  return {
    statusCode: 200,
    body: { items: items.map(taskAnswer), ...(cursor ? { nextCursor: cursor } : {}) },
  };
});
