import { type CountryCode, isRcmCountry } from './countries';

/** Roles of docs/architecture.md. The first three act for one member country; the rest are regional. */
export const ROLES = [
  'consular',
  'authority',
  'reintegration',
  'secretariat',
  'operations',
  'auditor',
] as const;
export type Role = (typeof ROLES)[number];

export const COUNTRY_ROLES: readonly Role[] = ['consular', 'authority', 'reintegration'];

/** Who is calling, as established from a verified token. */
export interface Principal {
  /** The token's `sub`: stable user id, recorded in audit entries. */
  readonly subject: string;
  readonly username: string;
  readonly role: Role;
  /** Set for country roles (consular, authority, reintegration), absent otherwise. */
  readonly country?: CountryCode;
}

/**
 * Who did something, as recorded on a case, a task, a ledger entry or an audit entry: the
 * principal's ids, role and country, and nothing else of the session.
 */
export interface Actor {
  readonly subject: string;
  readonly username: string;
  readonly role: Role;
  readonly country?: CountryCode;
}

/** The actor a principal is recorded as: the one place this copy is made. */
export function actorOf(principal: Principal): Actor {
  return {
    subject: principal.subject,
    username: principal.username,
    role: principal.role,
    ...(principal.country ? { country: principal.country } : {}),
  };
}

/** The claim that carries group membership, as Amazon Cognito issues it. */
export const GROUPS_CLAIM = 'cognito:groups';

/** Thrown when a verified token does not describe exactly one usable role. */
export class InvalidPrincipalError extends Error {
  override readonly name = 'InvalidPrincipalError';
}

/**
 * The group name that carries a role: `secretariat`, or `consular:hn` for a country role.
 * These are Cognito group names on AWS and the groups claim of local tokens.
 */
export function groupName(role: Role, country?: CountryCode): string {
  if (COUNTRY_ROLES.includes(role)) {
    if (!country) throw new InvalidPrincipalError(`role ${role} needs a country`);
    return `${role}:${country.toLowerCase()}`;
  }
  return role;
}

/**
 * Reads the groups claim. API Gateway HTTP APIs hand array claims to Lambda flattened into a
 * string such as "[consular:hn auditor]", so both that form and a real array are accepted.
 */
export function readGroups(claims: Record<string, unknown>): string[] {
  const raw = claims[GROUPS_CLAIM];
  if (Array.isArray(raw)) return raw.map(String);
  if (typeof raw === 'string') {
    const inner = raw.startsWith('[') && raw.endsWith(']') ? raw.slice(1, -1) : raw;
    return inner.split(/[\s,]+/).filter(Boolean);
  }
  return [];
}

/** Builds the principal from verified claims; refuses tokens with no role or several. */
export function principalFromClaims(claims: Record<string, unknown>): Principal {
  const subject = typeof claims.sub === 'string' ? claims.sub : undefined;
  if (!subject) throw new InvalidPrincipalError('token has no sub claim');
  const username =
    (typeof claims['cognito:username'] === 'string' && claims['cognito:username']) ||
    (typeof claims.username === 'string' && claims.username) ||
    subject;
  const parsed = readGroups(claims).flatMap((group) => {
    const [role, country, ...rest] = group.split(':');
    if (rest.length > 0 || !ROLES.includes(role as Role)) return [];
    const needsCountry = COUNTRY_ROLES.includes(role as Role);
    if (needsCountry !== (country !== undefined)) return [];
    const code = country?.toUpperCase();
    if (code !== undefined && !isRcmCountry(code)) return [];
    return [{ role: role as Role, country: code as CountryCode | undefined }];
  });
  if (parsed.length === 0)
    throw new InvalidPrincipalError(`token carries no Retorno role in ${GROUPS_CLAIM}`);
  if (parsed.length > 1)
    throw new InvalidPrincipalError(`token carries more than one Retorno role in ${GROUPS_CLAIM}`);
  const [{ role, country }] = parsed as [{ role: Role; country?: CountryCode }];
  return country ? { subject, username, role, country } : { subject, username, role };
}
