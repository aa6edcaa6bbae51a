// Written from the API Gateway developer guide, "Working with routes for HTTP APIs":
// path variables, greedy path variables, and the most specific match winning.
import { RouteTable } from '../../../local/gateway/routes';
import type { RouteSpec } from '../../../shared/manifest-types';

const route = (method: RouteSpec['method'], path: string): RouteSpec => ({
  method,
  path,
  function: path,
  auth: 'public',
});

const table = new RouteTable([
  route('GET', '/api/cases'),
  route('GET', '/api/cases/{caseId}'),
  route('GET', '/api/cases/open'),
  route('POST', '/api/cases/{caseId}/withdraw'),
  route('GET', '/api/files/{proxy+}'),
]);

describe('matching a request to a route', () => {
  it('matches a literal path', () => {
    expect(table.match('GET', '/api/cases')?.route.path).toBe('/api/cases');
  });

  it('fills path parameters, decoded', () => {
    expect(table.match('GET', '/api/cases/HN%2D1')).toMatchObject({
      route: { path: '/api/cases/{caseId}' },
      pathParameters: { caseId: 'HN-1' },
    });
  });

  it('prefers a literal segment over a parameter', () => {
    expect(table.match('GET', '/api/cases/open')?.route.path).toBe('/api/cases/open');
  });

  it('matches the method too', () => {
    expect(table.match('POST', '/api/cases/c-1/withdraw')?.pathParameters).toEqual({ caseId: 'c-1' });
    expect(table.match('GET', '/api/cases/c-1/withdraw')).toBeUndefined();
  });

  it('gives a greedy parameter the rest of the path', () => {
    expect(table.match('GET', '/api/files/a/b/c.pdf')?.pathParameters).toEqual({ proxy: 'a/b/c.pdf' });
  });

  it('matches nothing for an unknown path or a longer one', () => {
    expect(table.match('GET', '/api/nothing')).toBeUndefined();
    expect(table.match('GET', '/api/cases/c-1/extra')).toBeUndefined();
  });

  it('matches nothing for a malformed percent-escape instead of failing', () => {
    expect(table.match('GET', '/api/cases/%zz')).toBeUndefined();
    expect(table.match('GET', '/api/files/a/%E0%A4%A')).toBeUndefined();
  });

  it('ignores a trailing slash', () => {
    expect(table.match('GET', '/api/cases/')?.route.path).toBe('/api/cases');
  });

  it('lists the methods allowed on a path, for CORS preflights', () => {
    expect(table.methodsFor('/api/cases/c-1/withdraw')).toEqual(['POST']);
  });
});
