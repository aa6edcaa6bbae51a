import { type ChoiceRule, evaluateChoiceRule, selectNext } from '../../local/sfn/asl/choice';
import { StatesError } from '../../local/sfn/asl/errors';
import type { ContextObject } from '../../local/sfn/asl/paths';

// Every describe() here is written from the AWS page "Choice workflow state"
// (docs.aws.amazon.com/step-functions/latest/dg/state-choice.html), section "Choice Rules
// (JSONPath)"; the operator group it covers is named in its title.

function statesError(fn: () => unknown): StatesError {
  try {
    fn();
  } catch (error) {
    if (error instanceof StatesError) return error;
    throw error;
  }
  throw new Error('expected a StatesError, but nothing was thrown');
}

const context: ContextObject = { Execution: { Name: 'run-1' }, State: { RetryCount: 2 } };
const rule = (r: ChoiceRule, input: unknown) => evaluateChoiceRule(r, input, context);

/** Runs `Operator` against `operand` and `OperatorPath` against the same operand read from `$.other`. */
function both(operator: string, variable: unknown, operand: unknown): [boolean, boolean] {
  const input = { v: variable, other: operand };
  return [
    rule({ Variable: '$.v', [operator]: operand }, input),
    rule({ Variable: '$.v', [`${operator}Path`]: '$.other' }, input),
  ];
}

describe('Choice Rules: string comparison operators and their Path forms', () => {
  it.each([
    ['StringEquals', 'MyString', 'MyString', true],
    ['StringEquals', 'MyString', 'mystring', false],
    ['StringLessThan', 'apple', 'banana', true],
    ['StringLessThan', 'banana', 'apple', false],
    ['StringLessThan', 'a', 'a', false],
    ['StringGreaterThan', 'MyStringABD', 'MyStringABC', true],
    ['StringGreaterThan', 'a', 'a', false],
    ['StringLessThanEquals', 'a', 'a', true],
    ['StringLessThanEquals', 'b', 'a', false],
    ['StringGreaterThanEquals', 'a', 'a', true],
    ['StringGreaterThanEquals', 'a', 'b', false],
    // Java compareTo order (UTF-16 code units): uppercase sorts before lowercase.
    ['StringLessThan', 'Z', 'a', true],
  ])('%s: %j against %j is %s', (operator, variable, operand, expected) => {
    expect(both(operator, variable, operand)).toEqual([expected, expected]);
  });

  it('never matches a non-string variable or operand (no type coercion)', () => {
    for (const operator of ['StringEquals', 'StringLessThan', 'StringGreaterThanEquals', 'StringMatches']) {
      expect(both(operator, 1, '1')).toEqual([false, false]);
      expect(both(operator, null, 'null')).toEqual([false, false]);
      expect(rule({ Variable: '$.v', [`${operator}Path`]: '$.other' }, { v: '1', other: 1 })).toBe(false);
    }
  });

  it('matches timestamps as plain strings with StringEquals', () => {
    expect(both('StringEquals', '2001-01-01T12:00:00Z', '2001-01-01T12:00:00Z')).toEqual([true, true]);
  });
});

describe('Choice Rules: StringMatches (wildcards)', () => {
  it.each([
    ['log-*.txt', 'log-2025-01.txt', true],
    ['log-*.txt', 'log-.txt', true],
    ['log-*.txt', 'log-1.txtx', false],
    ['*', '', true],
    ['*.log', 'a.b.log', true],
    ['a*b*c', 'axxbyyc', true],
    ['a*b*c', 'axxcyyb', false],
    ['exact', 'exact', true],
    ['exact', 'exactly', false],
    ['multi\nline*', 'multi\nline and more\nlines', true],
    // Regex-special characters are literal.
    ['a.c', 'abc', false],
    ['(x)+[y]?', '(x)+[y]?', true],
  ])('pattern %j against %j is %s', (pattern, value, expected) => {
    expect(rule({ Variable: '$.v', StringMatches: pattern }, { v: value })).toBe(expected);
  });

  it('treats \\* as a literal asterisk and \\\\ as a literal backslash', () => {
    expect(rule({ Variable: '$.v', StringMatches: 'a\\*b' }, { v: 'a*b' })).toBe(true);
    expect(rule({ Variable: '$.v', StringMatches: 'a\\*b' }, { v: 'axxb' })).toBe(false);
    expect(rule({ Variable: '$.v', StringMatches: 'dir\\\\*' }, { v: 'dir\\file' })).toBe(true);
    expect(rule({ Variable: '$.v', StringMatches: 'dir\\\\*' }, { v: 'dirfile' })).toBe(false);
  });

  it('has a Path form', () => {
    expect(both('StringMatches', 'log-1.txt', 'log-*.txt')).toEqual([true, true]);
  });
});

describe('Choice Rules: numeric comparison operators and their Path forms', () => {
  it.each([
    ['NumericEquals', 1, 1, true],
    ['NumericEquals', 1, 1.0, true],
    ['NumericEquals', 1, 2, false],
    ['NumericEquals', 0.1 + 0.2, 0.3, false],
    ['NumericLessThan', -5, 0, true],
    ['NumericLessThan', 0, 0, false],
    ['NumericGreaterThan', 10.5, 10, true],
    ['NumericGreaterThan', 10, 10, false],
    ['NumericLessThanEquals', 10, 10, true],
    ['NumericLessThanEquals', 11, 10, false],
    ['NumericGreaterThanEquals', 10, 10, true],
    ['NumericGreaterThanEquals', 9, 10, false],
  ])('%s: %j against %j is %s', (operator, variable, operand, expected) => {
    expect(both(operator, variable, operand)).toEqual([expected, expected]);
  });

  it('never matches a numeric field to a string value', () => {
    for (const operator of ['NumericEquals', 'NumericLessThan', 'NumericGreaterThanEquals']) {
      expect(both(operator, '1', 1)).toEqual([false, false]);
      expect(both(operator, true, 1)).toEqual([false, false]);
      expect(both(operator, null, 0)).toEqual([false, false]);
    }
  });

  it('matches the AWS example rule (value in the twenties)', () => {
    const inTwenties: ChoiceRule = {
      And: [
        { Variable: '$.value', NumericGreaterThanEquals: 20 },
        { Variable: '$.value', NumericLessThan: 30 },
      ],
    };
    expect(rule(inTwenties, { value: 22 })).toBe(true);
    expect(rule(inTwenties, { value: 30 })).toBe(false);
  });
});

describe('Choice Rules: BooleanEquals and its Path form', () => {
  it.each([
    [true, true, true],
    [false, false, true],
    [true, false, false],
  ])('%j against %j is %s', (variable, operand, expected) => {
    expect(both('BooleanEquals', variable, operand)).toEqual([expected, expected]);
  });

  it('never matches strings or numbers that look boolean', () => {
    expect(both('BooleanEquals', 'true', true)).toEqual([false, false]);
    expect(both('BooleanEquals', 1, true)).toEqual([false, false]);
  });
});

describe('Choice Rules: timestamp comparison operators and their Path forms', () => {
  it.each([
    ['TimestampEquals', '2001-01-01T12:00:00Z', '2001-01-01T12:00:00Z', true],
    // The same instant written with an offset, or with fractional zeros.
    ['TimestampEquals', '2001-01-01T13:00:00+01:00', '2001-01-01T12:00:00Z', true],
    ['TimestampEquals', '2001-01-01T12:00:00.000Z', '2001-01-01T12:00:00Z', true],
    ['TimestampEquals', '2001-01-01T12:00:00Z', '2001-01-01T12:00:01Z', false],
    ['TimestampLessThan', '2016-08-18T17:33:00Z', '2016-08-18T17:33:01Z', true],
    ['TimestampLessThan', '2016-08-18T17:33:00Z', '2016-08-18T17:33:00Z', false],
    // Digits beyond milliseconds still count.
    ['TimestampLessThan', '2016-08-18T17:33:00.0001Z', '2016-08-18T17:33:00.0002Z', true],
    ['TimestampGreaterThan', '2025-01-01T00:00:00Z', '2024-12-31T23:59:59.999Z', true],
    ['TimestampGreaterThan', '2024-01-01T00:00:00Z', '2025-01-01T00:00:00Z', false],
    ['TimestampLessThanEquals', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z', true],
    ['TimestampLessThanEquals', '2025-01-01T00:00:01Z', '2025-01-01T00:00:00Z', false],
    ['TimestampGreaterThanEquals', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z', true],
    ['TimestampGreaterThanEquals', '2024-01-01T00:00:00Z', '2025-01-01T00:00:00Z', false],
  ])('%s: %j against %j is %s', (operator, variable, operand, expected) => {
    expect(both(operator, variable, operand)).toEqual([expected, expected]);
  });

  it('never matches values that are not RFC 3339 timestamps as AWS restricts them', () => {
    const valid = '2001-01-01T12:00:00Z';
    for (const bad of [
      '2001-01-01t12:00:00Z', // lowercase t
      '2001-01-01T12:00:00z', // lowercase z
      '2001-01-01T12:00:00', // no zone
      '2001-01-01 12:00:00Z', // space instead of T
      '2001-02-30T12:00:00Z', // no such day
      '2001-13-01T12:00:00Z',
      '2001-01-01T24:00:00Z',
      'yesterday',
      20010101,
    ]) {
      expect(both('TimestampEquals', bad, valid)).toEqual([false, false]);
      expect(both('TimestampLessThanEquals', valid, bad)).toEqual([false, false]);
    }
  });
});

describe('Choice Rules: type tests (IsPresent, IsNull, IsNumeric, IsString, IsBoolean, IsTimestamp)', () => {
  const input = {
    nothing: null,
    n: 42,
    s: 'text',
    b: false,
    t: '2016-08-18T17:33:00Z',
    o: {},
  };

  it('IsPresent tells whether the Variable path selects anything, without failing', () => {
    expect(rule({ Variable: '$.nothing', IsPresent: true }, input)).toBe(true);
    expect(rule({ Variable: '$.missing', IsPresent: true }, input)).toBe(false);
    expect(rule({ Variable: '$.missing', IsPresent: false }, input)).toBe(true);
    expect(rule({ Variable: '$.n', IsPresent: false }, input)).toBe(false);
  });

  it('IsPresent guards a comparison of a key that might not exist (the AWS example)', () => {
    const guarded: ChoiceRule = {
      And: [
        { Variable: '$.keyThatMightNotExist', IsPresent: true },
        { Variable: '$.keyThatMightNotExist', StringEquals: 'foo' },
      ],
    };
    expect(rule(guarded, {})).toBe(false);
    expect(rule(guarded, { keyThatMightNotExist: 'foo' })).toBe(true);
  });

  it.each([
    ['IsNull', '$.nothing', true],
    ['IsNull', '$.n', false],
    ['IsNumeric', '$.n', true],
    ['IsNumeric', '$.s', false],
    ['IsString', '$.s', true],
    ['IsString', '$.t', true],
    ['IsString', '$.nothing', false],
    ['IsBoolean', '$.b', true],
    ['IsBoolean', '$.s', false],
    ['IsTimestamp', '$.t', true],
    ['IsTimestamp', '$.s', false],
    ['IsTimestamp', '$.n', false],
  ])('%s of %s is %s (and the opposite with false)', (test, path, expected) => {
    expect(rule({ Variable: path, [test]: true }, input)).toBe(expected);
    expect(rule({ Variable: path, [test]: false }, input)).toBe(!expected);
  });

  it('other type tests fail with States.Runtime on a missing Variable', () => {
    for (const test of ['IsNull', 'IsNumeric', 'IsString', 'IsBoolean', 'IsTimestamp']) {
      expect(statesError(() => rule({ Variable: '$.missing', [test]: true }, input)).error).toBe(
        'States.Runtime',
      );
    }
  });
});

describe('Choice Rules: And, Or and Not (nested rules)', () => {
  const input = { type: 'Private', value: 22 };

  it('Not inverts a rule (the AWS example)', () => {
    expect(rule({ Not: { Variable: '$.type', StringEquals: 'Private' } }, input)).toBe(false);
    expect(rule({ Not: { Variable: '$.type', StringEquals: 'Public' } }, input)).toBe(true);
  });

  it('And needs every rule, Or any rule', () => {
    const yes = { Variable: '$.value', NumericEquals: 22 };
    const no = { Variable: '$.value', NumericEquals: 0 };
    expect(rule({ And: [yes, yes] }, input)).toBe(true);
    expect(rule({ And: [yes, no] }, input)).toBe(false);
    expect(rule({ Or: [no, yes] }, input)).toBe(true);
    expect(rule({ Or: [no, no] }, input)).toBe(false);
  });

  it('nests deeply', () => {
    const nested: ChoiceRule = {
      Or: [
        {
          And: [
            { Variable: '$.type', StringEquals: 'Public' },
            { Variable: '$.value', NumericGreaterThan: 0 },
          ],
        },
        {
          Not: {
            Or: [
              { Variable: '$.value', NumericLessThan: 20 },
              { Variable: '$.value', NumericGreaterThan: 30 },
            ],
          },
        },
      ],
    };
    expect(rule(nested, input)).toBe(true);
    expect(rule(nested, { type: 'Private', value: 31 })).toBe(false);
  });

  it('stops at the first deciding rule, so a guarded missing path is never read', () => {
    expect(
      rule(
        {
          Or: [
            { Variable: '$.value', IsPresent: true },
            { Variable: '$.missing', StringEquals: 'x' },
          ],
        },
        input,
      ),
    ).toBe(true);
  });
});

describe('Choice Rules: Variable and Path operands (reference paths, context object)', () => {
  it('reads the Variable from the context object with $$', () => {
    expect(rule({ Variable: '$$.State.RetryCount', NumericGreaterThanEquals: 2 }, {})).toBe(true);
    expect(
      rule({ Variable: '$$.Execution.Name', StringEqualsPath: '$.expected' }, { expected: 'run-1' }),
    ).toBe(true);
  });

  it('compares two values of the input', () => {
    expect(rule({ Variable: '$.a.b[0]', NumericLessThanPath: '$.limit' }, { a: { b: [3] }, limit: 5 })).toBe(
      true,
    );
  });

  it('fails with States.Runtime, as AWS does, when the Variable path is missing', () => {
    const error = statesError(() => rule({ Variable: '$.type', StringEquals: 'Private' }, { value: 1 }));
    expect(error.error).toBe('States.Runtime');
    expect(error.cause).toBe(
      "Invalid path '$.type': The choice state's condition path references an invalid value.",
    );
  });

  it('fails with States.Runtime when a ...Path operand is missing', () => {
    const error = statesError(() => rule({ Variable: '$.a', NumericEqualsPath: '$.b' }, { a: 1 }));
    expect(error.error).toBe('States.Runtime');
    expect(error.cause).toBe(
      "Invalid path '$.b': The choice state's condition path references an invalid value.",
    );
  });

  it('fails with States.Runtime for a rule without an operator or a Variable', () => {
    expect(statesError(() => rule({ Variable: '$.a', Next: 'X' }, { a: 1 })).error).toBe('States.Runtime');
    expect(statesError(() => rule({ StringEquals: 'x' }, { a: 1 })).error).toBe('States.Runtime');
  });
});

describe('Choice state: choosing the next state (Choices, Default, States.NoChoiceMatched)', () => {
  const state = {
    Choices: [
      { Not: { Variable: '$.type', StringEquals: 'Private' }, Next: 'Public' },
      { Variable: '$.value', NumericEquals: 0, Next: 'ValueIsZero' },
      {
        And: [
          { Variable: '$.value', NumericGreaterThanEquals: 20 },
          { Variable: '$.value', NumericLessThan: 30 },
        ],
        Next: 'ValueInTwenties',
      },
    ],
    Default: 'DefaultState',
  };

  it('goes to ValueInTwenties for the AWS example input', () => {
    expect(selectNext(state, { type: 'Private', value: 22 }, context)).toBe('ValueInTwenties');
  });

  it('takes the first matching rule, in order', () => {
    expect(selectNext(state, { type: 'Public', value: 0 }, context)).toBe('Public');
    expect(selectNext(state, { type: 'Private', value: 0 }, context)).toBe('ValueIsZero');
  });

  it('goes to Default when no rule matches', () => {
    expect(selectNext(state, { type: 'Private', value: 99 }, context)).toBe('DefaultState');
  });

  it('fails with States.NoChoiceMatched when no rule matches and there is no Default', () => {
    const { Default: _default, ...noDefault } = state;
    const error = statesError(() => selectNext(noDefault, { type: 'Private', value: 99 }, context));
    expect(error.error).toBe('States.NoChoiceMatched');
  });

  it('fails with States.Runtime when a rule reads a missing path (the AWS note on $.type)', () => {
    expect(statesError(() => selectNext(state, { value: 22 }, context)).error).toBe('States.Runtime');
  });
});
