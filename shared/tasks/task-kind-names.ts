/**
 * Each task kind's name in both languages, for timelines and the web app. A plain module (no zod),
 * so the web app's shell can import it without the contracts' schemas.
 */
import type { TaskKind } from '../contracts/task';

export const TASK_KIND_NAMES: Readonly<Record<TaskKind, { readonly es: string; readonly en: string }>> = {
  country_approval: { es: 'Aprobación del país', en: 'Country approval' },
  disbursement_approval: { es: 'Aprobación del desembolso', en: 'Disbursement approval' },
  arrival_confirmation: { es: 'Confirmación de llegada', en: 'Arrival confirmation' },
  reintegration_checkin: { es: 'Seguimiento de reintegración', en: 'Reintegration check-in' },
  manual_booking: { es: 'Reserva manual', en: 'Manual booking' },
};
