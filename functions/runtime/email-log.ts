/**
 * The log line of a run's emails: the outbox kinds that failed (the reconciler sends them again)
 * and how many were sent or skipped. Kinds and parties only: no address, no content.
 */
import type { NotifyResult } from '../../shared/notifications/notifier';
import { logger } from './logger';

export function logEmails(
  emails: Omit<NotifyResult, 'refused'> & Partial<Pick<NotifyResult, 'refused'>>,
): void {
  const counts = {
    sent: emails.sent.length,
    skipped: emails.skipped.length,
    refused: emails.refused?.length ?? 0,
    failed: emails.failed.length,
  };
  if (emails.failed.length > 0) {
    logger.warn('emails not sent, kept pending for the reconciler', {
      ...counts,
      failures: emails.failed.map(({ key, error }) => ({ caseId: key.caseId, kind: key.kind, error })),
    });
  } else if (counts.sent + counts.refused > 0) {
    logger.info('emails sent', counts);
  }
}
