/**
 * The emails Retorno sends, in Spanish and English, as plain text and simple HTML from one model:
 * each template writes, per language, a subject, a few sentences, a table of facts and a link,
 * and `renderEmail` turns that into both bodies (HTML escaped). A country's addresses get the
 * country's language; regional offices get both, Spanish first.
 *
 * What an email can say is fixed by its content type: only the reception notice has fields for
 * the person (built from the reception disclosure profile, shared/notifications/notifier.ts);
 * every other email carries ids, codes, statuses, dates, amounts and links, nothing about the
 * person. Links lead to the web app, where the reader signs in: no token and no decision travels
 * in a link.
 */
import { CASE_STATUS_LABELS } from '../cases/case-status-labels';
import type { ApprovalRole, CaseStatus } from '../contracts/case';
import { formatUsd } from '../contracts/money';
import type { TaskKind } from '../contracts/task';
import { type CountryCode, RCM_COUNTRIES } from '../countries';
import type { EmailLanguage, EmailParty, EmailTemplate } from '../ports/email-outbox';

/** A task as its emails describe it: codes and the deadline. */
export interface TaskFacts {
  readonly taskId: string;
  readonly kind: TaskKind;
  readonly approvalRole?: ApprovalRole;
  readonly dueAt: string;
}

/** A contact at home (the receiving family, the child's guardian), as the reception profile sees it. */
export interface ReceivingPerson {
  readonly name: string;
  readonly relationship: string;
  readonly phone?: string;
}

/** One leg of the journey, when the booking lists them. */
export interface ItineraryLeg {
  readonly from?: string;
  readonly to?: string;
  readonly departureAt?: string;
  readonly arrivalAt?: string;
  readonly carrier?: string;
}

/** What the receiving country needs to receive the person, and nothing more. */
export interface ReceptionFacts {
  readonly person: {
    readonly givenNames: string;
    readonly familyNames: string;
    readonly dateOfBirth: string;
  };
  readonly isChild: boolean;
  readonly returnTo: { readonly country: CountryCode; readonly city: string };
  readonly itinerary?: {
    readonly provider?: string;
    readonly reference?: string;
    readonly departureAt?: string;
    readonly arrivalAt?: string;
    readonly legs?: readonly ItineraryLeg[];
  };
  readonly escort: boolean;
  readonly medicalEscort: boolean;
  readonly wheelchair: boolean;
  readonly receivingContact?: ReceivingPerson;
  readonly guardian?: ReceivingPerson;
  /** For a child: the child-protection authority told too. */
  readonly childProtection?: string;
}

/** What each template is written from. */
export type EmailContent =
  | {
      readonly template: 'task_assigned';
      readonly caseId: string;
      readonly task: TaskFacts;
      readonly link: string;
    }
  | {
      readonly template: 'task_reminder';
      readonly caseId: string;
      readonly task: TaskFacts;
      /** True once the deadline has passed; before it, half of it has. */
      readonly overdue: boolean;
      readonly link: string;
    }
  | {
      readonly template: 'status_changed';
      readonly caseId: string;
      readonly status: CaseStatus;
      /** The timeline's sentences of the event that moved the case. */
      readonly sentence?: { readonly es: string; readonly en: string };
      readonly link: string;
    }
  | {
      readonly template: 'funds_waiting';
      readonly caseId: string;
      readonly amountUsd: number;
      readonly link: string;
    }
  | {
      readonly template: 'reception_notice';
      readonly caseId: string;
      readonly reception: ReceptionFacts;
      readonly link: string;
    }
  | { readonly template: 'withdrawal_notice'; readonly caseId: string }
  | {
      readonly template: 'case_failed';
      readonly caseId: string;
      readonly error: string;
      readonly link: string;
    }
  | {
      readonly template: 'consent_refused';
      readonly caseId: string;
      readonly country: CountryCode;
      readonly link: string;
    }
  | {
      /** To the Secretariat: an email of the case was given up after its last attempt. */
      readonly template: 'email_failed';
      readonly caseId: string;
      readonly emailTemplate: EmailTemplate;
      readonly party: EmailParty;
      readonly error: string;
      readonly link: string;
    };

/** A rendered email. */
export interface RenderedEmail {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

/** One language's version of an email, before it becomes text and HTML. */
interface Draft {
  readonly subject: string;
  readonly lines: readonly string[];
  readonly facts?: readonly (readonly [string, string])[];
  readonly link?: { readonly label: string; readonly url: string };
}

type Bilingual<T> = Readonly<Record<EmailLanguage, T>>;

const APPROVAL_PARTS: Readonly<Record<Exclude<ApprovalRole, 'disbursement'>, Bilingual<string>>> = {
  exit: { es: 'como país de salida', en: 'as the exit country' },
  transit: { es: 'como país de tránsito', en: 'as a transit country' },
  reception: { es: 'como país de recepción', en: 'as the country of return' },
};

/** What the assignee of each kind of task is asked to do. */
function taskAction(task: TaskFacts, language: EmailLanguage): string {
  const actions: Record<TaskKind, Bilingual<string>> = {
    country_approval: { es: 'aprobar o rechazar el retorno', en: 'approve or reject the return' },
    disbursement_approval: {
      es: 'aprobar o rechazar el desembolso del Fondo de Reserva',
      en: 'approve or reject the Reserve Fund disbursement',
    },
    arrival_confirmation: {
      es: 'confirmar la llegada de la persona y quién la recibió',
      en: 'confirm that the person arrived and who received them',
    },
    reintegration_checkin: {
      es: 'registrar el seguimiento de reintegración',
      en: 'record the reintegration check-in',
    },
    manual_booking: {
      es: 'reservar el viaje a mano y registrar el itinerario',
      en: 'book the travel by hand and record the itinerary',
    },
  };
  const part =
    task.kind === 'country_approval' && task.approvalRole && task.approvalRole !== 'disbursement'
      ? ` ${APPROVAL_PARTS[task.approvalRole][language]}`
      : '';
  return `${actions[task.kind][language]}${part}`;
}

/** `2024-05-09 14:30 UTC`: the same instant for every reader, whatever their time zone. */
export function formatInstant(iso: string): string {
  return `${iso.slice(0, 16).replace('T', ' ')} UTC`;
}

const yesNo = (value: boolean, language: EmailLanguage) =>
  language === 'es' ? (value ? 'sí' : 'no') : value ? 'yes' : 'no';
const countryName = (country: CountryCode, language: EmailLanguage) => RCM_COUNTRIES[country][language];

const SIGN_IN: Bilingual<string> = {
  es: 'El enlace no lleva ninguna decisión: inicie sesión en Retorno para ver el caso y actuar.',
  en: 'The link carries no decision: sign in to Retorno to see the case and act.',
};

const draftTask = (
  content: Extract<EmailContent, { template: 'task_assigned' | 'task_reminder' }>,
  language: EmailLanguage,
): Draft => {
  const { caseId, task } = content;
  const due = formatInstant(task.dueAt);
  const action = taskAction(task, language);
  if (content.template === 'task_assigned') {
    return language === 'es'
      ? {
          subject: `Caso ${caseId}: nueva tarea, ${action}`,
          lines: [`Tiene una tarea nueva en el caso ${caseId}: ${action}.`, `Plazo: ${due}.`, SIGN_IN.es],
          link: { label: 'Abrir la tarea', url: content.link },
        }
      : {
          subject: `Case ${caseId}: new task, ${action}`,
          lines: [`You have a new task in case ${caseId}: ${action}.`, `Due by ${due}.`, SIGN_IN.en],
          link: { label: 'Open the task', url: content.link },
        };
  }
  const overdue = content.overdue;
  return language === 'es'
    ? {
        subject: overdue
          ? `Caso ${caseId}: tarea vencida, ${action}`
          : `Caso ${caseId}: recordatorio, ${action} antes de ${due}`,
        lines: [
          overdue
            ? `La tarea del caso ${caseId} venció el ${due} y sigue abierta: ${action}.`
            : `Ya pasó la mitad del plazo de la tarea del caso ${caseId}: ${action}.`,
          `Plazo: ${due}.`,
          SIGN_IN.es,
        ],
        link: { label: 'Abrir la tarea', url: content.link },
      }
    : {
        subject: overdue
          ? `Case ${caseId}: task overdue, ${action}`
          : `Case ${caseId}: reminder, ${action} by ${due}`,
        lines: [
          overdue
            ? `The task of case ${caseId} was due on ${due} and is still open: ${action}.`
            : `Half of the time for the task of case ${caseId} has passed: ${action}.`,
          `Due by ${due}.`,
          SIGN_IN.en,
        ],
        link: { label: 'Open the task', url: content.link },
      };
};

function personFacts(
  reception: ReceptionFacts,
  language: EmailLanguage,
): readonly (readonly [string, string])[] {
  const es = language === 'es';
  const rows: (readonly [string, string])[] = [
    [es ? 'Nombre' : 'Name', `${reception.person.givenNames} ${reception.person.familyNames}`],
    [es ? 'Fecha de nacimiento' : 'Date of birth', reception.person.dateOfBirth],
    [es ? 'Menor de edad' : 'Child', yesNo(reception.isChild, language)],
    [
      es ? 'Destino' : 'Destination',
      `${reception.returnTo.city}, ${countryName(reception.returnTo.country, language)}`,
    ],
  ];
  const trip = reception.itinerary;
  if (trip?.departureAt) rows.push([es ? 'Salida' : 'Departure', formatInstant(trip.departureAt)]);
  if (trip?.arrivalAt) rows.push([es ? 'Llegada' : 'Arrival', formatInstant(trip.arrivalAt)]);
  if (trip?.provider) rows.push([es ? 'Transporte' : 'Carrier', trip.provider]);
  if (trip?.reference) rows.push([es ? 'Referencia de la reserva' : 'Booking reference', trip.reference]);
  for (const [index, leg] of (trip?.legs ?? []).entries()) {
    const route = [leg.from, leg.to].filter(Boolean).join(' → ');
    const times = [leg.departureAt, leg.arrivalAt]
      .filter((at): at is string => at !== undefined)
      .map(formatInstant)
      .join(' → ');
    rows.push([
      `${es ? 'Tramo' : 'Leg'} ${index + 1}`,
      [route, times, leg.carrier].filter(Boolean).join(', '),
    ]);
  }
  if (!trip?.departureAt && !trip?.arrivalAt) {
    rows.push([es ? 'Itinerario' : 'Itinerary', es ? 'por confirmar' : 'to be confirmed']);
  }
  rows.push(
    [es ? 'Viaja con escolta' : 'Travels with an escort', yesNo(reception.escort, language)],
    [es ? 'Escolta médica' : 'Medical escort', yesNo(reception.medicalEscort, language)],
    [es ? 'Silla de ruedas' : 'Wheelchair', yesNo(reception.wheelchair, language)],
  );
  const who = (person: ReceivingPerson) =>
    [`${person.name} (${person.relationship})`, person.phone].filter(Boolean).join(', ');
  if (reception.guardian)
    rows.push([es ? 'Tutor que recibe' : 'Receiving guardian', who(reception.guardian)]);
  if (reception.receivingContact)
    rows.push([es ? 'Quién recibe' : 'Received by', who(reception.receivingContact)]);
  return rows;
}

const draftReception = (
  content: Extract<EmailContent, { template: 'reception_notice' }>,
  language: EmailLanguage,
): Draft => {
  const { caseId, reception } = content;
  const arrival = reception.itinerary?.arrivalAt ? formatInstant(reception.itinerary.arrivalAt) : undefined;
  const child = reception.childProtection;
  return language === 'es'
    ? {
        subject: `Caso ${caseId}: recepción de una persona que retorna${arrival ? `, llegada ${arrival}` : ''}`,
        lines: [
          `Una persona retorna a ${countryName(reception.returnTo.country, 'es')} con la asistencia del Fondo de Reserva de la CRM (caso ${caseId}). Estos son los datos para recibirla.`,
          ...(child ? [`Es menor de edad: ${child} también recibe este aviso.`] : []),
        ],
        facts: personFacts(reception, 'es'),
        link: { label: 'Ver el caso en Retorno', url: content.link },
      }
    : {
        subject: `Case ${caseId}: reception of a returning person${arrival ? `, arriving ${arrival}` : ''}`,
        lines: [
          `A person is returning to ${countryName(reception.returnTo.country, 'en')} with the assistance of the RCM Reserve Fund (case ${caseId}). These are the details to receive them.`,
          ...(child ? [`The person is a child: ${child} receives this notice too.`] : []),
        ],
        facts: personFacts(reception, 'en'),
        link: { label: 'See the case in Retorno', url: content.link },
      };
};

/** One language's draft of an email. */
function draft(content: EmailContent, language: EmailLanguage): Draft {
  const es = language === 'es';
  const { caseId } = content;
  switch (content.template) {
    case 'task_assigned':
    case 'task_reminder':
      return draftTask(content, language);
    case 'status_changed': {
      // The one naming of statuses (shared/cases/case-status-labels.ts), as the app shows them.
      const label = CASE_STATUS_LABELS[content.status][language];
      return {
        subject: es ? `Caso ${caseId}: ${label}` : `Case ${caseId}: ${label}`,
        lines: [
          es ? `El caso ${caseId} pasó a «${label}».` : `Case ${caseId} is now "${label}".`,
          ...(content.sentence ? [content.sentence[language]] : []),
        ],
        link: { label: es ? 'Ver el caso' : 'See the case', url: content.link },
      };
    }
    case 'funds_waiting':
      return {
        subject: es
          ? `Caso ${caseId}: espera fondos (${formatUsd(content.amountUsd, 'es')})`
          : `Case ${caseId}: waiting for funds (${formatUsd(content.amountUsd, 'en')})`,
        lines: es
          ? [
              `El Fondo de Reserva no puede cubrir hoy los ${formatUsd(content.amountUsd, 'es')} del caso ${caseId}.`,
              'El caso espera y seguirá por sí solo, en orden de llegada, cuando una contribución lo permita.',
            ]
          : [
              `The Reserve Fund cannot cover the ${formatUsd(content.amountUsd, 'en')} of case ${caseId} today.`,
              'The case waits and goes on by itself, oldest first, when a contribution makes room.',
            ],
        link: { label: es ? 'Ver el caso' : 'See the case', url: content.link },
      };
    case 'reception_notice':
      return draftReception(content, language);
    case 'withdrawal_notice':
      return es
        ? {
            subject: `Caso ${caseId}: solicitud retirada`,
            lines: [
              `La solicitud del caso ${caseId} fue retirada. No se requiere ninguna otra acción sobre los avisos anteriores de este caso.`,
            ],
          }
        : {
            subject: `Case ${caseId}: request withdrawn`,
            lines: [
              `The request of case ${caseId} was withdrawn. No further action is needed on earlier notices about this case.`,
            ],
          };
    case 'case_failed':
      return {
        subject: es
          ? `Caso ${caseId}: falló (${content.error})`
          : `Case ${caseId}: failed (${content.error})`,
        lines: es
          ? [
              `El caso ${caseId} no pudo continuar por un error técnico: ${content.error}. Se compensó (reservas liberadas, tareas cerradas) y espera su revisión.`,
            ]
          : [
              `Case ${caseId} could not continue because of a technical error: ${content.error}. It was compensated (holds released, tasks closed) and awaits your review.`,
            ],
        link: { label: es ? 'Ver el caso' : 'See the case', url: content.link },
      };
    case 'consent_refused': {
      const country = countryName(content.country, language);
      return {
        subject: es
          ? `Caso ${caseId}: aviso no enviado a ${country} (sin consentimiento)`
          : `Case ${caseId}: notice not sent to ${country} (no consent)`,
        lines: es
          ? [
              `La persona no consintió compartir sus datos con ${country}, por lo que no se envió el aviso de recepción del caso ${caseId}.`,
              'Coordine la recepción por otra vía que respete su decisión.',
            ]
          : [
              `The person did not consent to share their data with ${country}, so the reception notice of case ${caseId} was not sent.`,
              'Arrange the reception another way that respects their decision.',
            ],
        link: { label: es ? 'Ver el caso' : 'See the case', url: content.link },
      };
    }
    case 'email_failed':
      return {
        subject: es
          ? `Caso ${caseId}: un correo no pudo enviarse (${content.emailTemplate})`
          : `Case ${caseId}: an email could not be sent (${content.emailTemplate})`,
        lines: es
          ? [
              `El correo ${content.emailTemplate} del caso ${caseId} para ${content.party} no pudo enviarse tras varios intentos (${content.error}) y no se intentará de nuevo.`,
              'Revise el caso y avise a quien correspondía por otra vía.',
            ]
          : [
              `The ${content.emailTemplate} email of case ${caseId} to ${content.party} could not be sent after several attempts (${content.error}) and will not be tried again.`,
              'Review the case and tell whoever it was for another way.',
            ],
        link: { label: es ? 'Ver el caso' : 'See the case', url: content.link },
      };
  }
}

/** HTML's five special characters, escaped: every value in an HTML body goes through this. */
export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

function textOf(part: Draft): string {
  return [
    ...part.lines,
    ...(part.facts?.length ? ['', ...part.facts.map(([label, value]) => `${label}: ${value}`)] : []),
    ...(part.link ? ['', `${part.link.label}: ${part.link.url}`] : []),
  ].join('\n');
}

function htmlOf(part: Draft, language: EmailLanguage): string {
  const rows = (part.facts ?? [])
    .map(
      ([label, value]) => `<tr><th align="left">${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`,
    )
    .join('');
  return [
    `<section lang="${language}">`,
    ...part.lines.map((line) => `<p>${escapeHtml(line)}</p>`),
    ...(rows ? [`<table>${rows}</table>`] : []),
    ...(part.link
      ? [`<p><a href="${escapeHtml(part.link.url)}">${escapeHtml(part.link.label)}</a></p>`]
      : []),
    '</section>',
  ].join('\n');
}

/**
 * The email in the given languages (one, or both with Spanish first): the subjects joined by
 * " / ", the bodies one after the other.
 */
export function renderEmail(content: EmailContent, languages: readonly EmailLanguage[]): RenderedEmail {
  const ordered = (['es', 'en'] as const).filter((language) => languages.includes(language));
  if (ordered.length === 0) throw new RangeError('an email needs at least one language');
  const drafts = ordered.map((language) => ({ language, part: draft(content, language) }));
  return {
    subject: drafts.map(({ part }) => part.subject).join(' / '),
    text: `${drafts.map(({ part }) => textOf(part)).join('\n\n---\n\n')}\n`,
    html: [
      '<!doctype html>',
      `<html lang="${ordered[0]}"><body>`,
      drafts.map(({ language, part }) => htmlOf(part, language)).join('\n<hr>\n'),
      '</body></html>',
    ].join('\n'),
  };
}
