import { formatUsd } from '../../../shared/contracts/money';
import { ValidationError } from '../../../shared/errors';
import { centsToUsd, sumCents, usdToCents } from '../../../shared/fund/cents';

describe('money in cents', () => {
  it('converts USD with up to two decimals to whole cents', () => {
    expect(usdToCents(0)).toBe(0);
    expect(usdToCents(12.5)).toBe(1250);
    expect(usdToCents(1000)).toBe(100_000);
    expect(usdToCents(0.29)).toBe(29);
    expect(usdToCents(1.15)).toBe(115);
  });

  it('refuses over-precise, negative and non-finite amounts with the field path', () => {
    for (const bad of [12.345, 0.1 + 0.2, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => usdToCents(bad, 'costs.transport')).toThrow(ValidationError);
    }
    try {
      usdToCents(1.005, 'costs.transport');
    } catch (error) {
      expect((error as ValidationError).issues[0]).toMatchObject({
        path: 'costs.transport',
        rule: 'money_precision',
      });
    }
  });

  it('adds in cents so that 0.10 + 0.20 is exactly 0.30', () => {
    expect(centsToUsd(sumCents([usdToCents(0.1), usdToCents(0.2)]))).toBe(0.3);
  });

  it('refuses fractional cents when converting back', () => {
    expect(() => centsToUsd(1.5)).toThrow(RangeError);
  });

  it('formats cents for messages', () => {
    expect(formatUsd(centsToUsd(123_450), 'en')).toBe('$1,234.50');
    expect(formatUsd(centsToUsd(123_450), 'es')).toBe('USD\u00a01,234.50');
    expect(formatUsd(-0.05, 'en')).toBe('-$0.05');
    expect(formatUsd(780, 'es')).toBe('USD\u00a0780.00');
  });
});
