import { caseListQuerySchema, isFinalStatus, OPEN_CASE_STATUSES } from '../../../shared/contracts/case';
import { contributionRequestSchema } from '../../../shared/contracts/fund';
import { paginationQuerySchema } from '../../../shared/contracts/pagination';
import {
  completionFormSchemaFor,
  TASK_KINDS,
  taskDecisionSchema,
  taskListQuerySchema,
} from '../../../shared/contracts/task';
import { withdrawRequestSchema } from '../../../shared/contracts/withdraw';
import { failures } from '../../support/field-issues';

describe('task completion forms', () => {
  const approval = completionFormSchemaFor('country_approval');

  it('accepts an approval with or without a comment', () => {
    expect(failures(approval, { decision: 'approve' })).toEqual([]);
    expect(failures(approval, { decision: 'approve', comment: 'Travel documents verified.' })).toEqual([]);
  });

  it('requires a comment to reject, because a rejection ends the case', () => {
    expect(failures(approval, { decision: 'reject' })).toEqual(['comment: required_for_reject']);
    expect(failures(approval, { decision: 'reject', comment: 'No reception plan.' })).toEqual([]);
  });

  it('refuses an unknown decision and unknown fields', () => {
    expect(failures(approval, { decision: 'maybe' })).toEqual(['decision: invalid_value']);
    expect(failures(approval, { decision: 'approve', taskToken: 'x' })).toEqual([
      'taskToken: unrecognized_keys',
    ]);
  });

  it('uses the same form for the disbursement approval', () => {
    expect(completionFormSchemaFor('disbursement_approval')).toBe(approval);
  });

  it('checks an arrival confirmation: past date, who received the person', () => {
    const arrival = completionFormSchemaFor('arrival_confirmation');
    expect(failures(arrival, { arrivedOn: '2024-05-20', receivedBy: 'DINAF San Pedro Sula' })).toEqual([]);
    expect(failures(arrival, { arrivedOn: '2999-05-20', receivedBy: '' })).toEqual([
      'arrivedOn: not_future',
      'receivedBy: too_small',
    ]);
  });

  it('checks a reintegration check-in', () => {
    const checkIn = completionFormSchemaFor('reintegration_checkin');
    const valid = {
      contactMade: true,
      housing: 'stable',
      workOrTraining: 'training',
      health: 'good',
      psychosocialSupport: 'not_needed',
      intendsToMigrateAgain: 'unsure',
    };
    expect(failures(checkIn, valid)).toEqual([]);
    expect(failures(checkIn, { ...valid, contactMade: 'yes', intendsToMigrateAgain: 'maybe' })).toEqual([
      'contactMade: invalid_type',
      'intendsToMigrateAgain: invalid_value',
    ]);
    expect(failures(checkIn, { contactMade: true })).toEqual([
      'housing: invalid_value',
      'workOrTraining: invalid_value',
      'health: invalid_value',
      'psychosocialSupport: invalid_value',
      'intendsToMigrateAgain: invalid_value',
    ]);
  });

  it('checks a manual booking: instants, arrival after departure, money', () => {
    const booking = completionFormSchemaFor('manual_booking');
    const valid = {
      provider: 'TICA Bus',
      reference: 'TB-4471',
      departureAt: '2024-06-01T06:00:00-06:00',
      arrivalAt: '2024-06-02T10:00:00-06:00',
      cost: 145.5,
    };
    expect(failures(booking, valid)).toEqual([]);
    expect(failures(booking, { ...valid, arrivalAt: '2024-05-31T06:00:00Z' })).toEqual([
      'arrivalAt: after_departure',
    ]);
    expect(failures(booking, { ...valid, departureAt: '1 June', cost: 10.001 })).toEqual([
      'departureAt: invalid_format',
      'cost: money_precision',
    ]);
  });

  it('has a form for every task kind and tags stored decisions with their kind', () => {
    for (const kind of TASK_KINDS) expect(completionFormSchemaFor(kind)).toBeDefined();
    expect(
      taskDecisionSchema.safeParse({ kind: 'country_approval', form: { decision: 'approve' } }).success,
    ).toBe(true);
    expect(
      taskDecisionSchema.safeParse({ kind: 'manual_booking', form: { decision: 'approve' } }).success,
    ).toBe(false);
  });
});

describe('other bodies and queries', () => {
  it('requires a reason to withdraw', () => {
    expect(failures(withdrawRequestSchema, { reason: 'Decided to stay with family.' })).toEqual([]);
    expect(failures(withdrawRequestSchema, {})).toEqual(['reason: invalid_type']);
    expect(failures(withdrawRequestSchema, { reason: '  ' })).toEqual(['reason: too_small']);
  });

  it('checks a contribution: member country, positive whole-cent amount, reference', () => {
    expect(
      failures(contributionRequestSchema, { country: 'CA', amount: 25000, reference: 'GAC-2024-17' }),
    ).toEqual([]);
    expect(failures(contributionRequestSchema, { country: 'FR', amount: 0, reference: '' })).toEqual([
      'country: invalid_value',
      'amount: positive',
      'reference: too_small',
    ]);
  });

  it('reads pagination from the query string with a default page size', () => {
    expect(paginationQuerySchema.parse({})).toEqual({ limit: 25 });
    expect(paginationQuerySchema.parse({ limit: '50', cursor: 'eyJwayI6ImMifQ' })).toEqual({
      limit: 50,
      cursor: 'eyJwayI6ImMifQ',
    });
    expect(failures(paginationQuerySchema, { limit: '500' })).toEqual(['limit: too_big']);
    expect(failures(paginationQuerySchema, { limit: 'ten' })).toEqual(['limit: invalid_type']);
    expect(failures(paginationQuerySchema, { cursor: 'not a cursor!' })).toEqual(['cursor: invalid_format']);
  });

  it('filters case and task lists by known statuses and countries only', () => {
    expect(caseListQuerySchema.parse({ status: 'AWAITING_APPROVALS', country: 'MX' })).toMatchObject({
      country: 'MX',
    });
    expect(failures(caseListQuerySchema, { status: 'PENDING', country: 'mx' })).toEqual([
      'status: invalid_value',
      'country: invalid_value',
    ]);
    expect(taskListQuerySchema.parse({ status: 'open' })).toEqual({
      status: 'open',
      view: 'mine',
      limit: 25,
    });
  });

  it('reads overdue=true or false from the query, and refuses anything else naming the field', () => {
    expect(taskListQuerySchema.parse({ overdue: 'true' })).toMatchObject({ overdue: true, view: 'mine' });
    expect(taskListQuerySchema.parse({ view: 'all', overdue: 'false' })).toMatchObject({
      overdue: false,
      view: 'all',
    });
    expect(taskListQuerySchema.parse({})).not.toHaveProperty('overdue');
    expect(failures(taskListQuerySchema, { overdue: 'yes' })).toEqual(['overdue: invalid_value']);
    expect(failures(taskListQuerySchema, { overdue: '1' })).toEqual(['overdue: invalid_value']);
    expect(failures(taskListQuerySchema, { view: 'everyone' })).toEqual(['view: invalid_value']);
  });

  it('refuses overdue=true with a status other than open: only open tasks are overdue', () => {
    expect(failures(taskListQuerySchema, { overdue: 'true', status: 'completed' })).toEqual([
      'overdue: open_only',
    ]);
    expect(failures(taskListQuerySchema, { overdue: 'true', status: 'open' })).toEqual([]);
    expect(failures(taskListQuerySchema, { overdue: 'false', status: 'expired' })).toEqual([]);
  });

  it('counts only non-final statuses as open cases', () => {
    expect(OPEN_CASE_STATUSES).toContain('AWAITING_APPROVALS');
    expect(OPEN_CASE_STATUSES).toContain('REINTEGRATION');
    expect(OPEN_CASE_STATUSES).not.toContain('CLOSED');
    expect(isFinalStatus('INELIGIBLE')).toBe(true);
    expect(isFinalStatus('BOOKING')).toBe(false);
  });
});
