/** What each role finds in the menu, and where it lands after signing in (the first item). */
import type { Role } from '../../shared/roles';

export type NavKey =
  | 'myCases'
  | 'newRequest'
  | 'inbox'
  | 'cases'
  | 'approvals'
  | 'board'
  | 'fund'
  | 'statistics';

export const NAV_PATH: Record<NavKey, string> = {
  myCases: '/cases',
  newRequest: '/cases/new',
  inbox: '/tasks',
  cases: '/cases',
  approvals: '/tasks?kind=disbursement_approval',
  board: '/board',
  fund: '/fund',
  statistics: '/statistics',
};

export const NAV_BY_ROLE: Record<Role, readonly NavKey[]> = {
  consular: ['myCases', 'newRequest'],
  authority: ['inbox', 'cases'],
  reintegration: ['inbox', 'cases'],
  operations: ['inbox', 'cases'],
  secretariat: ['board', 'approvals', 'cases', 'fund', 'statistics'],
  auditor: ['cases', 'board', 'fund', 'statistics'],
};

export const homeOf = (role: Role): string => NAV_PATH[NAV_BY_ROLE[role][0] ?? 'cases'];
