/**
 * The outcomes the case workflow records on a case's timeline (its Record* states), each with the
 * status it moves the case to and its Spanish and English sentences. The state machine passes an
 * event code and, for a sentence that quotes one, a code (a country, an error name); the sentences
 * are written here, in the domain, and never travel through an execution.
 */
import type { CaseStatus } from '../contracts/case';
import { isRcmCountry, RCM_COUNTRIES } from '../countries';

/** What the sentences of an event quote: nothing, or the one code the workflow hands over. */
type Sentence = string | ((code: string) => string);

/** Whom a code names, in words: a member state by its name, `ST-CRM` as the Secretariat. */
function approverName(code: string, language: 'es' | 'en'): string {
  if (code === 'ST-CRM') return language === 'es' ? 'Secretaría Técnica' : 'Technical Secretariat';
  return isRcmCountry(code) ? RCM_COUNTRIES[code][language] : code;
}

interface CaseEventSpec {
  /** The status the case moves to when the event is recorded. */
  readonly status: CaseStatus;
  readonly es: Sentence;
  readonly en: Sentence;
}

export const CASE_EVENTS = {
  approvals_requested: {
    status: 'AWAITING_APPROVALS',
    es: 'Se pidió la aprobación de cada país de la ruta (salida, tránsito y recepción).',
    en: 'Each country on the route (exit, transit and reception) was asked to approve.',
  },
  approvals_granted: {
    status: 'AWAITING_DISBURSEMENT',
    es: 'Todos los países de la ruta aprobaron; falta la aprobación del desembolso por la Secretaría Técnica.',
    en: "Every country on the route approved; the Technical Secretariat's disbursement approval comes next.",
  },
  disbursement_approved: {
    status: 'BOOKING',
    es: 'La Secretaría Técnica aprobó el desembolso; sigue la reserva del viaje.',
    en: 'The Technical Secretariat approved the disbursement; travel booking comes next.',
  },
  /** Written with the booking itself (shared/travel/booking.ts); RecordBooked finds it there. */
  travel_booked: {
    status: 'AWAITING_DEPARTURE',
    es: 'Viaje reservado con el proveedor; el caso espera la salida.',
    en: 'Travel booked through the provider; the case awaits departure.',
  },
  travel_booked_manually: {
    status: 'AWAITING_DEPARTURE',
    es: 'Operaciones reservó el viaje a mano; el caso espera la salida.',
    en: 'Operations booked the travel by hand; the case awaits departure.',
  },
  departed: {
    status: 'TRAVELLING',
    es: 'La persona salió de viaje de regreso.',
    en: 'The person set off on the journey home.',
  },
  arrived: {
    status: 'ARRIVED',
    es: 'El país de retorno confirmó la llegada.',
    en: 'The return country confirmed the arrival.',
  },
  /** The code is the rejecting country. */
  approval_rejected: {
    status: 'REJECTED',
    es: (country: string) =>
      `${approverName(country, 'es')} rechazó el retorno. Se liberó la reserva y se cancelaron las demás aprobaciones.`,
    en: (country: string) =>
      `${approverName(country, 'en')} rejected the return. The hold was released and the other approvals were cancelled.`,
  },
  disbursement_rejected: {
    status: 'REJECTED',
    es: 'La Secretaría Técnica rechazó el desembolso. Se liberó la reserva.',
    en: 'The Technical Secretariat rejected the disbursement. The hold was released.',
  },
  /** The code is whose approval ran out of time: a country, or ST-CRM for the Secretariat. */
  approval_expired: {
    status: 'EXPIRED',
    es: (approver: string) =>
      `Venció el plazo de aprobación (${approverName(approver, 'es')}). Se liberó la reserva y se cancelaron las demás aprobaciones.`,
    en: (approver: string) =>
      `The approval deadline passed (${approverName(approver, 'en')}). The hold was released and the other approvals were cancelled.`,
  },
  withdrawal_completed: {
    status: 'WITHDRAWN',
    es: 'Retiro voluntario: se liberó la reserva y se cancelaron las tareas abiertas.',
    en: 'Voluntary withdrawal: the hold was released and open tasks were cancelled.',
  },
  reintegration_started: {
    status: 'REINTEGRATION',
    es: 'Empieza el seguimiento de la reintegración por el país de retorno.',
    en: "The return country's reintegration follow-up begins.",
  },
  reintegration_completed: {
    status: 'CLOSED',
    es: 'Terminó el seguimiento de la reintegración: el caso se cerró.',
    en: 'The reintegration follow-up is over: the case is closed.',
  },
  funds_waiting: {
    status: 'WAITING_FOR_FUNDS',
    es: 'El Fondo de Reserva no alcanza por ahora: el caso espera en la cola y seguirá solo, por orden de llegada, cuando un aporte lo cubra.',
    en: 'The Reserve Fund cannot cover the case yet: it waits in the queue and goes on by itself, oldest first, when a contribution covers it.',
  },
  funds_wait_expired: {
    status: 'REJECTED',
    es: 'El caso esperó fondos más tiempo del permitido sin que un aporte lo cubriera: se rechazó.',
    en: 'The case waited for funds longer than allowed without a contribution covering it: it was rejected.',
  },
  funds_unavailable: {
    status: 'FAILED',
    es: 'El Fondo de Reserva no puede cubrir el monto solicitado en este momento; el caso no pasó a aprobaciones.',
    en: 'The Reserve Fund cannot cover the requested amount right now; the case did not go on to approvals.',
  },
  /** The code is the name of the error that stopped the case. */
  workflow_failed: {
    status: 'FAILED',
    es: (error: string) =>
      `El caso no pudo continuar por un error técnico (${error}). La Secretaría Técnica lo revisará.`,
    en: (error: string) =>
      `The case could not continue because of a technical error (${error}). The Technical Secretariat will review it.`,
  },
} as const satisfies Record<string, CaseEventSpec>;

/**
 * The outcomes the API records itself, outside the workflows, each with the status it sets: a
 * submission (shared/cases/case-service.ts) starts a case SUBMITTED, or keeps it INELIGIBLE at
 * once; a withdrawal (shared/use-cases/withdraw-case.ts) moves it to WITHDRAWN. They are here, in
 * one place, so that the workflow diagram (workflows/status-graph.ts) reads what the API does.
 */
export const API_CASE_EVENTS = {
  submitted: { status: 'SUBMITTED' },
  ineligible: { status: 'INELIGIBLE' },
  withdrawn: { status: 'WITHDRAWN' },
} as const satisfies Record<string, { readonly status: CaseStatus }>;

/**
 * The event of a submission found not eligible: its sentences give the eligibility reasons, which
 * may quote the person's age or a vulnerability, so answers cut them for every profile but `full`.
 */
export const INELIGIBLE_EVENT = 'ineligible' satisfies keyof typeof API_CASE_EVENTS;

/** The event of a withdrawal through the API. */
export const WITHDRAWN_EVENT = 'withdrawn' satisfies keyof typeof API_CASE_EVENTS;

/** The workflow's event of a FAILED case, whose sentences name the error. */
export const FAILED_EVENT = 'workflow_failed' satisfies CaseEvent;

/** The code of an outcome the workflow records, e.g. `approvals_requested`. */
export type CaseEvent = keyof typeof CASE_EVENTS;

/** Every recorded outcome's code, for the step contract. */
export const CASE_EVENT_CODES = Object.keys(CASE_EVENTS) as [CaseEvent, ...CaseEvent[]];

/** The events whose sentences quote a code (the workflow must hand one over). */
export type QuotingCaseEvent = {
  [Event in CaseEvent]: (typeof CASE_EVENTS)[Event]['en'] extends string ? never : Event;
}[CaseEvent];

/** True when the event's sentences quote a code. */
export function quotesCode(event: CaseEvent): event is QuotingCaseEvent {
  return typeof CASE_EVENTS[event].en === 'function';
}

/** The event's sentences; `code` fills the sentences that quote one. */
export function caseEventSentences(
  event: CaseEvent,
  code = '',
): { readonly es: string; readonly en: string } {
  const spec: CaseEventSpec = CASE_EVENTS[event];
  const write = (sentence: Sentence) => (typeof sentence === 'string' ? sentence : sentence(code));
  return { es: write(spec.es), en: write(spec.en) };
}
