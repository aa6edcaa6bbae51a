import { CASE_STATUSES, FINAL_CASE_STATUSES } from '../../../shared/contracts/case';
import { assertTransition, CASE_TRANSITIONS, mayMoveTo } from '../../../shared/workflow/case-transitions';

describe('case status transitions', () => {
  it('lead nowhere from a final status', () => {
    for (const status of FINAL_CASE_STATUSES) expect(CASE_TRANSITIONS[status]).toEqual([]);
  });

  it('let every status stay where it is (a timeline-only event)', () => {
    for (const status of CASE_STATUSES) expect(mayMoveTo(status, status)).toBe(true);
  });

  it('follow the approval stage: submitted, awaiting approvals, awaiting disbursement, booking', () => {
    expect(mayMoveTo('SUBMITTED', 'AWAITING_APPROVALS')).toBe(true);
    expect(mayMoveTo('AWAITING_APPROVALS', 'AWAITING_DISBURSEMENT')).toBe(true);
    expect(mayMoveTo('AWAITING_DISBURSEMENT', 'BOOKING')).toBe(true);
    expect(mayMoveTo('SUBMITTED', 'BOOKING')).toBe(false);
  });

  it('let a case be withdrawn until departure, and not after', () => {
    for (const status of [
      'SUBMITTED',
      'AWAITING_APPROVALS',
      'AWAITING_DISBURSEMENT',
      'BOOKING',
      'AWAITING_DEPARTURE',
    ] as const)
      expect(mayMoveTo(status, 'WITHDRAWN')).toBe(true);
    expect(mayMoveTo('TRAVELLING', 'WITHDRAWN')).toBe(false);
  });

  it('refuse by name: CaseAlreadyFinalError out of a final status, InvalidCaseTransitionError for a jump', () => {
    expect(() => assertTransition('RET-1', 'WITHDRAWN', 'REJECTED')).toThrow(
      expect.objectContaining({ name: 'CaseAlreadyFinalError' }),
    );
    expect(() => assertTransition('RET-1', 'SUBMITTED', 'CLOSED')).toThrow(
      expect.objectContaining({ name: 'InvalidCaseTransitionError' }),
    );
    expect(() => assertTransition('RET-1', 'WITHDRAWN', 'WITHDRAWN')).not.toThrow();
  });
});
