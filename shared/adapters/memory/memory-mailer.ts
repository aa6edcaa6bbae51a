/**
 * A mailer that keeps what it was given instead of delivering it, for unit tests: `sent` is every
 * accepted email in order; `failNext` makes the next sends throw, as a provider outage would.
 */
import type { EmailMessage, Mailer } from '../../ports/mailer';
import { copy } from './copy';

/** An email the memory mailer accepted, with the id it answered. */
export interface SentEmail extends EmailMessage {
  readonly messageId: string;
}

export class MemoryMailer implements Mailer {
  private readonly accepted: SentEmail[] = [];
  private failures: Error[] = [];

  /** Every email accepted so far, oldest first. */
  get sent(): readonly SentEmail[] {
    return copy(this.accepted);
  }

  /** Makes each of the next `count` sends throw `error`. */
  failNext(error: Error, count = 1): void {
    this.failures = [...this.failures, ...Array.from({ length: count }, () => error)];
  }

  async send(message: EmailMessage): Promise<{ messageId: string }> {
    const failure = this.failures.shift();
    if (failure) throw failure;
    const messageId = `memory-${this.accepted.length + 1}`;
    this.accepted.push({ ...copy(message), messageId });
    return { messageId };
  }
}
