/**
 * The Secretariat's board (the auditor reads it too): who each case is waiting on. Every open task
 * of every country (`view=all`, page by page), first the overdue ones, then a table of assignees by
 * task kind: how many are open, how many of those overdue, and how old the oldest is. Each count
 * links to the closest case list the API offers (tally.ts `caseListLink`).
 */
import type { Task } from '../../../../shared/contracts/task';
import type { Role } from '../../../../shared/roles';
import { api } from '../../api';
import { formatDate, formatNumber } from '../../i18n/format';
import { countryName, roleName, taskKindName } from '../../i18n/labels';
import { defineMessages } from '../../i18n/messages';
import { ErrorNotice, Loading, Page } from '../../ui/common';
import { useResource } from '../../ui/resource';
import { TableWrap } from '../../ui/table-wrap';
import {
  caseListLink,
  daysSince,
  overdueFirst,
  type Row,
  referenceNow,
  TASK_KINDS,
  tallyTasks,
} from './tally';

const text = defineMessages({
  en: {
    title: 'Board',
    intro: 'Who each case is waiting on: the open tasks of every country, overdue first.',
    overdueHeading: 'Overdue tasks',
    noOverdue: 'No task is overdue.',
    case: 'Case',
    kind: 'Task',
    assignee: 'Waiting on',
    due: 'Due',
    late: 'Overdue by',
    days: (n: number) => (n === 1 ? '1 day' : `${n} days`),
    openHeading: 'Open tasks by assignee and kind',
    caption:
      'Open tasks by assignee (rows) and task kind (columns); each count opens the cases in that stage.',
    total: 'Total',
    none: 'No task is open.',
    count: (count: number, overdue: number) => (overdue > 0 ? `${count} (${overdue} overdue)` : `${count}`),
    oldest: (days: number) =>
      days === 0 ? 'oldest opened today' : days === 1 ? 'oldest 1 day' : `oldest ${days} days`,
    linkNote: 'A count opens the case list in the stage that kind of task belongs to, for that country.',
  },
  es: {
    title: 'Tablero',
    intro: 'A quién espera cada caso: las tareas abiertas de todos los países, las vencidas primero.',
    overdueHeading: 'Tareas vencidas',
    noOverdue: 'Ninguna tarea está vencida.',
    case: 'Caso',
    kind: 'Tarea',
    assignee: 'Espera a',
    due: 'Vence',
    late: 'Vencida hace',
    days: (n: number) => (n === 1 ? '1 día' : `${n} días`),
    openHeading: 'Tareas abiertas por responsable y tipo',
    caption:
      'Tareas abiertas por responsable (filas) y tipo de tarea (columnas); cada cifra abre los casos en esa etapa.',
    total: 'Total',
    none: 'No hay tareas abiertas.',
    count: (count: number, overdue: number) =>
      overdue > 0 ? `${count} (${overdue} ${overdue === 1 ? 'vencida' : 'vencidas'})` : `${count}`,
    oldest: (days: number) =>
      days === 0
        ? 'la más antigua, de hoy'
        : days === 1
          ? 'la más antigua, 1 día'
          : `la más antigua, ${days} días`,
    linkNote: 'Cada cifra abre la lista de casos en la etapa de ese tipo de tarea, para ese país.',
  },
});

/** Enough pages for every open task; a guard against a cursor that never ends. */
const MAX_PAGES = 100;

/** Every open task of every country, following `nextCursor` until the last page. */
async function loadOpenTasks(): Promise<Task[]> {
  const tasks: Task[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const answer = await api.tasks.list({
      view: 'all',
      status: 'open',
      limit: 100,
      ...(cursor ? { cursor } : {}),
    });
    tasks.push(...answer.items);
    cursor = answer.nextCursor;
    if (!cursor) break;
  }
  return tasks;
}

function assigneeName(row: Pick<Row, 'country' | 'role'>): string {
  return row.country ? countryName(row.country) : roleName((row.role ?? '') as Role);
}

function OverdueList(props: { tasks: readonly Task[]; now: number }) {
  const t = text();
  const late = overdueFirst(props.tasks);
  return (
    <section aria-labelledby="overdue-heading">
      <h2 id="overdue-heading">{t.overdueHeading}</h2>
      {late.length === 0 ? (
        <p>{t.noOverdue}</p>
      ) : (
        <TableWrap label={t.overdueHeading}>
          <table data-table="overdue" class="fb-table">
            <thead>
              <tr>
                <th scope="col">{t.case}</th>
                <th scope="col">{t.kind}</th>
                <th scope="col">{t.assignee}</th>
                <th scope="col">{t.due}</th>
                <th scope="col">{t.late}</th>
              </tr>
            </thead>
            <tbody>
              {late.map((task) => (
                <tr key={task.taskId} data-task={task.taskId}>
                  <td>
                    <a href={`/cases/${encodeURIComponent(task.caseId)}`}>{task.caseId}</a>
                  </td>
                  <td>{taskKindName(task.kind)}</td>
                  <td>
                    {assigneeName({
                      ...(task.assignedCountry
                        ? { country: task.assignedCountry }
                        : { role: task.assignedRole }),
                    })}
                  </td>
                  <td>{formatDate(task.dueAt)}</td>
                  <td>
                    <span class="badge overdue">{t.days(daysSince(task.dueAt, props.now))}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </section>
  );
}

function OpenTable(props: { rows: readonly Row[] }) {
  const t = text();
  // Every kind is a column, so a phase nobody waits on reads as 0 rather than going missing.
  const kinds = TASK_KINDS;
  return (
    <section aria-labelledby="open-heading">
      <h2 id="open-heading">{t.openHeading}</h2>
      {props.rows.length === 0 ? (
        <p>{t.none}</p>
      ) : (
        <>
          <TableWrap label={t.openHeading}>
            <table data-table="open-tasks" class="board-table fb-table">
              <caption>{t.caption}</caption>
              <thead>
                <tr>
                  <th scope="col">{t.assignee}</th>
                  {kinds.map((kind) => (
                    <th key={kind} scope="col">
                      {taskKindName(kind)}
                    </th>
                  ))}
                  <th scope="col">{t.total}</th>
                </tr>
              </thead>
              <tbody>
                {props.rows.map((row) => (
                  <tr
                    key={row.key}
                    data-assignee={row.key}
                    class={row.overdue > 0 ? 'has-overdue' : undefined}
                  >
                    <th scope="row">{assigneeName(row)}</th>
                    {kinds.map((kind) => {
                      const cell = row.cells[kind];
                      return (
                        <td key={kind} data-kind={kind}>
                          {cell ? (
                            <>
                              <a
                                href={caseListLink(kind, row.country)}
                                class={cell.overdue > 0 ? 'overdue-count' : undefined}
                              >
                                {t.count(cell.count, cell.overdue)}
                              </a>
                              <br />
                              <small>{t.oldest(cell.oldestDays)}</small>
                            </>
                          ) : (
                            '0'
                          )}
                        </td>
                      );
                    })}
                    <td data-kind="total">{formatNumber(row.count)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
          <p>
            <small>{t.linkNote}</small>
          </p>
        </>
      )}
    </section>
  );
}

export default function BoardScreen() {
  const t = text();
  const tasks = useResource(loadOpenTasks, []);
  const now = referenceNow(tasks.data ?? [], Date.now());
  return (
    <Page title={t.title}>
      <p>{t.intro}</p>
      {tasks.error ? <ErrorNotice error={tasks.error} onRetry={tasks.reload} /> : null}
      {tasks.data === undefined && tasks.loading ? <Loading /> : null}
      {tasks.data ? (
        <>
          <OverdueList tasks={tasks.data} now={now} />
          <OpenTable rows={tallyTasks(tasks.data, now)} />
        </>
      ) : null}
    </Page>
  );
}
