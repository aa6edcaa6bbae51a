/**
 * The port email goes out through: SES v2 on both clouds (the local cloud runs the SES emulator),
 * an in-memory twin in unit tests. A message is already rendered; the mailer only delivers it.
 */

/** One rendered email to its recipients. */
export interface EmailMessage {
  readonly to: readonly string[];
  readonly subject: string;
  readonly text: string;
  /** @default none: a plain-text email */
  readonly html?: string;
  /**
   * The outbox entry this email delivers (emailOutboxKeyText), sent as the
   * {@link OUTBOX_KEY_HEADER} header, so a delivered email can be traced to its entry.
   */
  readonly outboxKey: string;
}

/** The header that carries the outbox key on every email. */
export const OUTBOX_KEY_HEADER = 'X-Retorno-Outbox-Key';

export interface Mailer {
  /** Delivers the message; answers the provider's id of it. Throws when it was not accepted. */
  send(message: EmailMessage): Promise<{ readonly messageId: string }>;
}
