/**
 * A JWT authorizer that behaves like API Gateway's for HTTP APIs: a bearer token in the
 * Authorization header, verified against the issuer's key set, issuer and audience; any failure is
 * a 401 `{"message":"Unauthorized"}`, as is a token without `exp` or issued in the future. The route's role check (403) then uses the same shared
 * function that the handlers' middleware applies on AWS.
 */
import { createLocalJWKSet, type JSONWebKeySet, type JWTPayload, jwtVerify } from 'jose';
import type { RouteSpec } from '../../shared/manifest-types';
import { InvalidPrincipalError, type Principal, principalFromClaims } from '../../shared/roles';
import { assertRouteAllows } from '../../shared/route-access';

export type AuthorizerDecision =
  | { readonly allowed: true; readonly claims?: JWTPayload; readonly principal?: Principal }
  | {
      readonly allowed: false;
      readonly statusCode: 401 | 403;
      readonly message: 'Unauthorized' | 'Forbidden';
      readonly reason: string;
    };

export interface JwtAuthorizerOptions {
  readonly jwks: JSONWebKeySet;
  readonly issuer: string;
  readonly audience: string;
  /** The clock the authorizer checks `exp` and `nbf` against. @default Date.now */
  readonly now?: () => number;
}

export class JwtAuthorizer {
  private readonly keys: ReturnType<typeof createLocalJWKSet>;

  constructor(private readonly options: JwtAuthorizerOptions) {
    this.keys = createLocalJWKSet(options.jwks);
  }

  async authorize(route: RouteSpec, authorization: string | undefined): Promise<AuthorizerDecision> {
    if (route.auth === 'public') return { allowed: true };
    const unauthorized = (reason: string): AuthorizerDecision => ({
      allowed: false,
      statusCode: 401,
      message: 'Unauthorized',
      reason,
    });
    if (!authorization) return unauthorized('no Authorization header');
    const match = /^Bearer\s+([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)\s*$/i.exec(authorization);
    if (!match) return unauthorized('Authorization is not "Bearer <jwt>"');
    let claims: JWTPayload;
    try {
      const now = this.options.now?.();
      ({ payload: claims } = await jwtVerify(match[1]!, this.keys, {
        issuer: this.options.issuer,
        audience: this.options.audience,
        // API Gateway refuses a token that never expires; so does this authorizer.
        requiredClaims: ['exp'],
        ...(now === undefined ? {} : { currentDate: new Date(now) }),
      }));
      // jose checks `iat` only against a maximum age; a token issued in the future is refused here.
      const nowSeconds = Math.floor((now ?? Date.now()) / 1000);
      if (typeof claims.iat === 'number' && claims.iat > nowSeconds) {
        return unauthorized(
          `JWTClaimValidationFailed: "iat" claim is in the future (${claims.iat} > ${nowSeconds})`,
        );
      }
    } catch (error) {
      return unauthorized(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
    }
    let principal: Principal;
    try {
      principal = principalFromClaims(claims);
    } catch (error) {
      if (error instanceof InvalidPrincipalError)
        return { allowed: false, statusCode: 403, message: 'Forbidden', reason: error.message };
      throw error;
    }
    try {
      assertRouteAllows(route, principal);
    } catch (error) {
      return { allowed: false, statusCode: 403, message: 'Forbidden', reason: (error as Error).message };
    }
    return { allowed: true, claims, principal };
  }
}
