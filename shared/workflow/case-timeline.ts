/** Small reads of a case's timeline that make the workflow's steps safe to run twice. */
import type { CaseRecord } from '../cases/case-record';

/** True when the case's timeline already has this event (so a retried step does not add it again). */
export function hasTimelineEvent(record: Pick<CaseRecord, 'timeline'>, event: string): boolean {
  return record.timeline.some((entry) => entry.event === event);
}
