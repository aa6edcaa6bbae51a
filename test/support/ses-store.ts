/**
 * What the SES emulator (aws-ses-v2-local) has accepted, read from its `GET /store`, as the
 * integration tests check the emails the functions sent: filtered by recipient, subject or the
 * outbox key each Retorno email carries in its X-Retorno-Outbox-Key header.
 */
import * as z from 'zod';
import { OUTBOX_KEY_HEADER } from '../../shared/ports/mailer';

const storedEmailSchema = z.object({
  messageId: z.string(),
  from: z.string(),
  destination: z.object({ to: z.array(z.string()), cc: z.array(z.string()), bcc: z.array(z.string()) }),
  subject: z.string(),
  body: z.object({ text: z.string().optional(), html: z.string().optional() }),
  headers: z.array(z.object({ name: z.string(), value: z.string() })).optional(),
  /** Epoch seconds. */
  at: z.number(),
});
export type StoredEmail = z.infer<typeof storedEmailSchema> & { readonly outboxKey?: string };

export interface EmailFilter {
  /** Only emails to this address. */
  readonly to?: string;
  readonly subjectIncludes?: string;
  /** Only emails about this case: its id is in every subject. */
  readonly caseId?: string;
}

/** Every email the emulator at `endpoint` accepted that matches the filter, oldest first. */
export async function storedEmails(endpoint: string, filter: EmailFilter = {}): Promise<StoredEmail[]> {
  const response = await fetch(`${endpoint}/store`);
  if (!response.ok) throw new Error(`SES emulator store: ${response.status}`);
  const { emails } = z.object({ emails: z.array(storedEmailSchema) }).parse(await response.json());
  return emails
    .map((email) => {
      const outboxKey = email.headers?.find((header) => header.name === OUTBOX_KEY_HEADER)?.value;
      return outboxKey ? { ...email, outboxKey } : email;
    })
    .filter(
      (email) =>
        (filter.to === undefined || email.destination.to.includes(filter.to)) &&
        (filter.subjectIncludes === undefined || email.subject.includes(filter.subjectIncludes)) &&
        (filter.caseId === undefined || email.subject.includes(filter.caseId)),
    )
    .sort((a, b) => a.at - b.at);
}
