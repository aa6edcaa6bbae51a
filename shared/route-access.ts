/**
 * Who may call which route, decided from the manifest. The local gateway's authorizer and the
 * handlers' own middleware (which is what enforces it on AWS) both call this one function.
 */
import { ForbiddenError } from './errors';
import type { RouteSpec } from './manifest-types';
import type { Principal } from './roles';

/** The route key API Gateway puts in `event.routeKey`: `GET /api/cases/{caseId}`. */
export const routeKey = (route: Pick<RouteSpec, 'method' | 'path'>): string =>
  `${route.method} ${route.path}`;

export function isPublic(route: RouteSpec): boolean {
  return route.auth === 'public';
}

/** Throws ForbiddenError unless the principal's role is one the route allows. */
export function assertRouteAllows(route: RouteSpec, principal: Principal): void {
  if (route.auth === 'public') return;
  if (!route.auth.includes(principal.role)) {
    throw new ForbiddenError(`role ${principal.role} may not call ${routeKey(route)}`);
  }
}
