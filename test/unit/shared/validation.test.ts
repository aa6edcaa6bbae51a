import * as z from 'zod';
import { ValidationError } from '../../../shared/errors';
import { parseInput } from '../../../shared/validation';

describe('parsing input with its contract', () => {
  const schema = z.object({ reason: z.string().min(1, 'must not be empty') });

  it('answers what the contract accepts', () => {
    expect(parseInput(schema, { reason: 'moved away' }, 'body')).toEqual({ reason: 'moved away' });
  });

  it('throws a ValidationError that says what was not valid and names each field', () => {
    expect.assertions(3);
    try {
      parseInput(schema, { reason: '' }, 'body');
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).message).toBe('the body is not valid: reason: must not be empty');
      expect((error as ValidationError).issues).toEqual([
        { path: 'reason', rule: 'too_small', message: 'must not be empty' },
      ]);
    }
  });

  it('gives issues about the input as a whole the root path asked for', () => {
    const key = z.string().regex(/^\S+$/, 'must have no spaces');
    expect(() => parseInput(key, 'has spaces', 'Idempotency-Key header', 'headers.idempotency-key')).toThrow(
      expect.objectContaining({
        message: 'the Idempotency-Key header is not valid: headers.idempotency-key: must have no spaces',
        issues: [{ path: 'headers.idempotency-key', rule: 'invalid_format', message: 'must have no spaces' }],
      }),
    );
  });
});
