/**
 * What each case status is called, in Spanish and English, short enough for a stepper or a
 * diagram's node: the one place the words are written (GET /api/workflow answers them, for the
 * web app). Keyed by every status, so a new status does not compile until it is named.
 */
import type { CaseStatus } from '../contracts/case';

/** A status's name in both languages. */
export interface StatusLabel {
  readonly es: string;
  readonly en: string;
}

export const CASE_STATUS_LABELS: Readonly<Record<CaseStatus, StatusLabel>> = {
  SUBMITTED: { es: 'Presentado', en: 'Submitted' },
  INELIGIBLE: { es: 'No elegible', en: 'Ineligible' },
  WAITING_FOR_FUNDS: { es: 'Esperando fondos', en: 'Waiting for funds' },
  AWAITING_APPROVALS: { es: 'Esperando aprobaciones', en: 'Awaiting approvals' },
  AWAITING_DISBURSEMENT: { es: 'Esperando desembolso', en: 'Awaiting disbursement' },
  BOOKING: { es: 'Reservando el viaje', en: 'Booking travel' },
  AWAITING_DEPARTURE: { es: 'Esperando la salida', en: 'Awaiting departure' },
  TRAVELLING: { es: 'En viaje', en: 'Travelling' },
  ARRIVED: { es: 'Llegada confirmada', en: 'Arrived' },
  REINTEGRATION: { es: 'Reintegración', en: 'Reintegration' },
  CLOSED: { es: 'Cerrado', en: 'Closed' },
  REJECTED: { es: 'Rechazado', en: 'Rejected' },
  EXPIRED: { es: 'Vencido', en: 'Expired' },
  WITHDRAWN: { es: 'Retirado', en: 'Withdrawn' },
  FAILED: { es: 'Fallido', en: 'Failed' },
};
