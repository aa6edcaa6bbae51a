import { errorAnswer, statusOf } from '../../../functions/http/error-mapping';
import { CaseNotFoundError } from '../../../shared/cases/case-errors';
import { ConflictError, ValidationError } from '../../../shared/errors';
import { MovementConflictError } from '../../../shared/fund/fund-errors';
import { NotTaskAssigneeError } from '../../../shared/tasks/task-errors';

describe('errors as HTTP answers', () => {
  it('answers a named error with the status of the base class it extends', () => {
    expect(statusOf(new CaseNotFoundError('case c1 not found'))).toBe(404);
    expect(statusOf(new NotTaskAssigneeError('task t1 is for authority of MX'))).toBe(403);
    expect(statusOf(new MovementConflictError('another amount'))).toBe(409);
    expect(statusOf(new ConflictError('already decided'))).toBe(409);
  });

  it('keeps a status an error carries, and answers 500 for anything else', () => {
    expect(statusOf(Object.assign(new Error('too large'), { statusCode: 413 }))).toBe(413);
    expect(statusOf(new RangeError('boom'))).toBe(500);
    expect(statusOf('not an error')).toBe(500);
  });

  it('names the error and its field issues in a JSON body', () => {
    const issues = [{ path: 'body.reason', rule: 'too_small', message: 'must not be empty' }];
    const answer = errorAnswer(new ValidationError('the body is not valid', issues));
    expect(answer.statusCode).toBe(400);
    expect(answer.headers['content-type']).toBe('application/json');
    expect(JSON.parse(answer.body)).toEqual({
      error: 'ValidationError',
      message: 'the body is not valid',
      issues,
    });
    expect(JSON.parse(errorAnswer(new CaseNotFoundError('case c1 not found')).body)).toEqual({
      error: 'CaseNotFoundError',
      message: 'case c1 not found',
    });
  });

  it('says nothing internal in a 500', () => {
    const body = JSON.parse(errorAnswer(new Error('table retorno-cases is throttled')).body);
    expect(body.error).toBe('InternalError');
    expect(body.message).not.toContain('retorno-cases');
  });
});
