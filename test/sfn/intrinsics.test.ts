import { createHash } from 'node:crypto';
import { StatesError } from '../../local/sfn/asl/errors';
import { evaluateIntrinsic, isIntrinsicCall } from '../../local/sfn/asl/intrinsics';
import type { ContextObject } from '../../local/sfn/asl/paths';

// Every describe() here is written from the AWS page "Intrinsic functions for JSONPath states in
// Step Functions" (docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html); the
// section it covers is named in its title.

function statesError(fn: () => unknown): StatesError {
  try {
    fn();
  } catch (error) {
    if (error instanceof StatesError) return error;
    throw error;
  }
  throw new Error('expected a StatesError, but nothing was thrown');
}

const context: ContextObject = { Execution: { Name: 'run-9', Id: 'exec-1' }, Map: { Item: { Index: 3 } } };
const run = (expression: string, input: unknown = {}) => evaluateIntrinsic(expression, input, context);
const errorOf = (expression: string, input: unknown = {}) => statesError(() => run(expression, input)).error;

describe('Intrinsic functions: call syntax (arguments, nesting, reserved characters)', () => {
  it('recognises intrinsic calls and nothing else', () => {
    expect(isIntrinsicCall('States.Format($.a)')).toBe(true);
    expect(isIntrinsicCall('  States.UUID()  ')).toBe(true);
    expect(isIntrinsicCall('$.a')).toBe(false);
    expect(isIntrinsicCall('States.Format')).toBe(false);
    expect(isIntrinsicCall('Hello States.Format()')).toBe(false);
  });

  it('accepts string, number, boolean and null literals', () => {
    expect(run("States.Array('a', 1, -2.5, 1e3, true, false, null)")).toEqual([
      'a',
      1,
      -2.5,
      1000,
      true,
      false,
      null,
    ]);
  });

  it('accepts paths into the input and the context object', () => {
    expect(
      run('States.Array($.a, $.b[1], $$.Execution.Name, $$.Map.Item.Index)', { a: 1, b: [0, 'x'] }),
    ).toEqual([1, 'x', 'run-9', 3]);
  });

  it('accepts bracket-notation and filter paths containing commas and parentheses', () => {
    const input = {
      'def ghi': 7,
      items: [
        { id: 'a', n: 1 },
        { id: 'b', n: 2 },
      ],
    };
    expect(run("States.Array($['def ghi'], $.items[?(@.n > 1)].id)", input)).toEqual([7, ['b']]);
  });

  it('tolerates whitespace around arguments', () => {
    expect(run('  States.Array(  1 ,\t2  )  ')).toEqual([1, 2]);
  });

  it("unescapes \\' \\{ \\} and \\\\ in string literals", () => {
    expect(run("States.Array('it\\'s', '\\{\\}', 'back\\\\slash')")).toEqual(["it's", '{}', 'back\\slash']);
  });

  it('nests calls (the AWS example with nine nested functions)', () => {
    const input = {
      ImageRecipe: { Arn: 'arn:aws:imagebuilder:us-east-1:123456789012:image-recipe/my.recipe/1.0.0' },
    };
    // AWS's page shows '{}.{}.{}' with two values, which its own Format rule rejects; two placeholders here.
    const expression =
      "States.Format('{}.{}', States.ArrayGetItem(States.StringSplit(States.ArrayGetItem(States.StringSplit($.ImageRecipe.Arn, '/'), 2), '.'), 0), States.ArrayGetItem(States.StringSplit(States.ArrayGetItem(States.StringSplit($.ImageRecipe.Arn, '/'), 2), '.'), 1))";
    expect(run(expression, input)).toBe('1.0');
  });

  it('allows at most 10 intrinsic functions in one field', () => {
    const ten = `States.Array(${Array.from({ length: 9 }, () => 'States.UUID()').join(', ')})`;
    expect((run(ten) as unknown[]).length).toBe(9);
    const eleven = `States.Array(${Array.from({ length: 10 }, () => 'States.UUID()').join(', ')})`;
    expect(errorOf(eleven)).toBe('States.IntrinsicFailure');
  });

  it('fails with States.IntrinsicFailure on an open escape backslash', () => {
    expect(errorOf("States.Format('bad \\n escape')")).toBe('States.IntrinsicFailure');
  });

  it('fails with States.IntrinsicFailure on malformed calls', () => {
    for (const expression of [
      'States.Array(1',
      "States.Format('unterminated)",
      'States.Array(1 2)',
      'States.Array(1) extra',
      'States.Array(bogus)',
      'Format(1)',
      'States.Array(,)',
    ]) {
      expect(errorOf(expression)).toBe('States.IntrinsicFailure');
    }
  });

  it('fails with States.IntrinsicFailure for an unknown function', () => {
    const error = statesError(() => run('States.Compare($.a, $.b)', { a: 1, b: 2 }));
    expect(error.error).toBe('States.IntrinsicFailure');
    expect(error.cause).toBe('States.Compare is not an intrinsic function');
  });

  it('fails with States.Runtime when a path argument selects nothing', () => {
    const error = statesError(() => run('States.Array($.missing)', { a: 1 }));
    expect(error.error).toBe('States.Runtime');
    expect(error.cause).toBe("The JSONPath '$.missing' could not be found in the input '{\"a\":1}'");
  });
});

describe('Intrinsics for arrays: States.Array', () => {
  it('returns the arguments as an array (the AWS example)', () => {
    expect(run('States.Array($.Id)', { Id: 123456 })).toEqual([123456]);
  });

  it('takes zero arguments', () => {
    expect(run('States.Array()')).toEqual([]);
  });

  it('keeps objects and arrays as they are', () => {
    expect(run('States.Array($.o, $.l)', { o: { a: 1 }, l: [1] })).toEqual([{ a: 1 }, [1]]);
  });
});

describe('Intrinsics for arrays: States.ArrayPartition', () => {
  const input = { inputArray: [1, 2, 3, 4, 5, 6, 7, 8, 9] };

  it('splits into chunks, the last one shorter (the AWS example)', () => {
    expect(run('States.ArrayPartition($.inputArray, 4)', input)).toEqual([[1, 2, 3, 4], [5, 6, 7, 8], [9]]);
  });

  it('returns an empty list for an empty array', () => {
    expect(run('States.ArrayPartition($.a, 2)', { a: [] })).toEqual([]);
  });

  it('rounds a non-integer chunk size to the nearest integer', () => {
    expect(run('States.ArrayPartition($.inputArray, 4.4)', input)).toEqual([[1, 2, 3, 4], [5, 6, 7, 8], [9]]);
    expect(run('States.ArrayPartition($.inputArray, 4.5)', input)).toEqual([
      [1, 2, 3, 4, 5],
      [6, 7, 8, 9],
    ]);
  });

  it('fails for a chunk size of zero, a negative one or one rounding to zero', () => {
    expect(errorOf('States.ArrayPartition($.inputArray, 0)', input)).toBe('States.IntrinsicFailure');
    expect(errorOf('States.ArrayPartition($.inputArray, -1)', input)).toBe('States.IntrinsicFailure');
    expect(errorOf('States.ArrayPartition($.inputArray, 0.4)', input)).toBe('States.IntrinsicFailure');
  });

  it('fails for wrong argument types and counts', () => {
    expect(errorOf("States.ArrayPartition('abc', 2)")).toBe('States.IntrinsicFailure');
    expect(errorOf("States.ArrayPartition($.inputArray, '2')", input)).toBe('States.IntrinsicFailure');
    expect(errorOf('States.ArrayPartition($.inputArray)', input)).toBe('States.IntrinsicFailure');
  });
});

describe('Intrinsics for arrays: States.ArrayContains', () => {
  const input = { inputArray: [1, 2, 3, 4, 5, 6, 7, 8, 9], lookingFor: 5 };

  it('finds a value (the AWS example)', () => {
    expect(run('States.ArrayContains($.inputArray, $.lookingFor)', input)).toBe(true);
  });

  it('says false when the value is absent', () => {
    expect(run('States.ArrayContains($.inputArray, 10)', input)).toBe(false);
    expect(run("States.ArrayContains($.inputArray, '5')", input)).toBe(false);
  });

  it('compares objects and arrays by value, whatever the key order', () => {
    const data = { list: [{ a: 1, b: [2, 3] }, null] };
    expect(run('States.ArrayContains($.list, $.probe)', { ...data, probe: { b: [2, 3], a: 1 } })).toBe(true);
    expect(run('States.ArrayContains($.list, $.probe)', { ...data, probe: { a: 1, b: [3, 2] } })).toBe(false);
    expect(run('States.ArrayContains($.list, null)', data)).toBe(true);
  });

  it('fails when the first argument is not an array, or with the wrong count', () => {
    expect(errorOf('States.ArrayContains($.lookingFor, 5)', input)).toBe('States.IntrinsicFailure');
    expect(errorOf('States.ArrayContains($.inputArray)', input)).toBe('States.IntrinsicFailure');
  });
});

describe('Intrinsics for arrays: States.ArrayRange', () => {
  it('creates 1, 3, 5, 7, 9 (the AWS example)', () => {
    expect(run('States.ArrayRange(1, 9, 2)')).toEqual([1, 3, 5, 7, 9]);
  });

  it('stops at the last value that does not pass the end', () => {
    expect(run('States.ArrayRange(1, 10, 2)')).toEqual([1, 3, 5, 7, 9]);
  });

  it('counts down with a negative step', () => {
    expect(run('States.ArrayRange(5, 1, -2)')).toEqual([5, 3, 1]);
  });

  it('returns a one-item array when start equals end', () => {
    expect(run('States.ArrayRange(4, 4, 1)')).toEqual([4]);
  });

  it('returns an empty array when the step points away from the end', () => {
    expect(run('States.ArrayRange(1, 5, -1)')).toEqual([]);
  });

  it('rounds non-integer arguments to the nearest integer', () => {
    expect(run('States.ArrayRange(0.6, 3.4, 1.2)')).toEqual([1, 2, 3]);
  });

  it('creates up to 1000 items and no more', () => {
    expect(run('States.ArrayRange(1, 1000, 1)')).toHaveLength(1000);
    const error = statesError(() => run('States.ArrayRange(1, 1001, 1)'));
    expect(error.error).toBe('States.IntrinsicFailure');
    expect(error.cause).toBe('States.ArrayRange would create 1001 items; at most 1000 are allowed');
  });

  it('fails for a zero step, non-numbers and the wrong count', () => {
    expect(errorOf('States.ArrayRange(1, 9, 0)')).toBe('States.IntrinsicFailure');
    expect(errorOf("States.ArrayRange('1', 9, 1)")).toBe('States.IntrinsicFailure');
    expect(errorOf('States.ArrayRange(1, 9)')).toBe('States.IntrinsicFailure');
  });
});

describe('Intrinsics for arrays: States.ArrayGetItem', () => {
  const input = { inputArray: [1, 2, 3, 4, 5, 6, 7, 8, 9], index: 5 };

  it('returns the item at the index (the AWS example)', () => {
    expect(run('States.ArrayGetItem($.inputArray, $.index)', input)).toBe(6);
  });

  it('returns objects whole', () => {
    expect(run('States.ArrayGetItem($.l, 0)', { l: [{ a: [1] }] })).toEqual({ a: [1] });
  });

  it('fails for an index out of bounds, negative or fractional', () => {
    const error = statesError(() => run('States.ArrayGetItem($.inputArray, 9)', input));
    expect(error.error).toBe('States.IntrinsicFailure');
    expect(error.cause).toBe('States.ArrayGetItem index 9 is out of bounds for an array of length 9');
    expect(errorOf('States.ArrayGetItem($.inputArray, -1)', input)).toBe('States.IntrinsicFailure');
    expect(errorOf('States.ArrayGetItem($.inputArray, 1.5)', input)).toBe('States.IntrinsicFailure');
  });

  it('fails for wrong argument types', () => {
    expect(errorOf("States.ArrayGetItem('abc', 1)")).toBe('States.IntrinsicFailure');
    expect(errorOf("States.ArrayGetItem($.inputArray, '1')", input)).toBe('States.IntrinsicFailure');
  });
});

describe('Intrinsics for arrays: States.ArrayLength', () => {
  it('returns the length (the AWS example)', () => {
    expect(run('States.ArrayLength($.inputArray)', { inputArray: [1, 2, 3, 4, 5, 6, 7, 8, 9] })).toBe(9);
    expect(run('States.ArrayLength($.a)', { a: [] })).toBe(0);
  });

  it('fails for a non-array, naming what it got', () => {
    const error = statesError(() => run('States.ArrayLength($.s)', { s: 'abc' }));
    expect(error.error).toBe('States.IntrinsicFailure');
    expect(error.cause).toBe('States.ArrayLength expects argument 1 to be a array, but got string "abc"');
    expect(errorOf('States.ArrayLength()')).toBe('States.IntrinsicFailure');
  });
});

describe('Intrinsics for arrays: States.ArrayUnique', () => {
  it('removes duplicates keeping first occurrences (the AWS example)', () => {
    expect(run('States.ArrayUnique($.inputArray)', { inputArray: [1, 2, 3, 3, 3, 3, 3, 3, 4] })).toEqual([
      1, 2, 3, 4,
    ]);
  });

  it('compares objects by value and keeps values of different types apart', () => {
    const input = { a: [{ x: 1, y: 2 }, { y: 2, x: 1 }, 'x', 1, 'x', '1', [1], [1], null, null] };
    expect(run('States.ArrayUnique($.a)', input)).toEqual([{ x: 1, y: 2 }, 'x', 1, '1', [1], null]);
  });

  it('fails for a non-array', () => {
    expect(errorOf('States.ArrayUnique(1)')).toBe('States.IntrinsicFailure');
  });
});

describe('Intrinsics for data encoding and decoding: States.Base64Encode and States.Base64Decode', () => {
  it('encodes (the AWS example)', () => {
    expect(run('States.Base64Encode($.input)', { input: 'Data to encode' })).toBe('RGF0YSB0byBlbmNvZGU=');
  });

  it('decodes (the AWS example input)', () => {
    expect(run('States.Base64Decode($.base64)', { base64: 'RGF0YSB0byBlbmNvZGU=' })).toBe('Data to encode');
  });

  it('round-trips UTF-8 text', () => {
    const text = 'Retorno a Tegucigalpa, niño — ✓';
    expect(run('States.Base64Decode(States.Base64Encode($.t))', { t: text })).toBe(text);
  });

  it('encodes and decodes the empty string', () => {
    expect(run("States.Base64Encode('')")).toBe('');
    expect(run("States.Base64Decode('')")).toBe('');
  });

  it('takes up to 10,000 characters', () => {
    expect(typeof run('States.Base64Encode($.s)', { s: 'a'.repeat(10_000) })).toBe('string');
    expect(errorOf('States.Base64Encode($.s)', { s: 'a'.repeat(10_001) })).toBe('States.IntrinsicFailure');
    expect(errorOf('States.Base64Decode($.s)', { s: 'QUFB'.repeat(2501) })).toBe('States.IntrinsicFailure');
  });

  it('fails to decode text that is not Base64', () => {
    expect(errorOf("States.Base64Decode('not base64!')")).toBe('States.IntrinsicFailure');
    expect(errorOf("States.Base64Decode('abc')")).toBe('States.IntrinsicFailure');
  });

  it('fails for non-string arguments and wrong counts', () => {
    expect(errorOf('States.Base64Encode(123)')).toBe('States.IntrinsicFailure');
    expect(errorOf('States.Base64Decode($.o)', { o: {} })).toBe('States.IntrinsicFailure');
    expect(errorOf("States.Base64Encode('a', 'b')")).toBe('States.IntrinsicFailure');
  });
});

describe('Intrinsic for hash calculation: States.Hash', () => {
  it('computes SHA-1 of "input data" (the AWS example)', () => {
    // AWS's page prints this digest with one hex digit missing (39 characters:
    // aaff4a450a104cd177d28d18d7485e8cae074b7); the real SHA-1 is the 40-digit value below.
    expect(run('States.Hash($.Data, $.Algorithm)', { Data: 'input data', Algorithm: 'SHA-1' })).toBe(
      createHash('sha1').update('input data').digest('hex'),
    );
    expect(run("States.Hash('input data', 'SHA-1')")).toBe('aaff4a450a104cd177d28d18d74485e8cae074b7');
  });

  it('supports MD5, SHA-256, SHA-384 and SHA-512 (lowercase hex)', () => {
    expect(run("States.Hash('abc', 'MD5')")).toBe('900150983cd24fb0d6963f7d28e17f72');
    expect(run("States.Hash('abc', 'SHA-256')")).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(run("States.Hash('abc', 'SHA-384')")).toBe(
      'cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7',
    );
    expect(run("States.Hash('abc', 'SHA-512')")).toBe(
      'ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f',
    );
  });

  it('fails for an unsupported or misspelt algorithm', () => {
    const error = statesError(() => run("States.Hash('abc', 'SHA256')"));
    expect(error.error).toBe('States.IntrinsicFailure');
    expect(error.cause).toBe(
      'States.Hash does not support the algorithm "SHA256"; use one of MD5, SHA-1, SHA-256, SHA-384, SHA-512',
    );
    expect(errorOf("States.Hash('abc', 'sha-1')")).toBe('States.IntrinsicFailure');
  });

  it('takes data of up to 10,000 characters', () => {
    expect(errorOf("States.Hash($.s, 'MD5')", { s: 'a'.repeat(10_001) })).toBe('States.IntrinsicFailure');
    expect(typeof run("States.Hash($.s, 'MD5')", { s: 'a'.repeat(10_000) })).toBe('string');
  });

  it('fails for non-string arguments and wrong counts', () => {
    expect(errorOf("States.Hash(1, 'MD5')")).toBe('States.IntrinsicFailure');
    expect(errorOf('States.Hash($.o, 5)', { o: 'x' })).toBe('States.IntrinsicFailure');
    expect(errorOf("States.Hash('abc')")).toBe('States.IntrinsicFailure');
  });
});

describe('Intrinsics for JSON data manipulation: States.JsonMerge', () => {
  const input = { json1: { a: { a1: 1, a2: 2 }, b: 2 }, json2: { a: { a3: 1, a4: 2 }, c: 3 } };

  it('merges shallowly, the second object winning (the AWS example)', () => {
    expect(run('States.JsonMerge($.json1, $.json2, false)', input)).toEqual({
      a: { a3: 1, a4: 2 },
      b: 2,
      c: 3,
    });
  });

  it('does not change the inputs', () => {
    run('States.JsonMerge($.json1, $.json2, false)', input);
    expect(input.json1).toEqual({ a: { a1: 1, a2: 2 }, b: 2 });
  });

  it('fails for deep merging (true), which AWS does not support', () => {
    const error = statesError(() => run('States.JsonMerge($.json1, $.json2, true)', input));
    expect(error.error).toBe('States.IntrinsicFailure');
    expect(error.cause).toBe('States.JsonMerge supports only shallow merging: argument 3 must be false');
  });

  it('fails for non-objects, a non-boolean flag and the wrong count', () => {
    expect(errorOf('States.JsonMerge($.json1, States.Array(1), false)', input)).toBe(
      'States.IntrinsicFailure',
    );
    expect(errorOf("States.JsonMerge('a', $.json2, false)", input)).toBe('States.IntrinsicFailure');
    expect(errorOf("States.JsonMerge($.json1, $.json2, 'false')", input)).toBe('States.IntrinsicFailure');
    expect(errorOf('States.JsonMerge($.json1, $.json2)', input)).toBe('States.IntrinsicFailure');
  });
});

describe('Intrinsics for JSON data manipulation: States.StringToJson and States.JsonToString', () => {
  it('parses an escaped JSON string (the AWS example)', () => {
    expect(run('States.StringToJson($.escapedJsonString)', { escapedJsonString: '{"foo": "bar"}' })).toEqual({
      foo: 'bar',
    });
  });

  it('parses scalars and arrays too', () => {
    expect(run('States.StringToJson($.s)', { s: '[1,"a",null]' })).toEqual([1, 'a', null]);
    expect(run("States.StringToJson('42')")).toBe(42);
  });

  it('fails for text that is not JSON, or for a non-string', () => {
    expect(errorOf("States.StringToJson('{not json')")).toBe('States.IntrinsicFailure');
    expect(errorOf('States.StringToJson($.o)', { o: { a: 1 } })).toBe('States.IntrinsicFailure');
    expect(errorOf('States.StringToJson()')).toBe('States.IntrinsicFailure');
  });

  it('serialises data as compact JSON text (the AWS example)', () => {
    expect(run('States.JsonToString($.unescapedJson)', { unescapedJson: { foo: 'bar' } })).toBe(
      '{"foo":"bar"}',
    );
    expect(run('States.JsonToString($.l)', { l: [1, null, 'x'] })).toBe('[1,null,"x"]');
    expect(run('States.JsonToString($.s)', { s: 'x' })).toBe('"x"');
  });

  it('round-trips through StringToJson', () => {
    const input = { o: { a: [1, { b: true }] } };
    expect(run('States.StringToJson(States.JsonToString($.o))', input)).toEqual(input.o);
  });

  it('fails for the wrong count', () => {
    expect(errorOf('States.JsonToString($.a, $.a)', { a: 1 })).toBe('States.IntrinsicFailure');
  });
});

describe('Intrinsics for Math operations: States.MathRandom', () => {
  it('returns an integer from start (inclusive) to end (exclusive)', () => {
    for (let i = 0; i < 200; i++) {
      const value = run('States.MathRandom($.start, $.end)', { start: 1, end: 4 }) as number;
      expect(Number.isInteger(value)).toBe(true);
      expect(value).toBeGreaterThanOrEqual(1);
      expect(value).toBeLessThan(4);
    }
  });

  it('returns the same number for the same seed', () => {
    const first = run('States.MathRandom(1, 999, 42)');
    expect(run('States.MathRandom(1, 999, 42)')).toBe(first);
    expect(first).toBeGreaterThanOrEqual(1);
    expect(first).toBeLessThan(999);
  });

  it('rounds non-integer bounds to the nearest integer', () => {
    expect(run('States.MathRandom(0.6, 1.6)')).toBe(1);
    expect(errorOf('States.MathRandom(0.6, 1.4)')).toBe('States.IntrinsicFailure');
  });

  it('fails when the range is empty, for non-numbers and wrong counts', () => {
    expect(errorOf('States.MathRandom(5, 5)')).toBe('States.IntrinsicFailure');
    expect(errorOf('States.MathRandom(9, 1)')).toBe('States.IntrinsicFailure');
    expect(errorOf("States.MathRandom('1', 5)")).toBe('States.IntrinsicFailure');
    expect(errorOf("States.MathRandom(1, 5, 'seed')")).toBe('States.IntrinsicFailure');
    expect(errorOf('States.MathRandom(1)')).toBe('States.IntrinsicFailure');
    expect(errorOf('States.MathRandom(1, 2, 3, 4)')).toBe('States.IntrinsicFailure');
  });
});

describe('Intrinsics for Math operations: States.MathAdd', () => {
  it('adds (the AWS example: 111 + -1)', () => {
    expect(run('States.MathAdd($.value1, $.step)', { value1: 111, step: -1 })).toBe(110);
  });

  it('rounds each argument to the nearest integer first, as AWS does', () => {
    expect(run('States.MathAdd(1.49, 1.5)')).toBe(3);
    expect(run('States.MathAdd(1.5, 1.51)')).toBe(4);
    expect(run('States.MathAdd(-1.49, -1.5)')).toBe(-2);
    expect(run('States.MathAdd(-1.5, -1.51)')).toBe(-3);
  });

  it('accepts 32-bit integers and nothing beyond', () => {
    expect(run('States.MathAdd(2147483647, -2147483648)')).toBe(-1);
    expect(errorOf('States.MathAdd(2147483648, 0)')).toBe('States.IntrinsicFailure');
    expect(errorOf('States.MathAdd(0, -2147483649)')).toBe('States.IntrinsicFailure');
  });

  it('fails for non-numbers and wrong counts', () => {
    expect(errorOf("States.MathAdd('1', 2)")).toBe('States.IntrinsicFailure');
    expect(errorOf('States.MathAdd(1, null)')).toBe('States.IntrinsicFailure');
    expect(errorOf('States.MathAdd(1)')).toBe('States.IntrinsicFailure');
    const error = statesError(() => run('States.MathAdd(1, 2, 3)'));
    expect(error.cause).toBe('States.MathAdd takes exactly 2 argument(s), but got 3');
  });
});

describe('Intrinsic for String operation: States.StringSplit', () => {
  it('splits on one delimiter (the AWS example)', () => {
    expect(
      run('States.StringSplit($.inputString, $.splitter)', { inputString: '1,2,3,4,5', splitter: ',' }),
    ).toEqual(['1', '2', '3', '4', '5']);
  });

  it('splits on every character of the delimiter string (the AWS example)', () => {
    expect(
      run('States.StringSplit($.inputString, $.splitter)', {
        inputString: 'This.is+a,test=string',
        splitter: '.+,=',
      }),
    ).toEqual(['This', 'is', 'a', 'test', 'string']);
  });

  it('drops empty pieces', () => {
    expect(run("States.StringSplit(',,,,', ',')")).toEqual([]);
    expect(run("States.StringSplit(', , ,', ',')")).toEqual([' ', ' ']);
    expect(run("States.StringSplit('a,,b,', ',')")).toEqual(['a', 'b']);
  });

  it('returns the whole string when no delimiter occurs', () => {
    expect(run("States.StringSplit('abc', '/')")).toEqual(['abc']);
  });

  it('fails for non-strings and wrong counts', () => {
    expect(errorOf("States.StringSplit(123, ',')")).toBe('States.IntrinsicFailure');
    expect(errorOf("States.StringSplit('a,b', 1)")).toBe('States.IntrinsicFailure');
    expect(errorOf("States.StringSplit('a,b')")).toBe('States.IntrinsicFailure');
  });
});

describe('Intrinsic for unique identifier generation: States.UUID', () => {
  it('returns a version 4 UUID, different each time', () => {
    const a = run('States.UUID()');
    const b = run('States.UUID()');
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a).not.toBe(b);
  });

  it('takes no arguments', () => {
    expect(errorOf("States.UUID('x')")).toBe('States.IntrinsicFailure');
  });
});

describe('Intrinsic for generic operation: States.Format', () => {
  const input = { name: 'Arnav', template: 'Hello, my name is {}.' };

  it('fills a literal template (the AWS example)', () => {
    expect(run("States.Format('Hello, my name is {}.', $.name)", input)).toBe('Hello, my name is Arnav.');
  });

  it('fills a template read from a path (the AWS example)', () => {
    expect(run('States.Format($.template, $.name)', input)).toBe('Hello, my name is Arnav.');
  });

  it('formats numbers, booleans and null', () => {
    expect(run("States.Format('{} {} {} {}', 1.5, true, null, 'x')")).toBe('1.5 true null x');
  });

  it('returns a template without placeholders unchanged', () => {
    expect(run("States.Format('no placeholders')")).toBe('no placeholders');
  });

  it('treats escaped braces as text, not as a placeholder', () => {
    expect(run("States.Format('escaped \\{\\} and {}', $.name)", input)).toBe('escaped {} and Arnav');
    expect(run("States.Format('it\\'s {}', $.name)", input)).toBe("it's Arnav");
  });

  it('fails when placeholders and values differ in number', () => {
    const error = statesError(() => run("States.Format('{} and {}', $.name)", input));
    expect(error.error).toBe('States.IntrinsicFailure');
    expect(error.cause).toBe('States.Format has 2 placeholder(s) {} but 1 value(s) to put in them');
    expect(errorOf("States.Format('{}', 'a', 'b')")).toBe('States.IntrinsicFailure');
  });

  it('fails for a non-string template, object values and no arguments', () => {
    expect(errorOf("States.Format(1, 'a')")).toBe('States.IntrinsicFailure');
    expect(errorOf("States.Format('{}', $.o)", { o: { a: 1 } })).toBe('States.IntrinsicFailure');
    expect(errorOf('States.Format()')).toBe('States.IntrinsicFailure');
  });
});
