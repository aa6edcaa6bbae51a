import {
  hasWholeCents,
  positiveUsdAmountSchema,
  sumUsd,
  toCents,
  usdAmountSchema,
} from '../../../shared/contracts/money';
import { failures } from '../../support/field-issues';

describe('USD amounts', () => {
  it('accepts whole dollars, cents and zero', () => {
    for (const amount of [0, 1, 12.5, 999.99, 0.01])
      expect(usdAmountSchema.safeParse(amount).success).toBe(true);
  });

  it('refuses a negative amount with the rule non_negative', () => {
    expect(failures(usdAmountSchema, -0.01)).toEqual(['body: non_negative']);
  });

  it('refuses more than two decimals with the rule money_precision', () => {
    expect(failures(usdAmountSchema, 10.005)).toEqual(['body: money_precision']);
    expect(failures(usdAmountSchema, 0.001)).toEqual(['body: money_precision']);
  });

  it('refuses text, infinity and NaN as the wrong type', () => {
    expect(failures(usdAmountSchema, '100')).toEqual(['body: invalid_type']);
    expect(failures(usdAmountSchema, Number.POSITIVE_INFINITY)).toEqual(['body: invalid_type']);
    expect(failures(usdAmountSchema, Number.NaN)).toEqual(['body: invalid_type']);
  });

  it('refuses absurdly large amounts', () => {
    expect(failures(usdAmountSchema, 1e12)).toEqual(['body: max_amount']);
  });

  it('requires a contribution to be more than zero', () => {
    expect(failures(positiveUsdAmountSchema, 0)).toEqual(['body: positive']);
    expect(positiveUsdAmountSchema.safeParse(0.01).success).toBe(true);
  });

  it('sums in integer cents, so 0.1 + 0.2 is exactly 0.3', () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(sumUsd([0.1, 0.2])).toBe(0.3);
    expect(sumUsd(Array.from({ length: 1000 }, () => 0.01))).toBe(10);
  });

  it('refuses over-precise amounts, even by a hair, and accepts two decimals', () => {
    expect(hasWholeCents(1.1 * 3)).toBe(false); // 3.3000000000000003: not what anyone typed
    expect(hasWholeCents(10.000000001)).toBe(false);
    expect(hasWholeCents(12.34)).toBe(true);
    expect(hasWholeCents(0.07)).toBe(true);
    expect(hasWholeCents(1.005)).toBe(false);
    expect(toCents(19.99)).toBe(1999);
    expect(() => toCents(1.234)).toThrow(/not a whole number of cents/);
  });
});
