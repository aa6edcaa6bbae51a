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
  it('comes a day before a deadline of more than two days', () => {
    expect(reminderOffsetSeconds(5 * 86_400)).toBe(4 * 86_400);
  });

  it('comes halfway for a short deadline', () => {
    expect(reminderOffsetSeconds(3600)).toBe(1800);
  });
});
