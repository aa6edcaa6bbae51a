/**
 * What the inbox and the task page both say of a task: its title in the reader's language (the
 * API's own title is English only; this says the same from the task's kind, country and case) and
 * a badge for a task overdue or due soon, whose text says so (never colour alone).
 */
import type { Task, TaskKind, TaskStatus } from '../../../../shared/contracts/task';
import { countryName } from '../../i18n/labels';
import { defineMessages } from '../../i18n/messages';

/** An open task due within this long is "due soon". */
export const DUE_SOON_MS = 48 * 3_600_000;

const text = defineMessages({
  en: {
    overdue: 'Overdue',
    dueSoon: 'Due soon',
    titles: {
      country_approval: (country: string, caseId: string) =>
        `Decide the approval of ${country} for case ${caseId}`,
      disbursement_approval: (_country: string, caseId: string) =>
        `Approve the disbursement for case ${caseId}`,
      arrival_confirmation: (_country: string, caseId: string) => `Confirm the arrival of case ${caseId}`,
      reintegration_checkin: (_country: string, caseId: string) =>
        `Record the reintegration check-in for case ${caseId}`,
      manual_booking: (_country: string, caseId: string) => `Book travel by hand for case ${caseId}`,
    },
  },
  es: {
    overdue: 'Vencida',
    dueSoon: 'Vence pronto',
    titles: {
      country_approval: (country: string, caseId: string) =>
        `Decidir la aprobación de ${country} para el caso ${caseId}`,
      disbursement_approval: (_country: string, caseId: string) => `Aprobar el desembolso del caso ${caseId}`,
      arrival_confirmation: (_country: string, caseId: string) => `Confirmar la llegada del caso ${caseId}`,
      reintegration_checkin: (_country: string, caseId: string) =>
        `Registrar el seguimiento de reintegración del caso ${caseId}`,
      manual_booking: (_country: string, caseId: string) => `Reservar el viaje a mano para el caso ${caseId}`,
    },
  },
});

/** The task's line, e.g. "Decide the approval of Mexico for case RET-…". */
export function taskTitle(task: Pick<Task, 'kind' | 'caseId' | 'assignedCountry'>): string {
  const country = task.assignedCountry ? countryName(task.assignedCountry) : '';
  return text().titles[task.kind](country, task.caseId);
}

/** Whether an open task is due within two days (and not overdue yet), by the reader's clock. */
export function isDueSoon(task: Pick<Task, 'status' | 'overdue' | 'dueAt'>, now = Date.now()): boolean {
  return task.status === 'open' && !task.overdue && Date.parse(task.dueAt) - now <= DUE_SOON_MS;
}

/** "Overdue" (the API's flag) or "Due soon"; nothing for other tasks. */
export function DueBadge(props: { task: Pick<Task, 'status' | 'overdue' | 'dueAt'> }) {
  const t = text();
  if (props.task.status === 'open' && props.task.overdue)
    return <span class="badge overdue">{t.overdue}</span>;
  if (isDueSoon(props.task)) return <span class="badge due-soon">{t.dueSoon}</span>;
  return null;
}

/** The inbox's address for these filters (open, the default, is left out). */
export function inboxUrl(kind: TaskKind | undefined, status: TaskStatus): string {
  const params = new URLSearchParams();
  if (kind) params.set('kind', kind);
  if (status !== 'open') params.set('status', status);
  const query = params.toString();
  return query ? `/tasks?${query}` : '/tasks';
}
