/**
 * The fund's eligibility rules, one function per rule. Each answers findings: a `reason` refuses
 * the case, a `flag` only informs approvers. Every finding has a stable code (for the web app and
 * reports) and a sentence in Spanish and English (for people). Rules never throw and never do
 * I/O: everything they need is in their input.
 */
import type { CaseRequest, Vulnerability } from '../contracts/case-request';
import { formatUsd } from '../contracts/money';
import { type CountryCode, RCM_COUNTRIES } from '../countries';
import type { EligibilityConfig, RuleId } from './config';

/** A refusal reason or an approver flag. */
export interface Finding {
  readonly kind: 'reason' | 'flag';
  readonly code: string;
  readonly es: string;
  readonly en: string;
}

/** What the caller knows beyond the request: the date, the fund's ceiling and the person's history. */
export interface EligibilityContext {
  /** The submission date, YYYY-MM-DD: ages are computed on it. */
  readonly today: string;
  /** The fund's per-case ceiling in USD. */
  readonly ceilingUsd: number;
  /** Other cases of the same person (matched by personKeys) that are still open. */
  readonly openCasesForPerson: number;
  /** Earlier returns of the same person that were completed. */
  readonly previousCompletedReturns: number;
}

/** Everything a rule may look at; age and total are computed once by the evaluator. */
export interface RuleInput {
  readonly request: CaseRequest;
  readonly context: EligibilityContext;
  readonly config: EligibilityConfig;
  /** Whole years on `context.today`. */
  readonly age: number;
  /** Sum of the costs, in USD, computed in cents. */
  readonly totalUsd: number;
}

export interface Rule {
  readonly id: RuleId;
  /** What the rule checks, for documentation and the admin view. */
  readonly description: string;
  readonly check: (input: RuleInput) => Finding[];
}

const reason = (code: string, es: string, en: string): Finding => ({ kind: 'reason', code, es, en });
const flag = (code: string, es: string, en: string): Finding => ({ kind: 'flag', code, es, en });

function nameEs(code: string): string {
  return (RCM_COUNTRIES as Record<string, { es: string; en: string }>)[code]?.es ?? code;
}
function nameEn(code: string): string {
  return (RCM_COUNTRIES as Record<string, { es: string; en: string }>)[code]?.en ?? code;
}
function listEs(codes: readonly string[]): string {
  return codes.map(nameEs).join(', ');
}
function listEn(codes: readonly string[]): string {
  return codes.map(nameEn).join(', ');
}

function isMember(config: EligibilityConfig, code: string): boolean {
  return config.memberCountries.includes(code as CountryCode);
}

function has(request: CaseRequest, vulnerability: Vulnerability): boolean {
  return request.vulnerabilities.includes(vulnerability);
}

/** Nationality and host country are fund members and differ; the return country is a member. */
export const memberCountriesRule: Rule = {
  id: 'member_countries',
  description:
    'nationality, current location and return country are member states; location differs from nationality',
  check: ({ request, config }) => {
    const findings: Finding[] = [];
    const { nationality } = request.migrant;
    const host = request.location.country;
    if (!isMember(config, nationality)) {
      findings.push(
        reason(
          'nationality_not_member',
          `La nacionalidad (${nationality}) no es de un Estado miembro de la CRM.`,
          `The nationality (${nationality}) is not that of an RCM member state.`,
        ),
      );
    }
    if (!isMember(config, host)) {
      findings.push(
        reason(
          'location_not_member',
          `La persona se encuentra en ${nameEs(host)}, que no es Estado miembro de la CRM.`,
          `The person is in ${nameEn(host)}, which is not an RCM member state.`,
        ),
      );
    }
    if (!isMember(config, request.returnTo.country)) {
      findings.push(
        reason(
          'return_not_member',
          `El país de retorno (${nameEs(request.returnTo.country)}) no es Estado miembro de la CRM.`,
          `The country of return (${nameEn(request.returnTo.country)}) is not an RCM member state.`,
        ),
      );
    }
    if (host === nationality) {
      findings.push(
        reason(
          'location_is_nationality',
          `La persona ya se encuentra en su país de nacionalidad (${nameEs(host)}); el fondo apoya retornos desde otro país.`,
          `The person is already in their country of nationality (${nameEn(host)}); the fund supports returns from another country.`,
        ),
      );
    }
    return findings;
  },
};

/** The fund returns people home: to the country of nationality. */
export const returnToNationalityRule: Rule = {
  id: 'return_to_nationality',
  description: 'the return is to the country of nationality',
  check: ({ request }) =>
    request.returnTo.country === request.migrant.nationality
      ? []
      : [
          reason(
            'return_not_to_nationality',
            `El retorno debe ser al país de nacionalidad (${nameEs(request.migrant.nationality)}), no a ${nameEs(request.returnTo.country)}.`,
            `The return must be to the country of nationality (${nameEn(request.migrant.nationality)}), not to ${nameEn(request.returnTo.country)}.`,
          ),
        ],
};

/** At least one vulnerability profile of the fund. */
export const vulnerabilityDeclaredRule: Rule = {
  id: 'vulnerability_declared',
  description: 'at least one vulnerability profile is declared',
  check: ({ request }) =>
    request.vulnerabilities.length > 0
      ? []
      : [
          reason(
            'no_vulnerability',
            'El fondo atiende a personas en situación de vulnerabilidad: indique al menos un perfil de vulnerabilidad.',
            'The fund serves people in situations of vulnerability: declare at least one vulnerability profile.',
          ),
        ],
};

/** `older_person` is a matter of age on the submission date, not of appearance. */
export const olderPersonAgeRule: Rule = {
  id: 'older_person_age',
  description: 'older_person needs the configured age (default 70) on the submission date',
  check: ({ request, config, age }) =>
    has(request, 'older_person') && age < config.olderPersonAge
      ? [
          reason(
            'older_person_under_age',
            `Persona adulta mayor requiere ${config.olderPersonAge} años o más en la fecha de solicitud; la persona tiene ${age}.`,
            `Older person requires being ${config.olderPersonAge} or over on the submission date; the person is ${age}.`,
          ),
        ]
      : [],
};

/**
 * Children: the claim must match the age, a best-interests determination must find that return
 * is best, and the child must travel with an escort. A child travelling with a parent is not an
 * unaccompanied child and returns on the parent's case, so a child's own case must claim it.
 */
export const childProtectionRule: Rule = {
  id: 'child_protection',
  description:
    'unaccompanied_child matches the age; a child has a best-interests determination for return and an escort',
  check: ({ request, config, age }) => {
    const isChild = age < config.childAgeBelow;
    const claimsChild = has(request, 'unaccompanied_child');
    if (!isChild) {
      return claimsChild
        ? [
            reason(
              'unaccompanied_child_is_adult',
              `Se declaró niño, niña o adolescente no acompañado, pero la persona tiene ${age} años (${config.childAgeBelow} o más).`,
              `Unaccompanied child was declared, but the person is ${age} (${config.childAgeBelow} or over).`,
            ),
          ]
        : [];
    }
    const findings: Finding[] = [];
    if (!claimsChild) {
      findings.push(
        reason(
          'child_not_declared_unaccompanied',
          `La persona tiene ${age} años: una solicitud propia de un menor de ${config.childAgeBelow} debe declararlo como niño, niña o adolescente no acompañado.`,
          `The person is ${age}: a request of their own for someone under ${config.childAgeBelow} must declare them an unaccompanied child.`,
        ),
      );
    }
    const bid = request.child?.bestInterestsDetermination;
    if (!bid) {
      findings.push(
        reason(
          'child_bid_missing',
          'Falta la determinación del interés superior del niño: un niño, niña o adolescente solo retorna si esta concluye que el retorno es lo mejor.',
          'The best-interests determination is missing: a child returns only if it finds that return is the best option.',
        ),
      );
    } else if (bid.outcome !== 'return') {
      findings.push(
        reason(
          'child_bid_not_return',
          `La determinación del interés superior (${bid.authority}) no concluyó que el retorno sea lo mejor para el niño, niña o adolescente.`,
          `The best-interests determination (${bid.authority}) did not find that return is the best option for the child.`,
        ),
      );
    }
    if (!request.needs.escort) {
      findings.push(
        reason(
          'child_escort_missing',
          'Un niño, niña o adolescente debe viajar con escolta: marque la necesidad de escolta.',
          'A child must travel with an escort: mark the escort need.',
        ),
      );
    }
    return findings;
  },
};

/**
 * Persons stranded by a natural disaster are covered only when a member state authorises it,
 * case by case. Without authorisation the claim does not count; if it was the only one, the case
 * is refused, otherwise approvers are told it was set aside.
 */
export const disasterAuthorisationRule: Rule = {
  id: 'disaster_authorisation',
  description: 'disaster_stranded counts only with a member state authorisation (host or return country)',
  check: ({ request, config }) => {
    if (!has(request, 'disaster_stranded')) return [];
    const authorisedBy = [request.location.country, request.returnTo.country].filter((code) =>
      config.disasterStrandedAuthorisedBy.includes(code),
    );
    if (authorisedBy.length > 0) {
      return [
        flag(
          'disaster_stranded_authorised',
          `Persona varada por desastre natural: autorizado por ${listEs(authorisedBy)}; se decide caso por caso.`,
          `Person stranded by a natural disaster: authorised by ${listEn(authorisedBy)}; decided case by case.`,
        ),
      ];
    }
    const others = request.vulnerabilities.filter((item) => item !== 'disaster_stranded');
    return others.length === 0
      ? [
          reason(
            'disaster_stranded_not_authorised',
            'Persona varada por desastre natural solo es elegible cuando un Estado miembro lo autoriza, y ninguno lo ha autorizado.',
            'A person stranded by a natural disaster is eligible only when a member state authorises it, and none has.',
          ),
        ]
      : [
          flag(
            'disaster_stranded_not_counted',
            'Se declaró varada por desastre natural sin autorización de un Estado miembro: no se tomó en cuenta; el caso se evalúa por sus otras vulnerabilidades.',
            'Stranded by a natural disaster was declared without a member state authorisation: it was set aside; the case stands on its other vulnerabilities.',
          ),
        ];
  },
};

/** Countries whose authorities receive the person's data: host, transit and return countries. */
export function routeCountries(request: CaseRequest): CountryCode[] {
  return [
    ...new Set([request.location.country, ...request.route.transitCountries, request.returnTo.country]),
  ];
}

/** A free and informed choice, and consent to share data with every country on the route. */
export const consentRule: Rule = {
  id: 'consent',
  description: 'informed consent, and data-transfer consent for every country on the route',
  check: ({ request }) => {
    const findings: Finding[] = [];
    if (!request.consent.informedConsent) {
      findings.push(
        reason(
          'informed_consent_missing',
          'Falta el consentimiento informado: el retorno debe ser una decisión libre e informada de la persona.',
          'Informed consent is missing: the return must be the person’s free and informed decision.',
        ),
      );
    }
    const missing = routeCountries(request).filter(
      (code) => !request.consent.dataTransferConsent.includes(code),
    );
    if (missing.length > 0) {
      findings.push(
        reason(
          'data_transfer_consent_missing',
          `Falta el consentimiento para compartir datos con: ${listEs(missing)} (países de la ruta).`,
          `Consent to share data is missing for: ${listEn(missing)} (countries on the route).`,
        ),
      );
    }
    return findings;
  },
};

/** Transit countries: overland or sea routes only, members, not the ends, each once. */
export const routeRule: Rule = {
  id: 'route',
  description:
    'transit countries only on land or sea routes; members; not the origin or destination; no duplicates',
  check: ({ request, config }) => {
    const transit = request.route.transitCountries;
    if (transit.length === 0) return [];
    const findings: Finding[] = [];
    if (request.route.mode === 'air') {
      findings.push(
        reason(
          'transit_on_air_route',
          'Una ruta aérea no lleva países de tránsito: indíquelos solo en rutas terrestres o marítimas.',
          'An air route has no transit countries: list them only for land or sea routes.',
        ),
      );
    }
    const notMembers = [...new Set(transit.filter((code) => !isMember(config, code)))];
    if (notMembers.length > 0) {
      findings.push(
        reason(
          'transit_not_member',
          `Países de tránsito que no son Estados miembros de la CRM: ${listEs(notMembers)}.`,
          `Transit countries that are not RCM member states: ${listEn(notMembers)}.`,
        ),
      );
    }
    const ends = [
      ...new Set(
        transit.filter((code) => code === request.location.country || code === request.returnTo.country),
      ),
    ];
    if (ends.length > 0) {
      findings.push(
        reason(
          'transit_is_origin_or_destination',
          `El país de origen o de destino no puede ser país de tránsito: ${listEs(ends)}.`,
          `The origin or destination country cannot be a transit country: ${listEn(ends)}.`,
        ),
      );
    }
    const repeated = [...new Set(transit.filter((code, index) => transit.indexOf(code) !== index))];
    if (repeated.length > 0) {
      findings.push(
        reason(
          'transit_duplicate',
          `Un país de tránsito aparece más de una vez: ${listEs(repeated)}.`,
          `A transit country is listed more than once: ${listEn(repeated)}.`,
        ),
      );
    }
    return findings;
  },
};

/** The fund pays at most its per-case ceiling. */
export const ceilingRule: Rule = {
  id: 'ceiling',
  description: 'the total of the costs is within the fund’s per-case ceiling',
  check: ({ context, totalUsd }) =>
    totalUsd > context.ceilingUsd
      ? [
          reason(
            'over_ceiling',
            `El total solicitado (${formatUsd(totalUsd, 'es')}) supera el tope del fondo por caso (${formatUsd(context.ceilingUsd, 'es')}).`,
            `The total requested (${formatUsd(totalUsd, 'en')}) exceeds the fund’s per-case ceiling (${formatUsd(context.ceilingUsd, 'en')}).`,
          ),
        ]
      : [],
};

/** One open case per person, so the same return is never funded twice. */
export const openCaseRule: Rule = {
  id: 'open_case',
  description: 'no other open case for the same person',
  check: ({ context }) =>
    context.openCasesForPerson > 0
      ? [
          reason(
            'open_case_exists',
            'Ya existe otro caso abierto para la misma persona (mismo documento, o mismos nombres y fecha de nacimiento).',
            'Another open case exists for the same person (same document, or same names and date of birth).',
          ),
        ]
      : [],
};

/** A repeat return is worth the approvers' attention (about 1 in 8 in Honduras), never a refusal. */
export const repeatReturnRule: Rule = {
  id: 'repeat_return',
  description: 'a previous completed return of the same person is flagged for approvers',
  check: ({ context }) =>
    context.previousCompletedReturns > 0
      ? [
          flag(
            'repeat_return',
            `La persona ya retornó con asistencia ${context.previousCompletedReturns} ${context.previousCompletedReturns === 1 ? 'vez' : 'veces'}: considere las causas y el plan de reintegración.`,
            `The person has already had ${context.previousCompletedReturns} assisted ${context.previousCompletedReturns === 1 ? 'return' : 'returns'}: consider why, and the reintegration plan.`,
          ),
        ]
      : [],
};

/** The default rule set, in the order their findings are shown. */
export const DEFAULT_RULES: readonly Rule[] = [
  memberCountriesRule,
  returnToNationalityRule,
  vulnerabilityDeclaredRule,
  olderPersonAgeRule,
  childProtectionRule,
  disasterAuthorisationRule,
  consentRule,
  routeRule,
  ceilingRule,
  openCaseRule,
  repeatReturnRule,
];
