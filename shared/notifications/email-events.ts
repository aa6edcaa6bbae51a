/**
 * SES's own account of each email, recorded in the outbox: the configuration set publishes Send,
 * Delivery, Bounce and Complaint events (on AWS to EventBridge, locally from local/ses-events.ts,
 * in the same shape), each with the email's headers, and so with the outbox key Retorno put in
 * X-Retorno-Outbox-Key. A Send event marks the entry sent even when its sender died between SES
 * accepting the email and markSent: that is what closes the outbox's last "exactly once" window
 * (shared/ports/email-outbox.ts). Delivery, bounce and complaint are kept on the entry as SES's
 * codes and times; SES's diagnostic text, which may quote the address or the remote server's
 * words, is not.
 */
import * as z from 'zod';
import {
  BOUNCE_TYPES,
  type EmailEvent,
  type EmailOutbox,
  type OutboxKey,
  parseOutboxKeyText,
} from '../ports/email-outbox';
import { OUTBOX_KEY_HEADER } from '../ports/mailer';

/** The SES event types Retorno's configuration set publishes, by EventBridge detail-type. */
export const SES_EVENT_DETAIL_TYPES = {
  Send: 'Email Sent',
  Delivery: 'Email Delivered',
  Bounce: 'Email Bounced',
  Complaint: 'Email Complaint Received',
} as const;
export type SesEventType = keyof typeof SES_EVENT_DETAIL_TYPES;

const timestamp = /* @__PURE__ */ (() => z.iso.datetime({ offset: true }))();

/**
 * The parts of an SES event (EventBridge's `detail`, or an SNS message's body) Retorno reads;
 * SES sends more (common headers, tags, the bounce's diagnostic text), which is not kept.
 */
export const sesEventSchema = /* @__PURE__ */ (() =>
  z.object({
    eventType: z.string(),
    mail: z.object({
      timestamp,
      messageId: z.string(),
      headers: z.array(z.object({ name: z.string(), value: z.string() })).optional(),
    }),
    delivery: z.object({ timestamp }).optional(),
    bounce: z
      .object({
        bounceType: z.enum(BOUNCE_TYPES),
        bounceSubType: z.string(),
        timestamp,
      })
      .optional(),
    complaint: z
      .object({
        complaintFeedbackType: z.string().optional(),
        timestamp,
      })
      .optional(),
  }))();
export type SesEvent = z.infer<typeof sesEventSchema>;

/** An SES event as EventBridge delivers it to the function. */
export const sesEventBridgeSchema = /* @__PURE__ */ (() =>
  z.object({
    source: z.literal('aws.ses'),
    'detail-type': z.string(),
    detail: sesEventSchema,
  }))();

/** What recording one event did. */
export type EmailEventOutcome =
  /** Kept on its outbox entry. */
  | { readonly outcome: 'recorded'; readonly type: SesEventType; readonly key: OutboxKey }
  /** An email of Retorno's whose entry is gone (expired) or belongs to another deployment. */
  | { readonly outcome: 'no_entry'; readonly type: SesEventType; readonly key: OutboxKey }
  /** No outbox key in its headers: not an email the outbox sent. */
  | { readonly outcome: 'not_outbox'; readonly type: SesEventType }
  /** A type the outbox does not record (Open, Click, Reject, DeliveryDelay...). */
  | { readonly outcome: 'ignored'; readonly type: string };

const isRecorded = (type: string): type is SesEventType => type in SES_EVENT_DETAIL_TYPES;

/** The report an SES event makes, as the outbox keeps it (codes and times only). */
function reportOf(type: SesEventType, event: SesEvent): EmailEvent | undefined {
  const mail = { messageId: event.mail.messageId, sentAt: event.mail.timestamp };
  switch (type) {
    case 'Send':
      return { ...mail, type: 'send' };
    case 'Delivery':
      return event.delivery ? { ...mail, type: 'delivery', at: event.delivery.timestamp } : undefined;
    case 'Bounce':
      return event.bounce
        ? {
            ...mail,
            type: 'bounce',
            at: event.bounce.timestamp,
            bounceType: event.bounce.bounceType,
            subType: event.bounce.bounceSubType,
          }
        : undefined;
    case 'Complaint':
      return event.complaint
        ? {
            ...mail,
            type: 'complaint',
            at: event.complaint.timestamp,
            ...(event.complaint.complaintFeedbackType
              ? { feedbackType: event.complaint.complaintFeedbackType }
              : {}),
          }
        : undefined;
  }
}

/** What recording an event needs. */
export interface EmailEventDeps {
  readonly outbox: EmailOutbox;
  /** @default () => new Date() */
  readonly now?: () => Date;
}

/**
 * Records one SES event on the outbox entry its X-Retorno-Outbox-Key header names. Safe to run
 * twice (EventBridge and SES deliver at least once): every report marks the entry sent keeping
 * the first id and time, and a delivery, bounce or complaint is the same fact written again.
 * @throws SesEventIncompleteError for an event of a recorded type without its part (a delivery
 *   without `delivery`); ValidationError for codes that are not codes; any failure to write the outbox
 */
export async function recordEmailEvent(deps: EmailEventDeps, event: SesEvent): Promise<EmailEventOutcome> {
  const type = event.eventType;
  if (!isRecorded(type)) return { outcome: 'ignored', type };
  const header = event.mail.headers?.find(
    (item) => item.name.toLowerCase() === OUTBOX_KEY_HEADER.toLowerCase(),
  );
  const key = header ? parseOutboxKeyText(header.value) : undefined;
  if (!key) return { outcome: 'not_outbox', type };
  const report = reportOf(type, event);
  if (!report) throw new SesEventIncompleteError(`SES ${type} event without its ${type.toLowerCase()} part`);
  const at = (deps.now?.() ?? new Date()).toISOString();
  const found = await deps.outbox.recordEvent(key, report, at);
  return { outcome: found ? 'recorded' : 'no_entry', type, key };
}

/** An SES event of a recorded type lacks the part that type carries. */
export class SesEventIncompleteError extends Error {
  override readonly name = 'SesEventIncompleteError';
}
