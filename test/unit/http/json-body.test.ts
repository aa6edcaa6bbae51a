import { readJsonBody } from '../../../functions/http/json-body';
import { UnsupportedMediaTypeError, ValidationError } from '../../../shared/errors';

const JSON_TYPE = 'application/json';

describe('reading a request body', () => {
  it('reads JSON sent as application/json, with or without a UTF-8 charset', () => {
    expect(readJsonBody('{"decision":"approve"}', JSON_TYPE)).toEqual({ decision: 'approve' });
    expect(readJsonBody('{"a":1}', 'application/json; charset=utf-8')).toEqual({ a: 1 });
    expect(readJsonBody('{"a":1}', 'Application/JSON; Charset="UTF-8"')).toEqual({ a: 1 });
    expect(readJsonBody(undefined, undefined)).toBeUndefined();
    expect(readJsonBody('', 'text/plain')).toBeUndefined();
  });

  it('refuses with 415 a body sent as anything but application/json', () => {
    for (const type of [
      'text/plain',
      'multipart/form-data; boundary=x',
      'application/x-www-form-urlencoded',
      'application/json; charset=latin1',
      'application/jsonp',
      undefined,
    ]) {
      expect(() => readJsonBody('{"decision":"approve"}', type)).toThrow(UnsupportedMediaTypeError);
    }
  });

  it('refuses a key given twice, naming it, wherever it is', () => {
    const read = (text: string) => {
      try {
        readJsonBody(text, JSON_TYPE);
      } catch (error) {
        expect(error).toBeInstanceOf(ValidationError);
        return (error as ValidationError).issues.map((issue) => `${issue.path}: ${issue.rule}`);
      }
      return [];
    };
    expect(read('{"decision":"approve","decision":"reject"}')).toEqual(['decision: duplicate_key']);
    expect(read('{"migrant":{"givenNames":"Ana","givenNames":"Eva"}}')).toEqual([
      'migrant.givenNames: duplicate_key',
    ]);
    expect(read('{"items":[{"a":1},{"a":2,"a":3}]}')).toEqual(['items.1.a: duplicate_key']);
    // The same key in two objects is not a duplicate.
    expect(read('{"a":{"x":1},"b":{"x":2}}')).toEqual([]);
  });

  it('refuses what is not JSON, comments and trailing commas included', () => {
    for (const text of ['{decision: approve}', '{"a":1,}', '{"a":1} // note', "{'a':1}"]) {
      expect(() => readJsonBody(text, JSON_TYPE)).toThrow(ValidationError);
    }
  });
});
