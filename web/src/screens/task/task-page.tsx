/**
 * One task (`/tasks/{taskId}`, the link in the task emails). Opening it only reads: the task, and
 * for an approval the case as the API shows it to this user. An open task shows the form of its
 * kind; a completed, expired or cancelled one shows its status and decision and no form. After
 * completing, the page shows the task as the API answered it, with a way back to the inbox.
 */
import { useState } from 'preact/hooks';
import type { CaseDetail } from '../../../../shared/contracts/case';
import type { Task } from '../../../../shared/contracts/task';
import { type ApiError, api } from '../../api';
import { principal } from '../../auth/session';
import { formatDate, formatDateTime, formatMoney } from '../../i18n/format';
import { countryName, taskKindName, taskStatusName, yesNo } from '../../i18n/labels';
import { defineMessages } from '../../i18n/messages';
import { ErrorNotice, Loading, Page } from '../../ui/common';
import { useResource } from '../../ui/resource';
import { DueBadge, inboxUrl, taskTitle } from '../inbox/task-line';
import { ApprovalForm } from './approval-form';
import { ArrivalForm } from './arrival-form';
import { amountToDisburse, CaseFacts } from './case-facts';
import { CheckInForm } from './checkin-form';
import type { CompletionProps } from './completion';
import { ManualBookingForm } from './manual-booking-form';

const text = defineMessages({
  en: {
    title: 'Task',
    about: 'About this task',
    kind: 'Kind',
    status: 'Status',
    due: 'Due',
    assignedTo: 'For',
    case: 'Case',
    completedAt: 'Completed',
    completedBy: 'By',
    decision: 'Decision',
    approved: 'Approved',
    rejected: 'Rejected',
    arrivedOn: 'Arrived on',
    contactMade: 'Contact made',
    booking: (provider: string, reference: string) => `${provider}, reference ${reference}`,
    departs: 'Departure',
    arrives: 'Arrival',
    cost: 'Cost',
    done: 'Done: the task is completed.',
    conflict: 'This task can no longer be completed: it was completed or closed meanwhile.',
    notOpen: (status: string) => `This task is ${status.toLowerCase()}: there is nothing left to do here.`,
    back: 'Back to the inbox',
    readOnly: 'This task is for its assignee to complete; you can read it here.',
  },
  es: {
    title: 'Tarea',
    about: 'Sobre esta tarea',
    kind: 'Tipo',
    status: 'Estado',
    due: 'Vence',
    assignedTo: 'Para',
    case: 'Caso',
    completedAt: 'Completada',
    completedBy: 'Por',
    decision: 'Decisión',
    approved: 'Aprobada',
    rejected: 'Rechazada',
    arrivedOn: 'Llegó el',
    contactMade: 'Se logró contacto',
    booking: (provider: string, reference: string) => `${provider}, código ${reference}`,
    departs: 'Salida',
    arrives: 'Llegada',
    cost: 'Costo',
    done: 'Listo: la tarea está completada.',
    conflict: 'Esta tarea ya no se puede completar: se completó o se cerró mientras tanto.',
    notOpen: (status: string) => `Esta tarea está ${status.toLowerCase()}: no queda nada por hacer aquí.`,
    back: 'Volver a la bandeja',
    readOnly: 'Esta tarea la completa la persona a quien está asignada; aquí puede leerla.',
  },
});

function Decision(props: { task: Task }) {
  const t = text();
  const decision = props.task.decision;
  if (!decision) return null;
  switch (decision.kind) {
    case 'country_approval':
    case 'disbursement_approval':
      return <>{decision.form.decision === 'approve' ? t.approved : t.rejected}</>;
    case 'arrival_confirmation':
      return (
        <>
          {t.arrivedOn} {formatDate(decision.form.arrivedOn)}
        </>
      );
    case 'reintegration_checkin':
      return (
        <>
          {t.contactMade}: {yesNo(decision.form.contactMade)}
        </>
      );
    case 'manual_booking': {
      const form = decision.form;
      return (
        <>
          {t.booking(form.provider, form.reference)}; {t.departs} {formatDateTime(form.departureAt)};{' '}
          {t.arrives} {formatDateTime(form.arrivalAt)}; {t.cost} {formatMoney(form.cost)}
        </>
      );
    }
  }
}

function TaskFacts(props: { task: Task }) {
  const t = text();
  const task = props.task;
  return (
    <section class="task-facts" aria-label={t.about}>
      <dl>
        <div>
          <dt>{t.kind}</dt>
          <dd>{taskKindName(task.kind)}</dd>
        </div>
        <div>
          <dt>{t.status}</dt>
          <dd>
            <span class={`badge task-${task.status}`}>{taskStatusName(task.status)}</span>
          </dd>
        </div>
        <div>
          <dt>{t.due}</dt>
          <dd>
            <time dateTime={task.dueAt}>{formatDateTime(task.dueAt)}</time> <DueBadge task={task} />
          </dd>
        </div>
        {task.assignedCountry ? (
          <div>
            <dt>{t.assignedTo}</dt>
            <dd>{countryName(task.assignedCountry)}</dd>
          </div>
        ) : null}
        <div>
          <dt>{t.case}</dt>
          <dd>
            <a href={`/cases/${encodeURIComponent(task.caseId)}`}>{task.caseId}</a>
          </dd>
        </div>
        {task.completedAt ? (
          <div>
            <dt>{t.completedAt}</dt>
            <dd>
              <time dateTime={task.completedAt}>{formatDateTime(task.completedAt)}</time>
            </dd>
          </div>
        ) : null}
        {task.completedBy ? (
          <div>
            <dt>{t.completedBy}</dt>
            <dd>{task.completedBy.username}</dd>
          </div>
        ) : null}
        {task.decision ? (
          <div>
            <dt>{t.decision}</dt>
            <dd class="task-decision">
              <Decision task={task} />
            </dd>
          </div>
        ) : null}
      </dl>
    </section>
  );
}

const isApproval = (task: Task) => task.kind === 'country_approval' || task.kind === 'disbursement_approval';

/**
 * What an open task is about, as the API shows the case to this user, then its form when the user
 * is its assignee. (Read when the task is open only: a closed task needs no case read, which the
 * API audits as a read of personal data.)
 */
function OpenTask(props: CompletionProps) {
  const t = text();
  const detail = useResource<CaseDetail>(() => api.cases.get(props.task.caseId), [props.task.caseId]);
  return (
    <>
      {detail.data ? <CaseFacts detail={detail.data} taskId={props.task.taskId} /> : null}
      {detail.loading ? <Loading /> : null}
      {detail.error ? <ErrorNotice error={detail.error} onRetry={detail.reload} /> : null}
      {mayComplete(props.task) ? (
        <TaskForm {...props} amountUsd={detail.data ? amountToDisburse(detail.data) : undefined} />
      ) : (
        <p class="notice">{t.readOnly}</p>
      )}
    </>
  );
}

/** Whether the signed-in user is this task's assignee (others, the auditor, only read it). */
function mayComplete(task: Task): boolean {
  const who = principal.value;
  if (!who || who.role !== task.assignedRole) return false;
  return task.assignedCountry === undefined || task.assignedCountry === who.country;
}

function TaskForm(props: CompletionProps & { amountUsd: number | undefined }) {
  switch (props.task.kind) {
    case 'country_approval':
    case 'disbursement_approval':
      return <ApprovalForm {...props} />;
    case 'arrival_confirmation':
      return <ArrivalForm {...props} />;
    case 'reintegration_checkin':
      return <CheckInForm {...props} />;
    case 'manual_booking':
      return <ManualBookingForm {...props} />;
  }
}

function backLink(task: Task): string {
  // The Secretariat's disbursements are a filtered inbox; back to the list the task came from.
  return principal.value?.role === 'secretariat' && isApproval(task) ? inboxUrl(task.kind, 'open') : '/tasks';
}

export default function TaskPage(props: { taskId?: string; params?: { taskId?: string } }) {
  const t = text();
  const taskId = props.taskId ?? props.params?.taskId ?? '';
  const loaded = useResource(() => api.tasks.get(taskId), [taskId]);
  const [completed, setCompleted] = useState<Task | undefined>(undefined);
  const [conflict, setConflict] = useState<ApiError | undefined>(undefined);
  const task = completed ?? loaded.data;

  function onConflict(error: ApiError) {
    setConflict(error);
    loaded.reload();
  }

  return (
    <Page title={task ? taskTitle(task) : t.title}>
      {loaded.loading && !task ? <Loading /> : null}
      {loaded.error && !task ? <ErrorNotice error={loaded.error} onRetry={loaded.reload} /> : null}
      {completed ? (
        <p class="notice notice-done" role="status">
          {t.done}
        </p>
      ) : null}
      {conflict ? (
        <div class="notice notice-error" role="alert">
          <p>{t.conflict}</p>
          <p class="detail">{conflict.message}</p>
        </div>
      ) : null}
      {task ? (
        <>
          <TaskFacts task={task} />
          {task.status === 'open' && !conflict ? (
            <OpenTask task={task} onCompleted={setCompleted} onConflict={onConflict} />
          ) : !completed && !conflict ? (
            <p class="notice">{t.notOpen(taskStatusName(task.status))}</p>
          ) : null}
          <p>
            <a href={backLink(task)}>{t.back}</a>
          </p>
        </>
      ) : null}
    </Page>
  );
}
