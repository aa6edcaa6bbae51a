/**
 * How many open tasks are past their due date, by kind: what the reconciler publishes for the
 * operators' alarms (shared/operations-metrics.ts). Reads the open tasks due before `now`, a page
 * at a time; at the fund's volume that is a handful of items.
 */
import { TASK_KINDS } from '../contracts/task';
import type { OverdueCounts } from '../operations-metrics';
import type { TaskService } from '../tasks/task-service';

const PAGE = 100;

export async function countOverdueTasks(tasks: TaskService, now: Date): Promise<OverdueCounts> {
  const counts = Object.fromEntries(TASK_KINDS.map((kind) => [kind, 0])) as Record<
    (typeof TASK_KINDS)[number],
    number
  >;
  let cursor: string | undefined;
  do {
    const page = await tasks.byStatus('open', {
      dueBefore: now.toISOString(),
      limit: PAGE,
      ...(cursor ? { cursor } : {}),
    });
    for (const task of page.items) counts[task.kind] += 1;
    cursor = page.nextCursor;
  } while (cursor);
  return counts;
}
