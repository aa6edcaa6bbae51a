// Written from the API Gateway developer guide, "Working with AWS Lambda proxy integrations for
// HTTP APIs" (payload format version 2.0, and the response format with its inferred form).
import { buildEvent, flattenClaims, mapResult } from '../../../local/gateway/event';

const base = {
  method: 'POST',
  url: '/api/cases/c-1?status=OPEN&status=CLOSED&q=a%20b',
  headers: {
    host: 'localhost:3000',
    'content-type': 'application/json',
    'user-agent': 'jest',
    cookie: 'theme=dark; lang=es',
    'x-multi': ['one', 'two'],
  },
  body: Buffer.from('{"a":1}'),
  routeKey: 'POST /api/cases/{caseId}',
  pathParameters: { caseId: 'c-1' },
  sourceIp: '127.0.0.1',
  now: new Date('2026-03-12T19:03:58Z'),
};

describe('the payload format 2.0 event the gateway hands to a handler', () => {
  it('carries version, route key, raw path and raw query string', () => {
    const event = buildEvent(base);
    expect(event.version).toBe('2.0');
    expect(event.routeKey).toBe('POST /api/cases/{caseId}');
    expect(event.rawPath).toBe('/api/cases/c-1');
    expect(event.rawQueryString).toBe('status=OPEN&status=CLOSED&q=a%20b');
  });

  it('joins repeated query parameters with commas and decodes them', () => {
    expect(buildEvent(base).queryStringParameters).toEqual({ status: 'OPEN,CLOSED', q: 'a b' });
  });

  it('leaves queryStringParameters out when there is no query', () => {
    expect(buildEvent({ ...base, url: '/api/cases/c-1' }).queryStringParameters).toBeUndefined();
  });

  it('lower-cases header names, joins repeated values, and moves cookies to their own array', () => {
    const event = buildEvent(base);
    expect(event.headers['content-type']).toBe('application/json');
    expect(event.headers['x-multi']).toBe('one,two');
    expect(event.headers.cookie).toBeUndefined();
    expect(event.cookies).toEqual(['theme=dark', 'lang=es']);
  });

  it('passes a JSON body as text', () => {
    const event = buildEvent(base);
    expect(event.isBase64Encoded).toBe(false);
    expect(event.body).toBe('{"a":1}');
  });

  it('base64-encodes a binary body', () => {
    const bytes = Buffer.from([0, 1, 2, 250, 255]);
    const event = buildEvent({ ...base, headers: { 'content-type': 'application/pdf' }, body: bytes });
    expect(event.isBase64Encoded).toBe(true);
    expect(Buffer.from(event.body!, 'base64')).toEqual(bytes);
  });

  it('has no body when the request had none', () => {
    const event = buildEvent({ ...base, method: 'GET', body: Buffer.alloc(0) });
    expect(event.body).toBeUndefined();
    expect(event.isBase64Encoded).toBe(false);
  });

  it('fills the request context as API Gateway does', () => {
    const { requestContext } = buildEvent(base);
    expect(requestContext.http).toEqual({
      method: 'POST',
      path: '/api/cases/c-1',
      protocol: 'HTTP/1.1',
      sourceIp: '127.0.0.1',
      userAgent: 'jest',
    });
    expect(requestContext.stage).toBe('$default');
    expect(requestContext.time).toBe('12/Mar/2026:19:03:58 +0000');
    expect(requestContext.timeEpoch).toBe(Date.parse('2026-03-12T19:03:58Z'));
    expect(requestContext.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestContext.domainName).toBe('localhost:3000');
  });

  it('puts the authorizer claims in requestContext.authorizer.jwt, flattened to strings', () => {
    const event = buildEvent({
      ...base,
      claims: { sub: 'u-1', 'cognito:groups': ['consular:hn'], exp: 1700000000 },
    });
    expect(event.requestContext.authorizer.jwt.claims).toEqual({
      sub: 'u-1',
      'cognito:groups': '[consular:hn]',
      exp: '1700000000',
    });
  });

  it('has no authorizer context on a public route', () => {
    expect(buildEvent(base).requestContext.authorizer).toBeUndefined();
  });

  it('flattens several groups the way HTTP APIs do', () => {
    expect(flattenClaims({ groups: ['a', 'b'] })).toEqual({ groups: '[a b]' });
  });
});

describe('mapping a handler result to the HTTP response', () => {
  it('takes a result without statusCode as a 200 JSON body (inferred format)', () => {
    const mapped = mapResult({ hello: 'world' });
    expect(mapped.statusCode).toBe(200);
    expect(mapped.headers['content-type']).toBe('application/json');
    expect(mapped.body.toString()).toBe('{"hello":"world"}');
  });

  it('sends a string result as it is', () => {
    expect(mapResult('plain').body.toString()).toBe('plain');
  });

  it('uses statusCode, headers and body of a structured result', () => {
    const mapped = mapResult({
      statusCode: 201,
      headers: { 'Content-Type': 'application/json', 'X-Count': 3 },
      body: '{"id":1}',
    });
    expect(mapped.statusCode).toBe(201);
    expect(mapped.headers).toEqual({ 'content-type': 'application/json', 'x-count': '3' });
    expect(mapped.body.toString()).toBe('{"id":1}');
  });

  it('turns cookies into several set-cookie headers', () => {
    const mapped = mapResult({ statusCode: 204, cookies: ['a=1; Path=/', 'b=2; HttpOnly'] });
    expect(mapped.headers['set-cookie']).toEqual(['a=1; Path=/', 'b=2; HttpOnly']);
    expect(mapped.body.length).toBe(0);
  });

  it('decodes a base64 body', () => {
    const mapped = mapResult({
      statusCode: 200,
      body: Buffer.from([1, 2, 3]).toString('base64'),
      isBase64Encoded: true,
    });
    expect([...mapped.body]).toEqual([1, 2, 3]);
  });

  it('keeps error status codes', () => {
    expect(mapResult({ statusCode: 409, body: '{}' }).statusCode).toBe(409);
  });
});
