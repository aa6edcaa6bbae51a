/** The audit log's entry: who did what to which case, when, chained to the entry before it. */
import { createHash } from 'node:crypto';
import type { CountryCode } from '../countries';
import type { Role } from '../roles';
import { canonicalJson, type JsonValue } from './canonical-json';

/** Who acted; `system` for the workflow's own steps. */
export interface AuditActor {
  readonly subject: string;
  readonly username: string;
  readonly role: Role | 'system';
  readonly country?: CountryCode;
}

/** Actions the domain records; free strings of the form `noun.verb` are accepted too. */
export const AUDIT_ACTIONS = {
  caseSubmitted: 'case.submitted',
  caseReadPersonalData: 'case.read_personal_data',
  caseStatusChanged: 'case.status_changed',
  caseEventRecorded: 'case.event_recorded',
  caseWithdrawn: 'case.withdrawn',
  checkInRecorded: 'case.checkin_recorded',
  taskCreated: 'task.created',
  taskCompleted: 'task.completed',
  taskExpired: 'task.expired',
  taskCancelled: 'task.cancelled',
  fundReserved: 'fund.reserved',
  fundReleased: 'fund.released',
  fundDisbursed: 'fund.disbursed',
  fundReversed: 'fund.reversed',
  fundContributed: 'fund.contributed',
} as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[keyof typeof AUDIT_ACTIONS] | `${string}.${string}`;

export type AuditDetails = { readonly [key: string]: JsonValue | undefined };

/** The hash of "no previous entry": the first entry of a chain points at it. */
export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEntry {
  /** The chain: a case id, or `fund:<fundId>` for a fund's own events. */
  readonly caseId: string;
  /** 1, 2, 3...: no gaps. */
  readonly seq: number;
  readonly at: string;
  readonly actor: AuditActor;
  readonly action: AuditAction;
  /** Ids and codes only: no personal data (checked on append). */
  readonly details: AuditDetails;
  readonly prevHash: string;
  /** sha256 (hex) of the canonical JSON of every other field. */
  readonly hash: string;
}

/** The hash of an entry: sha256 over the canonical JSON of all its fields but `hash`. */
export function hashEntry(entry: Omit<AuditEntry, 'hash'>): string {
  const { caseId, seq, at, actor, action, details, prevHash } = entry;
  return createHash('sha256')
    .update(canonicalJson({ caseId, seq, at, actor, action, details, prevHash }), 'utf8')
    .digest('hex');
}

/** The actor for steps the workflow takes by itself (reservations, expiries). */
export const SYSTEM_ACTOR: AuditActor = { subject: 'system', username: 'retorno-workflow', role: 'system' };
