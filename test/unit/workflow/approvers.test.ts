import { approversOf } from '../../../shared/workflow/approvers';
import { reminderOffsetSeconds } from '../../../shared/workflow/task-steps';

describe('the approving countries of a case', () => {
  it('are exit, each transit country and reception, in route order', () => {
    expect(
      approversOf({ locationCountry: 'MX', transitCountries: ['GT', 'SV'], returnCountry: 'HN' }),
    ).toEqual([
      { country: 'MX', approvalRole: 'exit' },
      { country: 'GT', approvalRole: 'transit' },
      { country: 'SV', approvalRole: 'transit' },
      { country: 'HN', approvalRole: 'reception' },
    ]);
  });

  it('are just exit and reception for a direct return (air)', () => {
    expect(approversOf({ locationCountry: 'CR', transitCountries: [], returnCountry: 'GT' })).toEqual([
      { country: 'CR', approvalRole: 'exit' },
      { country: 'GT', approvalRole: 'reception' },
    ]);
  });

  it('ask a country that plays two parts once, under its first part', () => {
    expect(
      approversOf({ locationCountry: 'MX', transitCountries: ['GT', 'MX'], returnCountry: 'HN' }).map(
        (a) => a.country,
      ),
    ).toEqual(['MX', 'GT', 'HN']);
  });
});

describe('the reminder of a task', () => {
  it('comes when half the deadline of a decision has passed', () => {
    expect(reminderOffsetSeconds('country_approval', 5 * 86_400)).toBe(2.5 * 86_400);
    expect(reminderOffsetSeconds('disbursement_approval', 3600)).toBe(1800);
    expect(reminderOffsetSeconds('manual_booking', 3 * 86_400)).toBe(1.5 * 86_400);
  });

  it('comes when an arrival confirmation falls due, since only an overdue one needs a nudge', () => {
    expect(reminderOffsetSeconds('arrival_confirmation', 2 * 86_400)).toBe(2 * 86_400);
  });

  it('comes 14 days after a reintegration check-in falls due', () => {
    expect(reminderOffsetSeconds('reintegration_checkin', 30 * 86_400)).toBe(44 * 86_400);
  });
});
