/**
 * The signed-in user's inbox (`GET /api/tasks?view=mine`): their tasks soonest due first, each
 * with its due date, an overdue or due-soon badge, its kind, its case and a link to the task.
 * The kind and status filters live in the URL (`/tasks?kind=disbursement_approval` is the
 * Secretariat's "Disbursements"); open tasks by default, completed ones for history. More pages
 * load by the answer's cursor.
 */
import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import {
  TASK_KINDS,
  TASK_STATUSES,
  type Task,
  type TaskKind,
  type TaskStatus,
} from '../../../../shared/contracts/task';
import { api } from '../../api';
import { SelectField } from '../../forms/fields';
import { formatDateTime } from '../../i18n/format';
import { taskKindName, taskStatusName } from '../../i18n/labels';
import { defineMessages } from '../../i18n/messages';
import { ErrorNotice, Loading, Page } from '../../ui/common';
import { usePagedList } from '../../ui/paged-list';
import { TableWrap } from '../../ui/table-wrap';
import { DueBadge, inboxUrl, taskTitle } from './task-line';

const text = defineMessages({
  en: {
    title: 'Inbox',
    titleOf: (kind: string) => `Inbox: ${kind}`,
    filters: 'Filter the tasks',
    kind: 'Kind',
    allKinds: 'All kinds',
    status: 'Status',
    show: 'Show',
    caption: (count: number) => `${count === 1 ? '1 task' : `${count} tasks`}, soonest due first`,
    due: 'Due',
    task: 'Task',
    case: 'Case',
    completed: 'Completed',
    more: 'Show more tasks',
    emptyOpen: 'Nothing waits for you: your inbox is empty.',
    empty: 'No tasks to show with these filters.',
  },
  es: {
    title: 'Bandeja',
    titleOf: (kind: string) => `Bandeja: ${kind}`,
    filters: 'Filtrar las tareas',
    kind: 'Tipo',
    allKinds: 'Todos los tipos',
    status: 'Estado',
    show: 'Mostrar',
    caption: (count: number) =>
      `${count === 1 ? '1 tarea' : `${count} tareas`}, primero las que vencen antes`,
    due: 'Vence',
    task: 'Tarea',
    case: 'Caso',
    completed: 'Completada',
    more: 'Mostrar más tareas',
    emptyOpen: 'Nada le espera: su bandeja está vacía.',
    empty: 'No hay tareas con estos filtros.',
  },
});

const isKind = (value: string | undefined): value is TaskKind =>
  (TASK_KINDS as readonly string[]).includes(value ?? '');
const isStatus = (value: string | undefined): value is TaskStatus =>
  (TASK_STATUSES as readonly string[]).includes(value ?? '');

function Filters(props: { kind: TaskKind | undefined; status: TaskStatus }) {
  const t = text();
  const { route } = useLocation();
  const [kind, setKind] = useState<string>(props.kind ?? '');
  const [status, setStatus] = useState<string>(props.status);
  useEffect(() => {
    setKind(props.kind ?? '');
    setStatus(props.status);
  }, [props.kind, props.status]);
  return (
    <form
      class="inbox-filters"
      aria-label={t.filters}
      onSubmit={(event) => {
        event.preventDefault();
        route(inboxUrl(isKind(kind) ? kind : undefined, isStatus(status) ? status : 'open'));
      }}
    >
      <SelectField
        name="kind"
        label={t.kind}
        value={kind}
        onChange={setKind}
        placeholder={t.allKinds}
        options={TASK_KINDS.map((value) => ({ value, label: taskKindName(value) }))}
      />
      <SelectField
        name="status"
        label={t.status}
        value={status}
        onChange={setStatus}
        options={TASK_STATUSES.map((value) => ({ value, label: taskStatusName(value) }))}
      />
      <button type="submit" class="secondary">
        {t.show}
      </button>
    </form>
  );
}

function TaskRow(props: { task: Task }) {
  const t = text();
  const task = props.task;
  return (
    <tr data-task-id={task.taskId}>
      <td class="due" data-label={t.due}>
        <time dateTime={task.dueAt}>{formatDateTime(task.dueAt)}</time> <DueBadge task={task} />
        {task.status !== 'open' ? (
          <small class="task-status">
            {taskStatusName(task.status)}
            {task.completedAt ? ` · ${formatDateTime(task.completedAt)}` : ''}
          </small>
        ) : null}
      </td>
      <th scope="row">
        <a href={`/tasks/${encodeURIComponent(task.taskId)}`}>{taskTitle(task)}</a>
      </th>
      <td data-label={t.kind}>{taskKindName(task.kind)}</td>
      <td data-label={t.case}>
        <a href={`/cases/${encodeURIComponent(task.caseId)}`}>{task.caseId}</a>
      </td>
    </tr>
  );
}

export default function Inbox() {
  const t = text();
  const { query } = useLocation();
  const kind = isKind(query.kind) ? query.kind : undefined;
  const status = isStatus(query.status) ? query.status : 'open';
  // Each page belongs to the filters it was asked for: a late page of older filters is dropped.
  const { first, items, nextCursor, loading, loadingMore, error, moreError, more, reload } = usePagedList(
    (cursor) =>
      api.tasks.list({ view: 'mine', status, ...(kind ? { kind } : {}), ...(cursor ? { cursor } : {}) }),
    [kind, status],
  );
  const busy = loading || loadingMore;
  return (
    <Page title={kind ? t.titleOf(taskKindName(kind)) : t.title}>
      <Filters kind={kind} status={status} />
      {error || moreError ? <ErrorNotice error={error ?? moreError} onRetry={reload} /> : null}
      {first && items.length === 0 ? (
        <p class="notice inbox-empty">{status === 'open' && !kind ? t.emptyOpen : t.empty}</p>
      ) : null}
      {items.length > 0 ? (
        <TableWrap label={t.caption(items.length)}>
          <table class="inbox-table">
            <caption>{t.caption(items.length)}</caption>
            <thead>
              <tr>
                <th scope="col">{t.due}</th>
                <th scope="col">{t.task}</th>
                <th scope="col">{t.kind}</th>
                <th scope="col">{t.case}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((task) => (
                <TaskRow key={task.taskId} task={task} />
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : null}
      {busy ? <Loading /> : null}
      {nextCursor && !busy ? (
        <button type="button" class="secondary" onClick={more}>
          {t.more}
        </button>
      ) : null}
    </Page>
  );
}
