/**
 * Reading a request body: JSON only, sent as `application/json` (UTF-8), with no key given twice.
 * A body in another format (text/plain, a form) is refused with 415 rather than read as JSON, and
 * a duplicate key with 400: JSON.parse keeps the last of two keys silently, so
 * `{"decision":"approve","decision":"reject"}` would read as a rejection that no screen showed.
 */
import { visit } from 'jsonc-parser';
import { UnsupportedMediaTypeError, ValidationError } from '../../shared/errors';

/** `application/json`, optionally with `charset=utf-8`; nothing else. */
function isJsonContentType(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const [type, ...params] = contentType.split(';').map((part) => part.trim().toLowerCase());
  if (type !== 'application/json') return false;
  return params.every((param) => !param.startsWith('charset=') || /^charset="?utf-8"?$/.test(param));
}

/**
 * The first key that an object of the document gives twice, as a path (`decision`,
 * `migrant.givenNames`). JSON.parse cannot tell, so the document is walked once more with
 * jsonc-parser's visitor, which reports each property with the path of its object.
 */
function duplicateKey(text: string): string | undefined {
  const seen: Set<string>[] = [];
  let duplicate: string | undefined;
  visit(text, {
    onObjectBegin: () => {
      seen.push(new Set());
    },
    onObjectEnd: () => {
      seen.pop();
    },
    onObjectProperty: (property, _offset, _length, _line, _column, pathSupplier) => {
      const keys = seen[seen.length - 1];
      if (!keys || duplicate !== undefined) return;
      if (keys.has(property)) duplicate = [...pathSupplier(), property].join('.');
      keys.add(property);
    },
  });
  return duplicate;
}

/**
 * The body's JSON value, or undefined without a body.
 * @throws UnsupportedMediaTypeError (415) for a body not sent as application/json
 * @throws ValidationError (400) for a body that is not JSON, or gives a key twice
 */
export function readJsonBody(text: string | undefined, contentType: string | undefined): unknown {
  if (text === undefined || text === '') return undefined;
  if (!isJsonContentType(contentType)) {
    throw new UnsupportedMediaTypeError(
      `the request body must be sent as application/json, not ${contentType ? `"${contentType}"` : 'without a content type'}`,
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ValidationError('the request body is not valid JSON', [
      { path: 'body', rule: 'json', message: 'the body must be a JSON document' },
    ]);
  }
  const key = duplicateKey(text);
  if (key !== undefined) {
    throw new ValidationError(`the request body gives the key ${key} twice`, [
      { path: key, rule: 'duplicate_key', message: 'must be given once: a key given twice is ambiguous' },
    ]);
  }
  return value;
}
