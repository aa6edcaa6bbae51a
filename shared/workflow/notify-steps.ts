/**
 * NotifyReceivingCountry: once the travel is booked, the return country's authority (and, for a
 * child, its child-protection authority) is told what it needs to receive the person, in its own
 * language (shared/notifications). Only with the person's consent to share with that country:
 * without it nothing goes there and the Secretariat is alerted instead; the return goes on.
 * An email that cannot be sent now stays in the outbox for the reconciler: it never fails the case.
 */
import type * as z from 'zod';
import { type NotifierDeps, type NotifyResult, notify } from '../notifications/notifier';
import { caseStepInputSchema } from './step-contracts';

/** The case, nothing else: the input of most steps (./step-contracts.ts). */
export const notifyReceivingCountryInputSchema = caseStepInputSchema;
export type NotifyReceivingCountryInput = z.infer<typeof notifyReceivingCountryInputSchema>;

export interface NotifyReceivingCountryResult {
  readonly caseId: string;
  /** Emails sent now or before (a retry). */
  readonly told: number;
  /** Parties left out for want of consent (the Secretariat was alerted). */
  readonly refused: number;
}

export async function notifyReceivingCountry(
  deps: { readonly notifier: NotifierDeps },
  input: NotifyReceivingCountryInput,
): Promise<NotifyReceivingCountryResult & { readonly emails: NotifyResult }> {
  const emails = await notify(deps.notifier, input.caseId, { kind: 'reception_notice' });
  return {
    caseId: input.caseId,
    told: emails.sent.length + emails.skipped.length,
    refused: emails.refused.length,
    emails,
  };
}
