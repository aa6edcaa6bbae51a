/**
 * Retorno's emails as one use case: who is told what, recorded in the outbox before it is sent,
 * and sent once (shared/ports/email-outbox.ts says what "once" means). `notify` plans a notice's
 * emails (one per address), records each, claims it, renders it from the case at that moment
 * and sends it; `resendUnsent` is the reconciler's half, which sends again what a failed send or
 * a crash left pending, rendering it the same way.
 *
 * What it guards:
 * - The reception notice is written from `requestFor('reception', ...)`, the reception
 *   disclosure profile, so the vulnerability category, circumstances, medical and protection
 *   details and free-text notes cannot reach it; and it goes only to a country the person
 *   consented to share their data with. Otherwise nothing goes to that country and the
 *   Secretariat is alerted (consent_refused); the same check runs again at send time.
 * - Every other email carries ids, codes, statuses, dates, amounts and links only.
 * - A failed send keeps the email pending (the claim is released) and is reported, not thrown:
 *   the reconciler sends it later. A failure to write the outbox itself is thrown, as any storage
 *   failure is, because an email that is not recorded could be lost.
 */
import { createHash } from 'node:crypto';
import * as z from 'zod';
import type { CaseRecord } from '../cases/case-record';
import type { CaseService } from '../cases/case-service';
import { requestFor, sees } from '../cases/disclosure';
import { APPROVAL_ROLES, type ApprovalRole, type CaseStatus } from '../contracts/case';
import { ageOn } from '../contracts/dates';
import type { TaskKind } from '../contracts/task';
import type { CountryCode } from '../countries';
import {
  type ClaimTimes,
  type EmailFacts,
  type EmailOutbox,
  type EmailParty,
  type EmailTemplate,
  type NewOutboxEntry,
  type OutboxEntry,
  type OutboxKey,
  outboxKeyOf,
  outboxKeyText,
} from '../ports/email-outbox';
import type { Mailer } from '../ports/mailer';
import type { Task } from '../tasks/task';
import { type EmailDirectory, type Recipients, recipientsOf } from './email-directory';
import { type EmailContent, type ReceptionFacts, renderEmail } from './templates';

/** What notify and resendUnsent work with. */
export interface NotifierDeps {
  readonly outbox: EmailOutbox;
  readonly mailer: Mailer;
  readonly directory: EmailDirectory;
  /** The web app's address, without a trailing slash: links are `${webAppUrl}/tasks/<taskId>`. */
  readonly webAppUrl: string;
  readonly cases: Pick<CaseService, 'getForSystem'>;
  /** @default () => new Date() */
  readonly now?: () => Date;
  /** How long a sender's claim on an email holds before another may send it. @default DEFAULT_LEASE_SECONDS */
  readonly leaseSeconds?: number;
  /**
   * How long after a claim's lease SES's Send event has to mark the email sent before another
   * sender may take the claim over and send it again. @default DEFAULT_SEND_EVENT_GRACE_SECONDS
   */
  readonly sendEventGraceSeconds?: number;
  /** Attempts an email gets before it is given up (`failed`) and the Secretariat alerted. @default DEFAULT_MAX_ATTEMPTS */
  readonly maxAttempts?: number;
}

/** Longer than any step's timeout, so a live sender's claim never runs out under it. */
export const DEFAULT_LEASE_SECONDS = 120;

/** SES publishes its Send event within seconds; five minutes leaves room for EventBridge's retries. */
export const DEFAULT_SEND_EVENT_GRACE_SECONDS = 300;

/**
 * Five attempts: the workflow's first and, with the reconciler every five minutes, about twenty
 * minutes of an outage; an email that cannot be rendered (a missing fact, no consent) fails the
 * same way every time, so more attempts would only repeat it.
 */
export const DEFAULT_MAX_ATTEMPTS = 5;

/** What to tell about a case; each kind is one template. */
export type Notice =
  | { readonly kind: 'task_assigned'; readonly task: Task }
  | { readonly kind: 'task_reminder'; readonly task: Task }
  | { readonly kind: 'status_changed'; readonly status: CaseStatus; readonly event: string }
  | { readonly kind: 'funds_waiting' }
  | { readonly kind: 'reception_notice' }
  | { readonly kind: 'withdrawal_notice' }
  | { readonly kind: 'case_failed'; readonly error: string }
  | { readonly kind: 'consent_refused'; readonly country: CountryCode };

/** A party that got nothing because the person did not consent to share with its country. */
export interface RefusedNotice {
  readonly party: EmailParty;
  readonly country: CountryCode;
}

/** What a run did, email by email. */
export interface NotifyResult {
  /** Sent by this run. */
  readonly sent: readonly OutboxKey[];
  /** Already sent, or being sent by another sender. */
  readonly skipped: readonly OutboxKey[];
  /** Not sent for want of consent (the Secretariat is alerted instead). */
  readonly refused: readonly RefusedNotice[];
  /** The send failed: the email is pending again, for the reconciler. */
  readonly failed: readonly { readonly key: OutboxKey; readonly error: string }[];
}

/** The person did not consent to share their data with the country an email would go to. */
export class ConsentNotGivenError extends Error {
  override readonly name = 'ConsentNotGivenError';
}

/** An outbox entry lacks a fact its template needs (written by another version, or by hand). */
export class EmailFactMissingError extends Error {
  override readonly name = 'EmailFactMissingError';
}

interface Tally {
  sent: OutboxKey[];
  skipped: OutboxKey[];
  refused: RefusedNotice[];
  failed: { key: OutboxKey; error: string }[];
}

const emptyTally = (): Tally => ({ sent: [], skipped: [], refused: [], failed: [] });

const nowOf = (deps: NotifierDeps) => deps.now?.() ?? new Date();

/** True for a child: under 18 on the submission date, or declared an unaccompanied child. */
export function isChildCase(record: CaseRecord): boolean {
  const age =
    record.eligibility?.age ?? ageOn(record.request.migrant.dateOfBirth, record.createdAt.slice(0, 10));
  return age < 18 || record.request.vulnerabilities.includes('unaccompanied_child');
}

/** True when the person consented to share their data with the country. */
function consented(record: CaseRecord, country: CountryCode): boolean {
  return record.request.consent.dataTransferConsent.includes(country);
}

/** An email to plan: its template, the unique part of its kind, who gets it and the facts to rebuild it. */
interface Planned {
  readonly template: EmailTemplate;
  /** What makes the email unique within the case besides its template (a task id, a status). */
  readonly discriminator?: string;
  readonly recipients: Recipients;
  readonly facts: EmailFacts;
}

function approvalRoleOf(task: Task): ApprovalRole | undefined {
  const role = task.context?.approvalRole;
  return APPROVAL_ROLES.find((known) => known === role);
}

/** Who a task's emails go to: its country's role addresses, or the regional office. */
function taskRecipients(directory: EmailDirectory, task: Task): Recipients | undefined {
  const { role, country } = task.assignee;
  if (role === 'secretariat' || role === 'operations') return recipientsOf(directory, role);
  if ((role === 'authority' || role === 'reintegration' || role === 'consular') && country) {
    return recipientsOf(directory, role, country);
  }
  return undefined;
}

/** The emails of a notice, and the parties refused for want of consent. */
async function plan(
  deps: NotifierDeps,
  record: CaseRecord,
  notice: Notice,
): Promise<{ readonly planned: readonly Planned[]; readonly refused: readonly RefusedNotice[] }> {
  const { directory } = deps;
  const secretariat = recipientsOf(directory, 'secretariat');
  switch (notice.kind) {
    case 'task_assigned':
    case 'task_reminder': {
      const recipients = taskRecipients(directory, notice.task);
      if (!recipients) return { planned: [], refused: [] };
      const approvalRole = approvalRoleOf(notice.task);
      const facts: EmailFacts = {
        taskId: notice.task.taskId,
        taskKind: notice.task.kind,
        role: notice.task.assignee.role,
        ...(notice.task.assignee.country ? { country: notice.task.assignee.country } : {}),
        ...(approvalRole ? { approvalRole } : {}),
        dueAt: notice.task.dueAt,
      };
      return {
        planned: [{ template: notice.kind, discriminator: notice.task.taskId, recipients, facts }],
        refused: [],
      };
    }
    case 'status_changed': {
      // The submitting consulate; its country is the person's nationality.
      const country = record.submittedBy.country ?? record.nationality;
      return {
        planned: [
          {
            template: 'status_changed',
            discriminator: notice.status,
            recipients: recipientsOf(directory, 'consular', country),
            facts: { status: notice.status, event: notice.event },
          },
        ],
        refused: [],
      };
    }
    case 'funds_waiting':
      return { planned: [{ template: 'funds_waiting', recipients: secretariat, facts: {} }], refused: [] };
    case 'case_failed':
      return {
        planned: [{ template: 'case_failed', recipients: secretariat, facts: { error: notice.error } }],
        refused: [],
      };
    case 'consent_refused':
      return {
        planned: [
          {
            template: 'consent_refused',
            discriminator: notice.country,
            recipients: secretariat,
            facts: { country: notice.country },
          },
        ],
        refused: [],
      };
    case 'reception_notice': {
      const country = record.returnCountry;
      const parties: EmailParty[] = isChildCase(record) ? ['authority', 'child_protection'] : ['authority'];
      if (!consented(record, country)) {
        return { planned: [], refused: parties.map((party) => ({ party, country })) };
      }
      return {
        planned: parties.map((party) => ({
          template: 'reception_notice',
          recipients: recipientsOf(directory, party, country),
          facts: {},
        })),
        refused: [],
      };
    }
    case 'withdrawal_notice': {
      // Everyone the outbox shows was (or is being) emailed about the case, once each, in the
      // language they were written to in; an email given up told no one.
      const told = new Map<string, OutboxEntry>();
      for (const entry of await deps.outbox.forCase(record.caseId)) {
        const wasTold = entry.template !== 'withdrawal_notice' && entry.status !== 'failed';
        if (wasTold && !told.has(entry.recipient)) told.set(entry.recipient, entry);
      }
      return {
        planned: [...told.values()].map((entry) => ({
          template: 'withdrawal_notice',
          recipients: { party: entry.party, addresses: [entry.recipient], languages: entry.languages },
          facts: {},
        })),
        refused: [],
      };
    }
  }
}

/** One outbox entry per address of a planned email. */
function entriesOf(caseId: string, planned: Planned, at: string): NewOutboxEntry[] {
  const kind = planned.discriminator ? `${planned.template}#${planned.discriminator}` : planned.template;
  return planned.recipients.addresses.map((recipient) => ({
    caseId,
    kind,
    recipient,
    template: planned.template,
    party: planned.recipients.party,
    languages: [...planned.recipients.languages],
    facts: planned.facts,
    createdAt: at,
  }));
}

function fact<K extends keyof EmailFacts>(entry: OutboxEntry, name: K): NonNullable<EmailFacts[K]> {
  const value = entry.facts[name];
  if (value === undefined) {
    throw new EmailFactMissingError(
      `outbox entry ${outboxKeyText(entry)} has no ${name} for its ${entry.template}`,
    );
  }
  return value as NonNullable<EmailFacts[K]>;
}

/** A booking's legs, when the booking lists them (read defensively: it is the travel step's to write). */
const legsSchema = /* @__PURE__ */ (() =>
  z
    .array(
      z.object({
        from: z.string().optional(),
        to: z.string().optional(),
        departureAt: z.string().optional(),
        arrivalAt: z.string().optional(),
        carrier: z.string().optional(),
      }),
    )
    .optional())();

/**
 * What the receiving country needs to receive the person, cut by the reception profile: the only
 * source of the person's data in any email.
 * @throws ConsentNotGivenError when the person did not consent to share with the return country
 */
export function receptionFacts(record: CaseRecord, directory: EmailDirectory): ReceptionFacts {
  if (!consented(record, record.returnCountry)) {
    throw new ConsentNotGivenError(
      `case ${record.caseId}: no consent to share data with ${record.returnCountry}`,
    );
  }
  const seen = requestFor('reception', record.request);
  const migrant = seen?.migrant;
  const returnTo = seen?.returnTo;
  const needs = seen?.needs;
  if (!migrant || !returnTo || !needs)
    throw new Error(`case ${record.caseId}: the reception profile sees no person`);
  const booking = sees('reception', 'booking.itinerary') ? record.booking : undefined;
  const legs = booking ? legsSchema.safeParse((booking as Record<string, unknown>).legs) : undefined;
  const child = isChildCase(record);
  return {
    person: {
      givenNames: migrant.givenNames,
      familyNames: migrant.familyNames,
      dateOfBirth: migrant.dateOfBirth,
    },
    isChild: child,
    returnTo: { country: returnTo.country, city: returnTo.city },
    ...(booking
      ? {
          itinerary: {
            ...(booking.provider ? { provider: booking.provider } : {}),
            ...(booking.reference ? { reference: booking.reference } : {}),
            ...(booking.departureAt ? { departureAt: booking.departureAt } : {}),
            ...(booking.arrivalAt ? { arrivalAt: booking.arrivalAt } : {}),
            ...(legs?.success && legs.data?.length ? { legs: legs.data } : {}),
          },
        }
      : {}),
    escort: needs.escort,
    medicalEscort: needs.medicalEscort,
    wheelchair: needs.wheelchair,
    ...(returnTo.receivingContact ? { receivingContact: returnTo.receivingContact } : {}),
    ...(seen?.child?.guardian ? { guardian: seen.child.guardian } : {}),
    ...(child ? { childProtection: directory.countries[returnTo.country].childProtection.name } : {}),
  };
}

/**
 * The email an entry stands for, rebuilt from its facts and the case as it is now (email_failed
 * needs only its facts, so that an alert goes out even when the case cannot be read).
 * @throws the error the case could not be read with; EmailFactMissingError; ConsentNotGivenError
 */
function contentOf(deps: NotifierDeps, entry: OutboxEntry, found: CaseFor): EmailContent {
  const { caseId } = entry;
  const caseLink = `${deps.webAppUrl}/cases/${encodeURIComponent(caseId)}`;
  if (entry.template === 'email_failed') {
    return {
      template: 'email_failed',
      caseId,
      emailTemplate: fact(entry, 'emailTemplate'),
      party: fact(entry, 'emailParty'),
      error: fact(entry, 'error'),
      link: caseLink,
    };
  }
  if (found instanceof Error) throw found;
  if (found === undefined) throw new Error(`outbox entry ${outboxKeyText(entry)}: no case to render it from`);
  const record = found;
  switch (entry.template) {
    case 'task_assigned':
    case 'task_reminder': {
      const taskId = fact(entry, 'taskId');
      const dueAt = fact(entry, 'dueAt');
      const task = {
        taskId,
        kind: fact(entry, 'taskKind') as TaskKind,
        dueAt,
        ...(entry.facts.approvalRole ? { approvalRole: entry.facts.approvalRole } : {}),
      };
      const link = `${deps.webAppUrl}/tasks/${encodeURIComponent(taskId)}`;
      return entry.template === 'task_assigned'
        ? { template: 'task_assigned', caseId, task, link }
        : // Decided by when it was recorded, so a re-send says the same.
          { template: 'task_reminder', caseId, task, overdue: entry.createdAt >= dueAt, link };
    }
    case 'status_changed': {
      const status = fact(entry, 'status');
      const event = fact(entry, 'event');
      const line = record.timeline.find((item) => item.event === event && item.status === status);
      return {
        template: 'status_changed',
        caseId,
        status,
        ...(line ? { sentence: { es: line.es, en: line.en } } : {}),
        link: caseLink,
      };
    }
    case 'funds_waiting':
      return { template: 'funds_waiting', caseId, amountUsd: record.amounts.requestedUsd, link: caseLink };
    case 'reception_notice':
      return {
        template: 'reception_notice',
        caseId,
        reception: receptionFacts(record, deps.directory),
        link: caseLink,
      };
    case 'withdrawal_notice':
      return { template: 'withdrawal_notice', caseId };
    case 'case_failed':
      return { template: 'case_failed', caseId, error: fact(entry, 'error'), link: caseLink };
    case 'consent_refused':
      return { template: 'consent_refused', caseId, country: fact(entry, 'country'), link: caseLink };
  }
}

const errorName = (error: unknown) =>
  (error instanceof Error ? error.name : 'Error').replace(/[^A-Za-z0-9_.-]/g, '_').slice(0, 100) || 'Error';

/** The case an entry is rendered from, or why it could not be read; email_failed needs none. */
type CaseFor = CaseRecord | Error | undefined;

/**
 * A failed attempt: the claim is given back for a later attempt, or, after the last one
 * (maxAttempts), the email is given up as `failed` and the Secretariat is alerted, once (only the
 * sender whose call parked it alerts, and the alert is itself one outbox entry).
 */
async function failAttempt(deps: NotifierDeps, claimed: OutboxEntry, name: string, tally: Tally) {
  const key = outboxKeyOf(claimed);
  const at = nowOf(deps).toISOString();
  tally.failed.push({ key, error: name });
  if (claimed.attempts < (deps.maxAttempts ?? DEFAULT_MAX_ATTEMPTS)) {
    await deps.outbox.release(key, claimed.attempts, at, name);
    return;
  }
  // An alert that cannot be sent is not alerted about again.
  const alerts = claimed.template === 'email_failed' ? [] : givenUpAlerts(deps, claimed, name);
  // The alert is recorded before the email is parked: parked, the email leaves the reconciler's
  // list, so an alert not yet on record when the step dies (or its write fails) would be owed
  // forever. Recorded first, the reconciler sends it whatever happens next. (A step that dies in
  // between and whose retry then gets the email through leaves an alert that was not needed:
  // rather that than a Secretariat that is never told.)
  for (const alert of alerts) await deps.outbox.record(alert);
  const parked = await deps.outbox.fail(key, claimed.attempts, at, name);
  if (parked) for (const alert of alerts) await deliver(deps, alert, undefined, tally);
}

/** Renders and sends a claimed entry; on failure gives the claim back, or gives the email up. */
async function sendClaimed(deps: NotifierDeps, claimed: OutboxEntry, record: CaseFor, tally: Tally) {
  const key = outboxKeyOf(claimed);
  let messageId: string;
  try {
    const email = renderEmail(contentOf(deps, claimed, record), claimed.languages);
    ({ messageId } = await deps.mailer.send({
      to: [claimed.recipient],
      ...email,
      outboxKey: outboxKeyText(key),
    }));
  } catch (error) {
    await failAttempt(deps, claimed, errorName(error), tally);
    return;
  }
  await deps.outbox.markSent(key, messageId, nowOf(deps).toISOString());
  tally.sent.push(key);
}

/**
 * When a claim made now holds until: the sender's lease, then the grace SES's Send event has to
 * mark the entry sent, so that no one takes over (and sends again) an email SES may have accepted.
 */
function claimTimes(deps: NotifierDeps): ClaimTimes {
  const at = nowOf(deps);
  const seconds =
    (deps.leaseSeconds ?? DEFAULT_LEASE_SECONDS) +
    (deps.sendEventGraceSeconds ?? DEFAULT_SEND_EVENT_GRACE_SECONDS);
  return { at: at.toISOString(), until: new Date(at.getTime() + seconds * 1000).toISOString() };
}

/** Records and claims an entry in one write when it is new, then sends it; skips what another has. */
async function deliver(deps: NotifierDeps, entry: NewOutboxEntry, record: CaseFor, tally: Tally) {
  const { claimed } = await deps.outbox.recordAndClaim(entry, claimTimes(deps));
  if (!claimed) {
    tally.skipped.push(outboxKeyOf(entry));
    return;
  }
  await sendClaimed(deps, claimed, record, tally);
}

/** The discriminator of the alert about a given-up email: its template and a digest of its key. */
function givenUpDiscriminator(entry: OutboxEntry): string {
  const digest = createHash('sha256').update(outboxKeyText(entry)).digest('hex').slice(0, 16);
  return `${entry.template}.${digest}`;
}

/** The emails telling the Secretariat, in both languages, that an email of a case was given up. */
function givenUpAlerts(deps: NotifierDeps, given: OutboxEntry, error: string): NewOutboxEntry[] {
  const planned: Planned = {
    template: 'email_failed',
    discriminator: givenUpDiscriminator(given),
    recipients: recipientsOf(deps.directory, 'secretariat'),
    facts: { emailTemplate: given.template, emailParty: given.party, error },
  };
  return entriesOf(given.caseId, planned, nowOf(deps).toISOString());
}

async function notifyRecord(
  deps: NotifierDeps,
  record: CaseRecord,
  notice: Notice,
  tally: Tally,
): Promise<void> {
  const { planned, refused } = await plan(deps, record, notice);
  const at = nowOf(deps).toISOString();
  for (const email of planned) {
    for (const entry of entriesOf(record.caseId, email, at)) await deliver(deps, entry, record, tally);
  }
  tally.refused.push(...refused);
  const countries = [...new Set(refused.map((item) => item.country))];
  for (const country of countries)
    await notifyRecord(deps, record, { kind: 'consent_refused', country }, tally);
}

/**
 * Tells whoever a notice concerns about a case, each email once (recorded and claimed, sent).
 * Give it the case record when the caller has just read or written it (a step that moved the
 * case), which spares a read; give the case id otherwise.
 * @throws CaseNotFoundError; any failure to write the outbox (a failed send is reported in `failed`)
 */
export async function notify(
  deps: NotifierDeps,
  caseOrId: string | CaseRecord,
  notice: Notice,
): Promise<NotifyResult> {
  const record = typeof caseOrId === 'string' ? await deps.cases.getForSystem(caseOrId) : caseOrId;
  const tally = emptyTally();
  await notifyRecord(deps, record, notice, tally);
  return tally;
}

/** What the reconciler asks resendUnsent for. */
export interface ResendOptions {
  /** Emails recorded (or claimed under a claim that ran out) before this instant. */
  readonly before: Date;
  /** @default 100 */
  readonly limit?: number;
}

/**
 * Sends again the emails a failed send or a crash left unsent (oldest first), rendered from the
 * case as notify renders them. An email another sender claims meanwhile is skipped; a claim is
 * taken over only once its lease and the send event's grace have run out (claimTimes), so an
 * email SES accepted before a crash, which its Send event has marked sent, is not sent again.
 * @throws any failure to read or write the outbox
 */
export async function resendUnsent(
  deps: NotifierDeps,
  options: ResendOptions,
): Promise<Omit<NotifyResult, 'refused'>> {
  const tally = emptyTally();
  const entries = await deps.outbox.unsent(options.before.toISOString(), options.limit ?? 100);
  const records = new Map<string, CaseRecord | Error>();
  for (const entry of entries) {
    const key = outboxKeyOf(entry);
    const times = claimTimes(deps);
    const claimed = await deps.outbox.claim(key, times.at, times.until);
    if (!claimed) {
      tally.skipped.push(key);
      continue;
    }
    if (claimed.template !== 'email_failed' && !records.has(entry.caseId)) {
      records.set(
        entry.caseId,
        await deps.cases.getForSystem(entry.caseId).catch((error: unknown) => error as Error),
      );
    }
    await sendClaimed(deps, claimed, records.get(entry.caseId), tally);
  }
  const { refused: _none, ...result } = tally;
  return result;
}
