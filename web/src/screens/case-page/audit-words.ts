/**
 * The audit log in words: each action and each detail named in the reader's language, and the
 * values that are codes (a status, a country, a kind of task, an amount) written as the rest of
 * the app writes them. The codes stay on the page beside the words: an auditor compares them with
 * the chain. An action or a key not known here is shown as it is recorded.
 */
import type { CaseStatus } from '../../../../shared/contracts/case';
import type { TaskKind } from '../../../../shared/contracts/task';
import type { Role } from '../../../../shared/roles';
import { formatDateTime, formatMoney } from '../../i18n/format';
import { countryName, roleName, statusName, taskKindName } from '../../i18n/labels';
import { language } from '../../i18n/language';

const ACTIONS: Record<'en' | 'es', Record<string, string>> = {
  en: {
    'case.submitted': 'Request submitted',
    'case.read_personal_data': 'Personal data read',
    'case.status_changed': 'Status changed',
    'case.event_recorded': 'Event recorded',
    'case.withdrawn': 'Request withdrawn',
    'case.checkin_recorded': 'Check-in recorded',
    'task.created': 'Task opened',
    'task.completed': 'Task completed',
    'task.expired': 'Task expired',
    'task.cancelled': 'Task cancelled',
    'fund.reserved': 'Money reserved',
    'fund.released': 'Money released',
    'fund.disbursed': 'Money disbursed',
    'fund.reversed': 'Disbursement reversed',
    'fund.contributed': 'Contribution recorded',
    'travel.booked': 'Travel booked',
    'travel.booking_refused': 'Booking refused',
    'travel.booking_cancelled': 'Booking cancelled',
  },
  es: {
    'case.submitted': 'Solicitud presentada',
    'case.read_personal_data': 'Lectura de datos personales',
    'case.status_changed': 'Cambio de estado',
    'case.event_recorded': 'Evento registrado',
    'case.withdrawn': 'Solicitud retirada',
    'case.checkin_recorded': 'Seguimiento registrado',
    'task.created': 'Tarea abierta',
    'task.completed': 'Tarea completada',
    'task.expired': 'Tarea vencida',
    'task.cancelled': 'Tarea cancelada',
    'fund.reserved': 'Fondos reservados',
    'fund.released': 'Fondos liberados',
    'fund.disbursed': 'Fondos desembolsados',
    'fund.reversed': 'Desembolso revertido',
    'fund.contributed': 'Contribución registrada',
    'travel.booked': 'Viaje reservado',
    'travel.booking_refused': 'Reserva rechazada',
    'travel.booking_cancelled': 'Reserva cancelada',
  },
};

const KEYS: Record<'en' | 'es', Record<string, string>> = {
  en: {
    status: 'Status',
    previousStatus: 'Status before',
    from: 'From',
    to: 'To',
    event: 'Event',
    taskId: 'Task',
    kind: 'Kind',
    role: 'Role',
    country: 'Country',
    dueAt: 'Due',
    decision: 'Decision',
    fundId: 'Fund',
    amountUsd: 'Amount',
    costUsd: 'Cost',
    currency: 'Currency',
    reason: 'Reason',
    attempt: 'Attempt',
    outcome: 'Outcome',
    bookedBy: 'Booked by',
    reference: 'Reference',
    profile: 'Seen as',
    purpose: 'Purpose',
  },
  es: {
    status: 'Estado',
    previousStatus: 'Estado anterior',
    from: 'De',
    to: 'A',
    event: 'Evento',
    taskId: 'Tarea',
    kind: 'Tipo',
    role: 'Rol',
    country: 'País',
    dueAt: 'Vence',
    decision: 'Decisión',
    fundId: 'Fondo',
    amountUsd: 'Monto',
    costUsd: 'Costo',
    currency: 'Moneda',
    reason: 'Motivo',
    attempt: 'Intento',
    outcome: 'Resultado',
    bookedBy: 'Reservado por',
    reference: 'Referencia',
    profile: 'Visto como',
    purpose: 'Propósito',
  },
};

const DECISIONS: Record<'en' | 'es', Record<string, string>> = {
  en: { approve: 'approved', reject: 'rejected' },
  es: { approve: 'aprobada', reject: 'rechazada' },
};

/** What part of a case a reader saw (the disclosure profiles of shared/cases/disclosure.ts). */
const PROFILES: Record<'en' | 'es', Record<string, string>> = {
  en: {
    full: 'the whole case',
    exit: 'what the exit country needs',
    transit: 'what a transit country needs',
    reception: 'what the return country needs',
    reintegration: 'what reintegration needs',
    operations: 'what travel needs',
    none: 'no personal data',
  },
  es: {
    full: 'el caso completo',
    exit: 'lo que necesita el país de salida',
    transit: 'lo que necesita un país de tránsito',
    reception: 'lo que necesita el país de retorno',
    reintegration: 'lo que necesita la reintegración',
    operations: 'lo que necesita el viaje',
    none: 'ningún dato personal',
  },
};

const PURPOSES: Record<'en' | 'es', Record<string, string>> = {
  en: { 'case view': 'the case page' },
  es: { 'case view': 'la página del caso' },
};

const STATUS_KEYS = new Set(['status', 'previousStatus', 'from', 'to']);
/** Ids and codes with no words of their own (a task id, an event code): shown as code. */
const CODE_KEYS = new Set(['taskId', 'fundId', 'event', 'reference', 'outcome', 'bookedBy']);

/** The action in words, or undefined when it is not one this app knows. */
export function auditActionName(action: string): string | undefined {
  return ACTIONS[language.value][action];
}

export function auditKeyName(key: string): string {
  return KEYS[language.value][key] ?? key;
}

/**
 * A detail's value as the reader reads it, and the recorded code to show beside it when the words
 * differ from it (or instead of words, for an id).
 */
export function auditValue(key: string, value: unknown): { readonly text: string; readonly code?: string } {
  if (typeof value === 'string') {
    const words = (() => {
      if (STATUS_KEYS.has(key)) return statusName(value as CaseStatus);
      if (key === 'kind') return taskKindName(value as TaskKind);
      if (key === 'country') return countryName(value);
      if (key === 'role') return roleName(value as Role);
      if (key === 'dueAt') return formatDateTime(value);
      if (key === 'decision') return DECISIONS[language.value][value] ?? value;
      if (key === 'profile') return PROFILES[language.value][value] ?? value;
      if (key === 'purpose') return PURPOSES[language.value][value] ?? value;
      return value;
    })();
    if (words !== value) return { text: words, code: value };
    return CODE_KEYS.has(key) ? { text: '', code: value } : { text: value };
  }
  if (typeof value === 'number' && (key === 'amountUsd' || key === 'costUsd'))
    return { text: formatMoney(value) };
  return { text: JSON.stringify(value) };
}
