import { StatesError } from '../../local/sfn/asl/errors';
import {
  applyInputPath,
  applyOutputPath,
  applyPayloadTemplate,
  applyResultPath,
  type ContextObject,
  evaluatePath,
  pathExists,
} from '../../local/sfn/asl/paths';

/** Runs `fn`, expecting a StatesError; returns it so the cause can be checked too. */
function statesError(fn: () => unknown): StatesError {
  try {
    fn();
  } catch (error) {
    if (error instanceof StatesError) return error;
    throw error;
  }
  throw new Error('expected a StatesError, but nothing was thrown');
}

const context: ContextObject = {
  Execution: {
    Id: 'arn:aws:states:us-east-1:123456789012:execution:ReturnCase:run-1',
    Input: { caseId: 'case-1' },
    Name: 'run-1',
    RoleArn: 'arn:aws:iam::123456789012:role/sfn',
    StartTime: '2025-01-01T00:00:00.000Z',
    RedriveCount: 0,
  },
  State: { EnteredTime: '2025-01-01T00:00:01.000Z', Name: 'ReserveFunds', RetryCount: 0 },
  StateMachine: { Id: 'arn:aws:states:us-east-1:123456789012:stateMachine:ReturnCase', Name: 'ReturnCase' },
  Task: { Token: 'token-1' },
  Map: { Item: { Index: 2, Value: { country: 'HN' } } },
};

describe('Paths in Amazon States Language (reference paths and JSONPath)', () => {
  const input = {
    foo: 123,
    bar: ['a', 'b', 'c'],
    car: { cdr: true },
    nothing: null,
    'with space': { x: 1 },
    items: [
      { id: 'a', price: 5 },
      { id: 'b', price: 15 },
      { id: 'c', price: 25 },
    ],
  };

  it('selects the whole input with $', () => {
    expect(evaluatePath('$', input, context)).toEqual(input);
  });

  it('selects a field, a nested field and an array element', () => {
    expect(evaluatePath('$.foo', input, context)).toBe(123);
    expect(evaluatePath('$.car.cdr', input, context)).toBe(true);
    expect(evaluatePath('$.bar[1]', input, context)).toBe('b');
    expect(evaluatePath('$.items[2].id', input, context)).toBe('c');
  });

  it('selects a field whose name needs bracket notation', () => {
    expect(evaluatePath("$['with space'].x", input, context)).toBe(1);
  });

  it('selects a field holding null (null is a value, not a miss)', () => {
    expect(evaluatePath('$.nothing', input, context)).toBeNull();
  });

  it('returns a list for indefinite paths: wildcard, slice, union, filter, descent', () => {
    expect(evaluatePath('$.bar[*]', input, context)).toEqual(['a', 'b', 'c']);
    expect(evaluatePath('$.bar[0:2]', input, context)).toEqual(['a', 'b']);
    expect(evaluatePath('$.bar[0,2]', input, context)).toEqual(['a', 'c']);
    expect(evaluatePath('$.items[?(@.price > 10)].id', input, context)).toEqual(['b', 'c']);
    expect(evaluatePath('$..cdr', input, context)).toEqual([true]);
  });

  it('returns an empty list when an indefinite path matches nothing', () => {
    expect(evaluatePath('$.items[?(@.price > 100)]', input, context)).toEqual([]);
  });

  it('reads the context object with $$', () => {
    expect(evaluatePath('$$.Execution.Id', input, context)).toBe(
      'arn:aws:states:us-east-1:123456789012:execution:ReturnCase:run-1',
    );
    expect(evaluatePath('$$.Execution.Input.caseId', input, context)).toBe('case-1');
    expect(evaluatePath('$$.State.Name', input, context)).toBe('ReserveFunds');
    expect(evaluatePath('$$.StateMachine.Name', input, context)).toBe('ReturnCase');
    expect(evaluatePath('$$.Task.Token', input, context)).toBe('token-1');
    expect(evaluatePath('$$.Map.Item.Index', input, context)).toBe(2);
    expect(evaluatePath('$$.Map.Item.Value', input, context)).toEqual({ country: 'HN' });
    expect(evaluatePath('$$', input, context)).toEqual(context);
  });

  it('returns a detached copy, so changing the result leaves the input alone', () => {
    const selected = evaluatePath('$.car', input, context) as { cdr: boolean };
    selected.cdr = false;
    expect(input.car.cdr).toBe(true);
  });

  it('fails with States.Runtime naming the path, the field and the input when nothing is selected', () => {
    const error = statesError(() => evaluatePath('$.missing', { a: 1 }, context, 'InputPath'));
    expect(error.error).toBe('States.Runtime');
    expect(error.cause).toBe(
      "The JSONPath '$.missing' specified for the field 'InputPath' could not be found in the input '{\"a\":1}'",
    );
  });

  it('fails without a field name when none is given', () => {
    const error = statesError(() => evaluatePath('$.a.b', { a: {} }, context));
    expect(error.error).toBe('States.Runtime');
    expect(error.cause).toBe("The JSONPath '$.a.b' could not be found in the input '{\"a\":{}}'");
  });

  it('fails with States.Runtime for a missing context field, naming the context object', () => {
    const error = statesError(() => evaluatePath('$$.Execution.Nope', {}, { Execution: {} }, 'x.$'));
    expect(error.error).toBe('States.Runtime');
    expect(error.cause).toBe(
      "The JSONPath '$$.Execution.Nope' specified for the field 'x.$' could not be found in the context object '{\"Execution\":{}}'",
    );
  });

  it('fails for an out-of-range index and for a field of a non-object', () => {
    expect(statesError(() => evaluatePath('$.bar[7]', input, context)).error).toBe('States.Runtime');
    expect(statesError(() => evaluatePath('$.foo.bar', input, context)).error).toBe('States.Runtime');
  });

  it('selects scalar documents (null, false, 0, empty string) with $, and nothing below them', () => {
    for (const scalar of [null, false, 0, '', 'text', 7]) {
      expect(evaluatePath('$', scalar, context)).toBe(scalar);
      expect(statesError(() => evaluatePath('$.a', scalar, context)).error).toBe('States.Runtime');
      expect(evaluatePath('$[*]', scalar, context)).toEqual([]);
    }
  });

  it('finds no `length` member on arrays or strings (JSON has none), but reads a real length key', () => {
    expect(statesError(() => evaluatePath('$.bar.length', input, context)).error).toBe('States.Runtime');
    expect(statesError(() => evaluatePath('$.s.length', { s: 'abc' }, context)).error).toBe('States.Runtime');
    expect(evaluatePath('$.o.length', { o: { length: 3 } }, context)).toBe(3);
  });

  it('rejects text that is not a path', () => {
    const error = statesError(() => evaluatePath('foo', input, context));
    expect(error.error).toBe('States.Runtime');
    expect(error.cause).toContain("Invalid path 'foo'");
  });

  it('tells whether a path selects something without throwing', () => {
    expect(pathExists('$.nothing', input, context)).toBe(true);
    expect(pathExists('$.missing', input, context)).toBe(false);
    expect(pathExists('$$.Task.Token', input, context)).toBe(true);
  });
});

describe('Processing input and output in Step Functions: InputPath', () => {
  const input = { comment: 'Example for InputPath.', dataset1: { val1: 1, val2: 2, val3: 3 } };

  it('passes the whole input when InputPath is absent', () => {
    expect(applyInputPath(input, undefined, context)).toBe(input);
  });

  it('gives the state an empty object when InputPath is null', () => {
    expect(applyInputPath(input, null, context)).toEqual({});
  });

  it('selects part of the input, as in the AWS InputPath example', () => {
    expect(applyInputPath(input, '$.dataset1', context)).toEqual({ val1: 1, val2: 2, val3: 3 });
    expect(applyInputPath(input, '$', context)).toEqual(input);
  });

  it('may select from the context object', () => {
    expect(applyInputPath(input, '$$.Execution.Input', context)).toEqual({ caseId: 'case-1' });
  });

  it('fails with States.Runtime when the path is missing from the input', () => {
    const error = statesError(() => applyInputPath(input, '$.dataset9', context));
    expect(error.error).toBe('States.Runtime');
    expect(error.cause).toBe(
      `The JSONPath '$.dataset9' specified for the field 'InputPath' could not be found in the input '${JSON.stringify(input)}'`,
    );
  });
});

describe('Processing input and output in Step Functions: OutputPath', () => {
  const output = { a: { b: 1 }, c: [1, 2] };

  it('passes the whole output when OutputPath is absent', () => {
    expect(applyOutputPath(output, undefined, context)).toBe(output);
  });

  it('sends an empty object on when OutputPath is null', () => {
    expect(applyOutputPath(output, null, context)).toEqual({});
  });

  it('selects part of the output', () => {
    expect(applyOutputPath(output, '$.a', context)).toEqual({ b: 1 });
    expect(applyOutputPath(output, '$.c[1]', context)).toBe(2);
  });

  it('fails with States.Runtime naming OutputPath when the path is missing', () => {
    const error = statesError(() => applyOutputPath(output, '$.z', context));
    expect(error.error).toBe('States.Runtime');
    expect(error.cause).toBe(
      `The JSONPath '$.z' specified for the field 'OutputPath' could not be found in the input '${JSON.stringify(output)}'`,
    );
  });
});

describe('Processing input and output in Step Functions: Parameters, ItemSelector and ResultSelector', () => {
  const input = {
    comment: 'Example for Parameters.',
    product: {
      details: { color: 'blue', size: 'small', material: 'cotton' },
      availability: 'in stock',
      sku: '2317',
    },
    names: ['Ana', 'Luis'],
  };

  it('builds the AWS example payload: static values, paths and nested objects', () => {
    const template = {
      comment: 'Selecting what I care about.',
      MyDetails: {
        'size.$': '$.product.details.size',
        'exists.$': '$.product.availability',
        StaticValue: 'foo',
      },
    };
    expect(applyPayloadTemplate(template, input, context, 'Parameters')).toEqual({
      comment: 'Selecting what I care about.',
      MyDetails: { size: 'small', exists: 'in stock', StaticValue: 'foo' },
    });
  });

  it('takes context object values with $$ (e.g. the task token)', () => {
    const template = {
      'token.$': '$$.Task.Token',
      'execution.$': '$$.Execution.Name',
      'item.$': '$$.Map.Item.Value',
    };
    expect(applyPayloadTemplate(template, input, context)).toEqual({
      token: 'token-1',
      execution: 'run-1',
      item: { country: 'HN' },
    });
  });

  it('evaluates intrinsic functions in .$ fields', () => {
    const template = {
      'greeting.$': "States.Format('Hello, {}', $.names[0])",
      'count.$': 'States.ArrayLength($.names)',
    };
    expect(applyPayloadTemplate(template, input, context)).toEqual({ greeting: 'Hello, Ana', count: 2 });
  });

  it('recurses into arrays of objects', () => {
    const template = { list: [{ 'sku.$': '$.product.sku' }, 'plain', 3, null] };
    expect(applyPayloadTemplate(template, input, context)).toEqual({
      list: [{ sku: '2317' }, 'plain', 3, null],
    });
  });

  it('keeps the whole input with "$"', () => {
    expect(applyPayloadTemplate({ 'all.$': '$' }, { a: 1 }, context)).toEqual({ all: { a: 1 } });
  });

  it('passes non-object templates through unchanged', () => {
    expect(applyPayloadTemplate('text', input, context)).toBe('text');
    expect(applyPayloadTemplate(42, input, context)).toBe(42);
    expect(applyPayloadTemplate(null, input, context)).toBeNull();
  });

  it('does not treat a key without .$ as a path', () => {
    expect(applyPayloadTemplate({ literal: '$.product' }, input, context)).toEqual({ literal: '$.product' });
  });

  it('does not mutate the template or the input', () => {
    const template = { 'details.$': '$.product.details' };
    const before = JSON.stringify({ template, input });
    const payload = applyPayloadTemplate(template, input, context) as { details: { color: string } };
    payload.details.color = 'red';
    expect(JSON.stringify({ template, input })).toBe(before);
  });

  it('fails with States.Runtime when a path is missing, naming the .$ field as AWS does', () => {
    const error = statesError(() =>
      applyPayloadTemplate({ 'JobName.$': '$.JobName' }, {}, context, 'Parameters'),
    );
    expect(error.error).toBe('States.Runtime');
    expect(error.cause).toBe(
      "The JSONPath '$.JobName' specified for the field 'JobName.$' could not be found in the input '{}'",
    );
  });

  it('fails with States.Runtime when a .$ value is neither a path nor an intrinsic', () => {
    expect(
      statesError(() => applyPayloadTemplate({ 'a.$': 'hello' }, input, context, 'Parameters')).error,
    ).toBe('States.Runtime');
    expect(statesError(() => applyPayloadTemplate({ 'a.$': 5 }, input, context)).error).toBe(
      'States.Runtime',
    );
  });

  it('passes intrinsic failures through (States.IntrinsicFailure)', () => {
    expect(
      statesError(() => applyPayloadTemplate({ 'a.$': 'States.ArrayLength($.comment)' }, input, context))
        .error,
    ).toBe('States.IntrinsicFailure');
  });

  it('writes a "__proto__" key as data, not as a prototype', () => {
    const payload = applyPayloadTemplate(JSON.parse('{"__proto__.$": "$.names"}'), input, context) as object;
    expect(Object.getPrototypeOf(payload)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(payload, '__proto__')?.value).toEqual(['Ana', 'Luis']);
  });
});

describe('Specifying state output using ResultPath in Step Functions', () => {
  const input = {
    comment: 'This is a test of the input and output of a Task state.',
    details: 'Default example',
    who: 'AWS Step Functions',
  };

  it('replaces the input with the result when ResultPath is absent or $', () => {
    expect(applyResultPath(input, 'Hello, AWS Step Functions!', undefined)).toBe(
      'Hello, AWS Step Functions!',
    );
    expect(applyResultPath(input, { r: 1 }, '$')).toEqual({ r: 1 });
  });

  it('discards the result and keeps the input when ResultPath is null', () => {
    expect(applyResultPath(input, 'ignored', null)).toEqual(input);
  });

  it('adds the result to the input (the AWS example: $.taskresult)', () => {
    expect(applyResultPath(input, 'Hello, AWS Step Functions!', '$.taskresult')).toEqual({
      ...input,
      taskresult: 'Hello, AWS Step Functions!',
    });
  });

  it('creates missing objects along a deeper path', () => {
    expect(applyResultPath({ a: 1 }, { ok: true }, '$.b.c.d')).toEqual({
      a: 1,
      b: { c: { d: { ok: true } } },
    });
  });

  it('writes into an existing nested object, keeping its other fields', () => {
    expect(applyResultPath({ a: { keep: 1, old: 2 } }, 3, '$.a.old')).toEqual({ a: { keep: 1, old: 3 } });
  });

  it('replaces an existing field of any type at the last step', () => {
    expect(applyResultPath({ a: 'text' }, { x: 1 }, '$.a')).toEqual({ a: { x: 1 } });
  });

  it('writes to an existing array element and by bracket notation', () => {
    expect(applyResultPath({ list: [1, 2, 3] }, 'two', '$.list[1]')).toEqual({ list: [1, 'two', 3] });
    expect(applyResultPath({}, 1, "$['odd key']")).toEqual({ 'odd key': 1 });
  });

  it('does not mutate the input or share the result', () => {
    const original = { a: { b: 1 } };
    const result = { r: [1] };
    const output = applyResultPath(original, result, '$.a.c') as { a: { c: { r: number[] } } };
    expect(original).toEqual({ a: { b: 1 } });
    output.a.c.r.push(2);
    expect(result.r).toEqual([1]);
  });

  it('fails with States.ResultPathMatchFailure when the input is not an object', () => {
    const error = statesError(() => applyResultPath('just a string', 1, '$.a'));
    expect(error.error).toBe('States.ResultPathMatchFailure');
    expect(error.cause).toBe("Unable to apply ResultPath '$.a' to input '\"just a string\"'");
  });

  it('fails with States.ResultPathMatchFailure when the path runs through a non-object', () => {
    expect(statesError(() => applyResultPath({ a: 5 }, 1, '$.a.b')).error).toBe(
      'States.ResultPathMatchFailure',
    );
    expect(statesError(() => applyResultPath({ a: null }, 1, '$.a.b')).error).toBe(
      'States.ResultPathMatchFailure',
    );
    expect(statesError(() => applyResultPath([1, 2], 1, '$.a')).error).toBe('States.ResultPathMatchFailure');
  });

  it('fails with States.ResultPathMatchFailure for an index past the end of an array', () => {
    expect(statesError(() => applyResultPath({ list: [] }, 1, '$.list[0]')).error).toBe(
      'States.ResultPathMatchFailure',
    );
  });

  it('rejects paths that are not reference paths (wildcards, filters, $$)', () => {
    for (const path of ['$.a[*]', '$..a', '$$.Execution.Id', 'a', '$.a[?(@.x)]']) {
      expect(statesError(() => applyResultPath({}, 1, path)).error).toBe('States.Runtime');
    }
  });
});
