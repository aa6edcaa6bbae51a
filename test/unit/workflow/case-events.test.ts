/**
 * The sentences the case workflow's outcomes put on the timeline, written once in the domain
 * (shared/cases/case-events) and quoting only the code the workflow hands over.
 */
import { CASE_EVENTS, caseEventSentences, quotesCode } from '../../../shared/cases/case-events';
import { recordCaseEventInputSchema } from '../../../shared/workflow/step-contracts';

describe('the timeline sentences of the workflow outcomes', () => {
  it('say each outcome in Spanish and English', () => {
    expect(caseEventSentences('approvals_requested')).toEqual({
      es: 'Se pidió la aprobación de cada país de la ruta (salida, tránsito y recepción).',
      en: 'Each country on the route (exit, transit and reception) was asked to approve.',
    });
    expect(caseEventSentences('approvals_granted')).toEqual({
      es: 'Todos los países de la ruta aprobaron; falta la aprobación del desembolso por la Secretaría Técnica.',
      en: "Every country on the route approved; the Technical Secretariat's disbursement approval comes next.",
    });
    expect(caseEventSentences('disbursement_approved')).toEqual({
      es: 'La Secretaría Técnica aprobó el desembolso; sigue la reserva del viaje.',
      en: 'The Technical Secretariat approved the disbursement; travel booking comes next.',
    });
    expect(caseEventSentences('disbursement_rejected')).toEqual({
      es: 'La Secretaría Técnica rechazó el desembolso. Se liberó la reserva.',
      en: 'The Technical Secretariat rejected the disbursement. The hold was released.',
    });
    expect(caseEventSentences('withdrawal_completed')).toEqual({
      es: 'Retiro voluntario: se liberó la reserva y se cancelaron las tareas abiertas.',
      en: 'Voluntary withdrawal: the hold was released and open tasks were cancelled.',
    });
    expect(caseEventSentences('funds_unavailable')).toEqual({
      es: 'El Fondo de Reserva no puede cubrir el monto solicitado en este momento; el caso no pasó a aprobaciones.',
      en: 'The Reserve Fund cannot cover the requested amount right now; the case did not go on to approvals.',
    });
  });

  it('quote the rejecting country, the late approver and the error name', () => {
    expect(caseEventSentences('approval_rejected', 'GT')).toEqual({
      es: 'Guatemala rechazó el retorno. Se liberó la reserva y se cancelaron las demás aprobaciones.',
      en: 'Guatemala rejected the return. The hold was released and the other approvals were cancelled.',
    });
    expect(caseEventSentences('approval_expired', 'HN')).toEqual({
      es: 'Venció el plazo de aprobación (Honduras). Se liberó la reserva y se cancelaron las demás aprobaciones.',
      en: 'The approval deadline passed (Honduras). The hold was released and the other approvals were cancelled.',
    });
    expect(caseEventSentences('approval_expired', 'ST-CRM').en).toBe(
      'The approval deadline passed (Technical Secretariat). The hold was released and the other approvals were cancelled.',
    );
    expect(caseEventSentences('workflow_failed', 'Lambda.Unknown')).toEqual({
      es: 'El caso no pudo continuar por un error técnico (Lambda.Unknown). La Secretaría Técnica lo revisará.',
      en: 'The case could not continue because of a technical error (Lambda.Unknown). The Technical Secretariat will review it.',
    });
    const quoting = Object.keys(CASE_EVENTS).filter((event) => quotesCode(event as keyof typeof CASE_EVENTS));
    expect(quoting.sort()).toEqual(['approval_expired', 'approval_rejected', 'workflow_failed']);
  });

  it('are asked for by code: the record step refuses free text, a missing code and a wrong status', () => {
    const caseId = 'RET-1';
    expect(
      recordCaseEventInputSchema.safeParse({ caseId, event: 'approval_rejected', code: 'GT' }).success,
    ).toBe(true);
    for (const input of [
      { caseId, event: 'approvals_requested', es: 'Pedidas.', en: 'Asked.' },
      { caseId, event: 'approval_rejected' },
      { caseId, event: 'approvals_requested', code: 'GT' },
      { caseId, status: 'REJECTED', event: 'approvals_requested' },
      { caseId, event: 'approvals_requestd' },
    ]) {
      expect({ input, success: recordCaseEventInputSchema.safeParse(input).success }).toEqual({
        input,
        success: false,
      });
    }
  });
});
