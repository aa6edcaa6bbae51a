/**
 * Where sign-in returns to: a page of the app, never another origin, however the remembered
 * address is spelled (an open redirect through `?next`-style state is a phishing tool).
 */
import { samePagePath } from '../../../web/src/auth/session';

const realLocation = (globalThis as { location?: unknown }).location;
beforeAll(() => {
  (globalThis as { location?: unknown }).location = { origin: 'https://app.example' };
});
afterAll(() => {
  (globalThis as { location?: unknown }).location = realLocation;
});

test('a page of the app is kept with its query', () => {
  expect(samePagePath('/cases/RET-ABC')).toBe('/cases/RET-ABC');
  expect(samePagePath('/cases?status=AWAITING_APPROVALS&country=MX')).toBe(
    '/cases?status=AWAITING_APPROVALS&country=MX',
  );
  expect(samePagePath('/tasks/RET-ABC.country_approval.MX.1')).toBe('/tasks/RET-ABC.country_approval.MX.1');
});

test('addresses that resolve to another origin are refused', () => {
  for (const path of [
    '//evil.example/cases',
    '/\\evil.example',
    'https://evil.example/',
    'javascript:alert(1)',
  ])
    expect(samePagePath(path)).toBeUndefined();
});

test('sign-in pages themselves are not a place to return to', () => {
  expect(samePagePath('/sign-in')).toBeUndefined();
  expect(samePagePath('/auth/callback?code=x')).toBeUndefined();
  expect(samePagePath(null)).toBeUndefined();
});
