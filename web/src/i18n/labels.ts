/**
 * Names of the contracts' values (statuses, task kinds, roles, countries, vulnerabilities) in
 * both languages. Keyed by the contracts' own value lists, so a new value fails the type check
 * until it has a name here.
 */

import { CASE_STATUS_LABELS } from '../../../shared/cases/case-status-labels';
import type {
  ApprovalRole,
  ApprovalStatus,
  CaseStatus,
  HEALTH_LEVELS,
  HOUSING_SITUATIONS,
  MIGRATION_INTENTIONS,
  PSYCHOSOCIAL_SUPPORT,
  WORK_SITUATIONS,
} from '../../../shared/contracts/case';
import type { RouteMode, Vulnerability } from '../../../shared/contracts/case-request';
import type { TaskKind, TaskStatus } from '../../../shared/contracts/task';
import { type CountryCode, RCM_COUNTRIES } from '../../../shared/countries';
import type { Role } from '../../../shared/roles';
import { TASK_KIND_NAMES } from '../../../shared/tasks/task-kind-names';
import { type Language, language } from './language';

type Names<K extends string> = Record<Language, Record<K, string>>;

const TASK_STATUS: Names<TaskStatus> = {
  en: { open: 'Open', completed: 'Completed', expired: 'Expired', cancelled: 'Cancelled' },
  es: { open: 'Abierta', completed: 'Completada', expired: 'Vencida', cancelled: 'Cancelada' },
};

const ROLE: Names<Role> = {
  en: {
    consular: 'Consular officer',
    authority: 'Country authority',
    reintegration: 'Reintegration officer',
    secretariat: 'RCM Technical Secretariat',
    operations: 'IOM operations',
    auditor: 'Auditor',
  },
  es: {
    consular: 'Funcionario consular',
    authority: 'Autoridad del país',
    reintegration: 'Oficial de reintegración',
    secretariat: 'Secretaría Técnica de la CRM',
    operations: 'Operaciones de la OIM',
    auditor: 'Auditoría',
  },
};

const APPROVAL_ROLE: Names<ApprovalRole> = {
  en: {
    exit: 'Exit country',
    transit: 'Transit country',
    reception: 'Return country',
    disbursement: 'Secretariat',
  },
  es: {
    exit: 'País de salida',
    transit: 'País de tránsito',
    reception: 'País de retorno',
    disbursement: 'Secretaría',
  },
};

const VULNERABILITY: Names<Vulnerability> = {
  en: {
    unaccompanied_child: 'Unaccompanied child',
    disability: 'Disability',
    older_person: 'Older person',
    illness_or_injury: 'Illness or injury',
    pregnancy: 'Pregnancy',
    trafficking_victim: 'Victim of trafficking',
    violence_victim: 'Victim of violence',
    disaster_stranded: 'Stranded by a disaster',
  },
  es: {
    unaccompanied_child: 'Niña, niño o adolescente no acompañado',
    disability: 'Discapacidad',
    older_person: 'Persona adulta mayor',
    illness_or_injury: 'Enfermedad o lesión',
    pregnancy: 'Embarazo',
    trafficking_victim: 'Víctima de trata',
    violence_victim: 'Víctima de violencia',
    disaster_stranded: 'Varada por un desastre',
  },
};

const ROUTE_MODE: Names<RouteMode> = {
  en: { air: 'Air', land: 'Land', sea: 'Sea' },
  es: { air: 'Aérea', land: 'Terrestre', sea: 'Marítima' },
};

const APPROVAL_STATUS: Names<ApprovalStatus> = {
  en: {
    pending: 'Pending',
    approved: 'Approved',
    rejected: 'Rejected',
    expired: 'Expired',
    cancelled: 'Cancelled',
  },
  es: {
    pending: 'Pendiente',
    approved: 'Aprobada',
    rejected: 'Rechazada',
    expired: 'Vencida',
    cancelled: 'Cancelada',
  },
};

const YES_NO: Record<Language, { yes: string; no: string }> = {
  en: { yes: 'Yes', no: 'No' },
  es: { yes: 'Sí', no: 'No' },
};

export const approvalStatusName = (status: ApprovalStatus): string =>
  APPROVAL_STATUS[language.value][status] ?? status;
/** A yes/no answer in the interface's language. */
export const yesNo = (value: boolean): string => YES_NO[language.value][value ? 'yes' : 'no'];
/** A case status's name: the server's own words (shared/cases/case-status-labels.ts), as the stepper shows them. */
export const statusName = (status: CaseStatus): string =>
  CASE_STATUS_LABELS[status]?.[language.value] ?? status;
export const taskKindName = (kind: TaskKind): string => TASK_KIND_NAMES[kind]?.[language.value] ?? kind;
export const taskStatusName = (status: TaskStatus): string => TASK_STATUS[language.value][status] ?? status;
export const roleName = (role: Role): string => ROLE[language.value][role] ?? role;
export const approvalRoleName = (role: ApprovalRole): string => APPROVAL_ROLE[language.value][role] ?? role;
export const vulnerabilityName = (value: Vulnerability): string =>
  VULNERABILITY[language.value][value] ?? value;
export const routeModeName = (mode: RouteMode): string => ROUTE_MODE[language.value][mode] ?? mode;
export const countryName = (code: CountryCode | string): string =>
  (RCM_COUNTRIES as Record<string, { es: string; en: string }>)[code]?.[language.value] ?? code;

type Housing = (typeof HOUSING_SITUATIONS)[number];
type Work = (typeof WORK_SITUATIONS)[number];
type Health = (typeof HEALTH_LEVELS)[number];
type Psychosocial = (typeof PSYCHOSOCIAL_SUPPORT)[number];
type Intention = (typeof MIGRATION_INTENTIONS)[number];

/** The closed lists of a reintegration check-in's findings (shared/contracts/case.ts). */
const CHECK_IN: {
  [L in Language]: {
    housing: Record<Housing, string>;
    workOrTraining: Record<Work, string>;
    health: Record<Health, string>;
    psychosocialSupport: Record<Psychosocial, string>;
    intendsToMigrateAgain: Record<Intention, string>;
  };
} = {
  en: {
    housing: { stable: 'Stable', temporary: 'Temporary', none: 'None', unknown: 'Unknown' },
    workOrTraining: {
      employed: 'Employed',
      training: 'In training',
      studying: 'Studying',
      seeking: 'Looking for work',
      none: 'None',
      unknown: 'Unknown',
    },
    health: { good: 'Good', fair: 'Fair', poor: 'Poor', unknown: 'Unknown' },
    psychosocialSupport: {
      receiving: 'Receiving it',
      referred: 'Referred',
      not_needed: 'Not needed',
      unknown: 'Unknown',
    },
    intendsToMigrateAgain: { yes: 'Yes', no: 'No', unsure: 'Unsure' },
  },
  es: {
    housing: { stable: 'Estable', temporary: 'Temporal', none: 'Ninguna', unknown: 'Se desconoce' },
    workOrTraining: {
      employed: 'Con empleo',
      training: 'En formación',
      studying: 'Estudiando',
      seeking: 'Buscando empleo',
      none: 'Ninguno',
      unknown: 'Se desconoce',
    },
    health: { good: 'Buena', fair: 'Regular', poor: 'Mala', unknown: 'Se desconoce' },
    psychosocialSupport: {
      receiving: 'Lo recibe',
      referred: 'Referida',
      not_needed: 'No lo necesita',
      unknown: 'Se desconoce',
    },
    intendsToMigrateAgain: { yes: 'Sí', no: 'No', unsure: 'No sabe' },
  },
};

export type CheckInFinding = keyof (typeof CHECK_IN)['en'];

/** The name of a check-in finding's value, e.g. `checkInValueName('housing', 'stable')`. */
export function checkInValueName<F extends CheckInFinding>(finding: F, value: string): string {
  return (CHECK_IN[language.value][finding] as Record<string, string>)[value] ?? value;
}

/** The values of a finding with their names, for a form's options. */
export function checkInOptions(finding: CheckInFinding): Array<{ value: string; label: string }> {
  return Object.entries(CHECK_IN[language.value][finding]).map(([value, label]) => ({ value, label }));
}
