/**
 * Demo users of the local cloud: one per country role and member country (`consular.hn`,
 * `authority.mx`, `reintegration.gt`, ...) and one per regional role (`secretariat`,
 * `operations`, `auditor`). Subjects are stable so audit entries stay readable across restarts.
 */
import { createHash } from 'node:crypto';
import { type CountryCode, RCM_COUNTRIES, RCM_COUNTRY_CODES } from '../../shared/countries';
import { COUNTRY_ROLES, groupName, ROLES, type Role } from '../../shared/roles';

export interface DemoUser {
  readonly username: string;
  readonly subject: string;
  readonly role: Role;
  readonly country?: CountryCode;
  /** Cognito-style group names carried in the token's groups claim. */
  readonly groups: readonly string[];
  readonly displayName: string;
}

const ROLE_LABEL: Record<Role, string> = {
  consular: 'Consular officer',
  authority: 'Country authority',
  reintegration: 'Reintegration officer',
  secretariat: 'RCM Technical Secretariat',
  operations: 'IOM operations',
  auditor: 'Auditor',
};

/** A UUID-shaped subject derived from the username, so it is the same on every start. */
function stableSubject(username: string): string {
  const hex = createHash('sha256').update(`retorno-local:${username}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function user(role: Role, country?: CountryCode): DemoUser {
  const username = country ? `${role}.${country.toLowerCase()}` : role;
  const base = {
    username,
    subject: stableSubject(username),
    role,
    groups: [groupName(role, country)],
    displayName: country ? `${ROLE_LABEL[role]}, ${RCM_COUNTRIES[country].en}` : ROLE_LABEL[role],
  };
  return country ? { ...base, country } : base;
}

export const DEMO_USERS: readonly DemoUser[] = [
  ...COUNTRY_ROLES.flatMap((role) => RCM_COUNTRY_CODES.map((country) => user(role, country))),
  ...ROLES.filter((role) => !COUNTRY_ROLES.includes(role)).map((role) => user(role)),
];

export function findDemoUser(username: string): DemoUser | undefined {
  return DEMO_USERS.find((candidate) => candidate.username === username);
}
