/**
 * `npm run demo`: three cases walked through a running `npm start` as their people would walk
 * them, each step said in plain English, followed by the emails sent about the case (read from
 * the SES emulator's store) and the fund's balances:
 *   1. a child goes home, from the request to CLOSED: every country approves, the Secretariat
 *      approves, travel is booked, the clock moves to the departure, the return country confirms
 *      the arrival and the reintegration officer records the check-ins as the clock moves on;
 *      where the workflow goes no further yet, the demo says where it stopped;
 *   2. an adult stranded by a disaster that no member state has authorised returns after: INELIGIBLE;
 *   3. an overland return that a transit country refuses, with its reason: REJECTED.
 * Each run submits new people (a person may have one open case), so it can be run again.
 */
import { randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readLocalSettings } from '../local/local-config';
import { type CaseDetail, type CaseStatus, type CaseSummary, isFinalStatus } from '../shared/contracts/case';
import type { CaseRequestInput } from '../shared/contracts/case-request';
import { DEFAULT_CASE_CEILING_USD, DEFAULT_FUND_ID, type FundShape } from '../shared/contracts/fund';
import { formatUsd } from '../shared/contracts/money';
import type { Task, TaskKind } from '../shared/contracts/task';
import { type CountryCode, RCM_COUNTRIES } from '../shared/countries';
import { manifest } from '../shared/manifest';
import { approversOf } from '../shared/workflow/approvers';
import { adultIllnessRequest, validCaseRequest } from '../test/support/case-request-fixture';
import { RetornoClient } from './retorno-client';

export interface DemoOptions {
  /** Where the gateway listens, without `/api`, e.g. `http://127.0.0.1:3000`. */
  readonly baseUrl: string;
  /** The SES emulator, e.g. `http://127.0.0.1:8005`. */
  readonly sesUrl: string;
  /** Where each line goes. @default console.log */
  readonly say?: (line: string) => void;
  /** How long the workflow may take over a step its definitions have, before the demo fails. @default 60 s */
  readonly waitMs?: number;
  /**
   * How long to wait for a step that no state machine definition has (a status it never records,
   * a task it never opens) before saying the workflow goes no further yet. @default 5 s
   */
  readonly graceMs?: number;
  /**
   * How long the SES emulator's store must show no new email about a case before a step's emails
   * count as all sent (the first run of a function starts its sandbox, which takes seconds).
   * @default 3 s
   */
  readonly emailsQuietMs?: number;
}

/** Where one of the demo's cases ended. */
export interface DemoCaseOutcome {
  readonly caseId: string;
  readonly status: CaseStatus;
  /** What the case was still waiting for when the demo stopped following it; absent when it got to the end. */
  readonly stoppedWaitingFor?: string;
}

export interface DemoOutcome {
  readonly journey: DemoCaseOutcome;
  readonly ineligible: DemoCaseOutcome;
  readonly rejected: DemoCaseOutcome;
}

const FUND = DEFAULT_FUND_ID;
const DAY_MS = 86_400_000;

/**
 * What the state machines can do to a case, read from their definitions (the files both clouds
 * run): the statuses they record and the kinds of task they open. A step outside these is one the
 * workflow does not take yet.
 */
class WorkflowReach {
  private readonly text: string;

  constructor() {
    const root = resolve(__dirname, '..');
    this.text = Object.values(manifest.stateMachines)
      .map((machine) => readFileSync(join(root, machine.definition), 'utf8'))
      .join('\n');
  }

  records(status: CaseStatus): boolean {
    return this.text.includes(`"status": "${status}"`);
  }

  opens(kind: TaskKind): boolean {
    return this.text.includes(`"kind": "${kind}"`);
  }
}

/** The workflow did not take the case further: the demo says where it stopped and goes on. */
class WorkflowWentNoFurther extends Error {
  override readonly name = 'WorkflowWentNoFurther';
  constructor(
    readonly status: CaseStatus,
    readonly waitingFor: string,
  ) {
    super(`the case is still ${status}, waiting for ${waitingFor}`);
  }
}

const country = (code: CountryCode) => RCM_COUNTRIES[code].en;
const consularOf = (code: CountryCode) => `consular.${code.toLowerCase()}`;
const authorityOf = (code: CountryCode) => `authority.${code.toLowerCase()}`;
const reintegrationOf = (code: CountryCode) => `reintegration.${code.toLowerCase()}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const pick = <T>(items: readonly T[]): T => items[randomInt(items.length)]!;
const isoDate = (epochMs: number) => new Date(epochMs).toISOString().slice(0, 10);

/** A date of birth `years` old on `today`, on a random day of that year of life. */
function bornYearsAgo(todayMs: number, years: number): string {
  const today = new Date(todayMs);
  const birthday = Date.UTC(today.getUTCFullYear() - years, today.getUTCMonth(), today.getUTCDate());
  return isoDate(birthday - randomInt(1, 360) * DAY_MS);
}

/** A new person each run: names drawn from common ones and a random birthday and document number. */
function newPerson(todayMs: number, age: number, documentPrefix: string) {
  return {
    givenNames: `${pick(['José', 'Kevin', 'Luis', 'Carlos', 'Jorge', 'Mario', 'Óscar', 'Wilmer'])} ${pick(['Andrés', 'Alberto', 'Antonio', 'David', 'Josué', 'Daniel', 'Ernesto', 'Rafael'])}`,
    familyNames: `${pick(['Martínez', 'Hernández', 'López', 'Ramos', 'Mejía', 'Reyes', 'Cruz', 'Flores'])} ${pick(['García', 'Rodríguez', 'Castro', 'Sánchez', 'Pineda', 'Orellana', 'Zelaya', 'Funes'])}`,
    dateOfBirth: bornYearsAgo(todayMs, age),
    documentNumber: `${documentPrefix}-${randomInt(10_000_000, 99_999_999)}`,
  };
}

/** The ages of the demo's three people, on the local cloud's date. */
const AGES = { child: 14, stranded: 38, refused: 27 } as const;

/** The three requests of a run, dated by the local cloud's clock (it may have been moved on). */
function demoRequests(todayMs: number) {
  const recently = (days: number) => isoDate(todayMs - days * DAY_MS);
  const journey = validCaseRequest({
    migrant: newPerson(todayMs, AGES.child, '0801'),
    consent: { consentDate: recently(3) },
    child: { bestInterestsDetermination: { decidedOn: recently(5) } },
  });
  const ineligible = adultIllnessRequest({
    migrant: {
      ...newPerson(todayMs, AGES.stranded, 'SV'),
      sex: 'male',
      nationality: 'SV',
      documentType: 'national_id',
    },
    location: { country: 'GT', city: 'Puerto Barrios' },
    returnTo: { country: 'SV', city: 'La Unión' },
    route: { mode: 'land', transitCountries: [] },
    // Stranded by a hurricane: the fund takes it only where a member state has authorised it.
    vulnerabilities: ['disaster_stranded'],
    needs: { escort: false, medicalEscort: false, wheelchair: false, notes: undefined },
    consent: { consentDate: recently(1), dataTransferConsent: ['GT', 'SV'] },
    costs: { transport: 60, escort: 0, lodging: 40, food: 20, documents: 0, medical: 0, other: 0 },
  });
  const rejected = adultIllnessRequest({
    migrant: { ...newPerson(todayMs, AGES.refused, 'NI'), sex: 'female', nationality: 'NI' },
    location: { country: 'MX', city: 'Tapachula', facility: 'Albergue Jesús el Buen Pastor' },
    returnTo: { country: 'NI', city: 'Chinandega' },
    route: { mode: 'land', transitCountries: ['GT', 'HN'] },
    vulnerabilities: ['violence_victim'],
    needs: { escort: false, medicalEscort: false, wheelchair: false, notes: undefined },
    consent: { consentDate: recently(2), dataTransferConsent: ['MX', 'GT', 'HN', 'NI'] },
    costs: { transport: 180, escort: 0, lodging: 120, food: 60, documents: 30, medical: 0, other: 0 },
  });
  return { journey, ineligible, rejected };
}

/**
 * What the demo's people type into the forms, in one place. The arrival and check-in forms are
 * those of issue 9's arrival and reintegration steps.
 */
const FORMS = {
  approval: { decision: 'approve', comment: 'Aprobado: documentos en regla.' },
  transitRefusal: {
    decision: 'reject',
    comment: 'El paso fronterizo de El Florido está cerrado; solicite la ruta por Tecún Umán.',
  },
  disbursement: { decision: 'approve', comment: 'Desembolso aprobado.' },
  arrival: (arrivedOn: string) => ({
    arrivedOn,
    receivedBy: 'DINAF, Centro de Atención al Migrante Retornado, San Pedro Sula',
  }),
  checkIn: (day: number) => ({
    contactMade: true,
    housing: 'stable',
    workOrTraining: 'studying',
    health: day < 90 ? 'fair' : 'good',
    psychosocialSupport: day < 90 ? 'receiving' : 'not_needed',
    intendsToMigrateAgain: 'no',
    notes: `Visita de seguimiento, día ${day}: vive con su madre y asiste a la escuela.`,
  }),
} as const;

/** Days after arrival when the reintegration officer checks in (docs/domain.md). */
const CHECK_IN_DAYS = [30, 90, 180] as const;

/** An email as the SES emulator's store (`GET /store`) keeps it. */
interface StoredEmail {
  readonly messageId: string;
  readonly subject: string;
  readonly destination: { readonly to: readonly string[] };
  readonly at: number;
}

/** How long a step's emails may take at the most before the demo shows what has come. */
const EMAILS_WAIT_MS = 15_000;

/** The demo's state: the client, what was said, and which emails were already shown. */
class DemoSession {
  private readonly emailsSeen = new Set<string>();
  private stepNumber = 0;

  constructor(
    readonly client: RetornoClient,
    private readonly options: Required<
      Pick<DemoOptions, 'sesUrl' | 'say' | 'waitMs' | 'graceMs' | 'emailsQuietMs'>
    >,
    private readonly reach = new WorkflowReach(),
  ) {}

  say(line: string): void {
    this.options.say(line);
  }

  heading(line: string): void {
    this.stepNumber = 0;
    this.say('');
    this.say(line);
  }

  step(line: string): void {
    this.stepNumber += 1;
    this.say(`  ${this.stepNumber}. ${line}`);
  }

  detail(line: string): void {
    this.say(`     ${line}`);
  }

  /** After each step: the emails sent about the case since the last step, and the fund. */
  async report(caseId: string): Promise<void> {
    const about = await this.settledEmailsAbout(caseId);
    const fresh = about.filter((email) => !this.emailsSeen.has(email.messageId)).sort((a, b) => a.at - b.at);
    for (const email of fresh) {
      this.emailsSeen.add(email.messageId);
      this.detail(`email to ${email.destination.to.join(', ')}: "${email.subject}"`);
    }
    if (fresh.length === 0)
      this.detail(about.length === 0 ? 'emails: none sent about this case yet' : 'emails: none new');
    const fund = await this.fund();
    this.detail(
      `fund: ${formatUsd(fund.available, 'en')} available, ${formatUsd(fund.reserved, 'en')} reserved, ${formatUsd(fund.disbursed, 'en')} disbursed, of ${formatUsd(fund.capital, 'en')}`,
    );
  }

  /**
   * The emails about the case in the SES emulator's store, once they have stopped coming. A step's
   * emails leave after the status the demo waits for is recorded (a task's as it opens, a status's
   * as the step ends), so the store is read until it shows nothing new for `emailsQuietMs` (at
   * most EMAILS_WAIT_MS); read at once, each step's emails would show under the next step.
   */
  private async settledEmailsAbout(caseId: string): Promise<StoredEmail[]> {
    const deadline = Date.now() + EMAILS_WAIT_MS;
    let about = await this.emailsAbout(caseId);
    let quietSince = Date.now();
    while (Date.now() - quietSince < this.options.emailsQuietMs && Date.now() < deadline) {
      await sleep(250);
      const now = await this.emailsAbout(caseId);
      if (now.length !== about.length) {
        about = now;
        quietSince = Date.now();
      }
    }
    return about;
  }

  private async emailsAbout(caseId: string): Promise<StoredEmail[]> {
    const store = (await (await fetch(`${this.options.sesUrl}/store`)).json()) as { emails: StoredEmail[] };
    return store.emails.filter((email) => email.subject.includes(caseId));
  }

  fund(): Promise<FundShape> {
    return this.client.expect<FundShape>('the fund', 200, 'secretariat', 'GET', `/api/funds/${FUND}`);
  }

  /**
   * The case's status as its consulate's list shows it (a list is not an audited read, so waiting
   * on it leaves no trail of reads); the case was just submitted, so it is near the top.
   */
  async status(caseId: string, consulate: string): Promise<CaseStatus> {
    let cursor: string | undefined;
    do {
      const page = await this.client.expect<{ items: CaseSummary[]; nextCursor?: string }>(
        'the consulate lists its cases',
        200,
        consulate,
        'GET',
        `/api/cases?limit=100${cursor ? `&cursor=${cursor}` : ''}`,
      );
      const found = page.items.find((item) => item.caseId === caseId);
      if (found) return found.status;
      cursor = page.nextCursor;
    } while (cursor);
    throw new Error(`${caseId} is not in the list of ${consulate}`);
  }

  /** The case as its consulate reads it (an audited read, as the case page's). */
  read(caseId: string, consulate: string): Promise<CaseDetail> {
    return this.client.expect<CaseDetail>(
      `${consulate} reads ${caseId}`,
      200,
      consulate,
      'GET',
      `/api/cases/${caseId}`,
    );
  }

  /**
   * Waits for the case to reach one of `wanted`. A final status other than those is an error, and
   * so is a step the workflow has that takes longer than `waitMs`; a step it does not have yet
   * ends the walk after `graceMs` (WorkflowWentNoFurther).
   */
  async waitForStatus(caseId: string, consulate: string, wanted: readonly CaseStatus[]): Promise<CaseStatus> {
    const supported = wanted.some((status) => this.reach.records(status));
    const deadline = Date.now() + (supported ? this.options.waitMs : this.options.graceMs);
    for (;;) {
      const status = await this.status(caseId, consulate);
      if (wanted.includes(status)) return status;
      if (isFinalStatus(status))
        throw new Error(`${caseId} ended ${status} where the demo expected ${wanted.join(' or ')}`);
      if (Date.now() > deadline) this.timedOut(supported, status, wanted.join(' or '));
      await sleep(250);
    }
  }

  private timedOut(supported: boolean, status: CaseStatus, waitingFor: string): never {
    if (!supported) throw new WorkflowWentNoFurther(status, waitingFor);
    throw new Error(
      `the case is still ${status} after ${this.options.waitMs / 1000} s, waiting for ${waitingFor}: is the local cloud overloaded? (its terminal shows the functions' errors)`,
    );
  }

  /** Waits for the case's open task of `kind` in the user's inbox, as the person would look for it. */
  async waitForTask(caseId: string, consulate: string, user: string, kind: TaskKind): Promise<Task> {
    const supported = this.reach.opens(kind);
    const deadline = Date.now() + (supported ? this.options.waitMs : this.options.graceMs);
    for (;;) {
      const task = await this.openTask(caseId, user, kind);
      if (task) return task;
      if (Date.now() > deadline)
        this.timedOut(supported, await this.status(caseId, consulate), `a ${kind} task for ${user}`);
      await sleep(250);
    }
  }

  /** The case's open task of `kind` in the user's inbox, page by page (a new task is due last). */
  private async openTask(caseId: string, user: string, kind: TaskKind): Promise<Task | undefined> {
    let cursor: string | undefined;
    do {
      const inbox = await this.client.expect<{ items: Task[]; nextCursor?: string }>(
        `${user} lists their inbox`,
        200,
        user,
        'GET',
        `/api/tasks?status=open&kind=${kind}&limit=100${cursor ? `&cursor=${cursor}` : ''}`,
      );
      const task = inbox.items.find((item) => item.caseId === caseId);
      if (task) return task;
      cursor = inbox.nextCursor;
    } while (cursor);
    return undefined;
  }

  async complete(user: string, task: Task, form: object): Promise<void> {
    await this.client.expect(
      `${user} completes ${task.taskId}`,
      200,
      user,
      'POST',
      `/api/tasks/${task.taskId}/complete`,
      form,
    );
  }

  async submit(request: CaseRequestInput): Promise<{ caseId: string; status: CaseStatus }> {
    return this.client.expect(
      'the consulate submits the request',
      201,
      consularOf(request.migrant.nationality),
      'POST',
      '/api/cases',
      request,
    );
  }
}

function describeRoute(request: CaseRequestInput): string {
  const transit = request.route.transitCountries;
  const by = request.route.mode === 'air' ? 'by air' : request.route.mode === 'sea' ? 'by sea' : 'overland';
  return `from ${request.location.city}, ${country(request.location.country)}, to ${request.returnTo.city}, ${country(request.returnTo.country)}, ${by}${transit.length > 0 ? ` through ${transit.map(country).join(' and ')}` : ''}`;
}

/** The countries that approve the request, each with its part (exit, transit, reception). */
function approvers(request: CaseRequestInput) {
  return approversOf({
    locationCountry: request.location.country,
    transitCountries: request.route.transitCountries,
    returnCountry: request.returnTo.country,
  });
}

/** Everything one case of the journey carries from step to step. */
interface Journey {
  readonly request: CaseRequestInput;
  readonly consulate: string;
  caseId: string;
  /** The local clock when the arrival was confirmed: check-ins count from it. */
  arrivedAtMs?: number;
}

type JourneyStep = (demo: DemoSession, journey: Journey) => Promise<void>;

/**
 * Case 1's steps from the request to CLOSED, in order: the one list to extend as the workflow
 * grows. Each acts as its person would and waits for the workflow to move the case on.
 */
const journeyToClosed = (request: CaseRequestInput): readonly JourneyStep[] => [
  async (demo, journey) => {
    const { migrant } = journey.request;
    demo.step(
      `The Honduran consulate (${journey.consulate}) asks the fund to bring ${migrant.givenNames} ${migrant.familyNames}, ${AGES.child}, unaccompanied, home ${describeRoute(journey.request)}, with an escort.`,
    );
    const submitted = await demo.submit(journey.request);
    journey.caseId = submitted.caseId;
    demo.detail(`case ${submitted.caseId}: ${submitted.status}; the money is being held…`);
    demo.detail(`now ${await demo.waitForStatus(journey.caseId, journey.consulate, ['AWAITING_APPROVALS'])}`);
  },
  ...approvers(request).map(
    ({ country: code, approvalRole }, index, all): JourneyStep =>
      async (demo, journey) => {
        const user = authorityOf(code);
        demo.step(
          `The authority of ${country(code)} (${user}, the ${approvalRole} country) finds the approval in its inbox and approves.`,
        );
        await demo.complete(
          user,
          await demo.waitForTask(journey.caseId, journey.consulate, user, 'country_approval'),
          FORMS.approval,
        );
        if (index === all.length - 1)
          demo.detail(
            `now ${await demo.waitForStatus(journey.caseId, journey.consulate, ['AWAITING_DISBURSEMENT'])}: every country approved`,
          );
      },
  ),
  // One step: the workflow books the travel as soon as the money is disbursed, so the emails of
  // the two come together.
  async (demo, journey) => {
    demo.step(
      'The RCM Technical Secretariat (secretariat) approves the disbursement, and the workflow books the travel with the provider, with an escort seat for the child.',
    );
    await demo.complete(
      'secretariat',
      await demo.waitForTask(journey.caseId, journey.consulate, 'secretariat', 'disbursement_approval'),
      FORMS.disbursement,
    );
    const disbursed = await demo.waitForStatus(journey.caseId, journey.consulate, [
      'BOOKING',
      'AWAITING_DEPARTURE',
    ]);
    if (disbursed === 'BOOKING') demo.detail('now BOOKING: the money is disbursed');
    demo.detail(
      `now ${await demo.waitForStatus(journey.caseId, journey.consulate, ['AWAITING_DEPARTURE'])}: ${disbursed === 'BOOKING' ? 'the travel is booked' : 'the money is disbursed and the travel booked'}`,
    );
    const { booking } = await demo.read(journey.caseId, journey.consulate);
    if (booking?.departureAt)
      demo.detail(
        `itinerary: ${booking.provider ?? 'provider'} ${booking.reference ?? ''}, leaves ${booking.departureAt}, arrives ${booking.arrivalAt ?? '?'}`,
      );
  },
  async (demo, journey) => {
    const { booking } = await demo.read(journey.caseId, journey.consulate);
    const now = await demo.client.clockNow();
    // To the departure on the itinerary (an hour past it), or five days on without one.
    const hours = booking?.departureAt
      ? Math.max(1, Math.ceil((Date.parse(booking.departureAt) - now) / 3_600_000) + 1)
      : 120;
    demo.step(`The clock moves ${hours} hours on, to the day of departure.`);
    await demo.client.advanceClock(`${hours}h`);
    demo.detail(`now ${await demo.waitForStatus(journey.caseId, journey.consulate, ['TRAVELLING'])}`);
  },
  async (demo, journey) => {
    const home = journey.request.returnTo.country;
    const user = authorityOf(home);
    demo.step(`The authority of ${country(home)} (${user}) confirms the arrival: DINAF received the child.`);
    const task = await demo.waitForTask(journey.caseId, journey.consulate, user, 'arrival_confirmation');
    journey.arrivedAtMs = await demo.client.clockNow();
    await demo.complete(user, task, FORMS.arrival(isoDate(journey.arrivedAtMs)));
    demo.detail(
      `now ${await demo.waitForStatus(journey.caseId, journey.consulate, ['ARRIVED', 'REINTEGRATION'])}`,
    );
  },
  ...CHECK_IN_DAYS.map(
    (day, index): JourneyStep =>
      async (demo, journey) => {
        const home = journey.request.returnTo.country;
        const user = reintegrationOf(home);
        const since = index === 0 ? 0 : CHECK_IN_DAYS[index - 1]!;
        demo.step(
          `The clock moves ${day - since} days on, to day ${day} after arrival: the reintegration officer of ${country(home)} (${user}) records the check-in.`,
        );
        await demo.client.advanceClock(`${day - since}d`);
        await demo.complete(
          user,
          await demo.waitForTask(journey.caseId, journey.consulate, user, 'reintegration_checkin'),
          FORMS.checkIn(day),
        );
        const last = index === CHECK_IN_DAYS.length - 1;
        demo.detail(
          `now ${await demo.waitForStatus(journey.caseId, journey.consulate, last ? ['CLOSED'] : ['REINTEGRATION'])}`,
        );
      },
  ),
];

async function walkToClosed(demo: DemoSession, request: CaseRequestInput): Promise<DemoCaseOutcome> {
  demo.heading(`Case 1 of 3: an unaccompanied child goes home, ${describeRoute(request)}`);
  const journey: Journey = { request, consulate: consularOf(request.migrant.nationality), caseId: '' };
  for (const step of journeyToClosed(request)) {
    try {
      await step(demo, journey);
    } catch (error) {
      if (!(error instanceof WorkflowWentNoFurther) || !journey.caseId) throw error;
      demo.detail(
        `Stopped here: the case is ${error.status}, and the workflow does not take a case further than ${error.status} yet (nothing in it leads to ${error.waitingFor}).`,
      );
      await demo.report(journey.caseId);
      return { caseId: journey.caseId, status: error.status, stoppedWaitingFor: error.waitingFor };
    }
    await demo.report(journey.caseId);
  }
  return { caseId: journey.caseId, status: await demo.status(journey.caseId, journey.consulate) };
}

async function refusedByTheRules(demo: DemoSession, request: CaseRequestInput): Promise<DemoCaseOutcome> {
  const consulate = consularOf(request.migrant.nationality);
  demo.heading(
    `Case 2 of 3: an adult stranded by a hurricane, which the fund's rules cover only where a member state authorises it`,
  );
  demo.step(
    `The consulate of ${country(request.migrant.nationality)} (${consulate}) asks for ${request.migrant.givenNames} ${request.migrant.familyNames}, ${AGES.stranded}, stranded in ${request.location.city}, ${country(request.location.country)}, by a hurricane, to go home to ${request.returnTo.city}: no member state has authorised returns after this disaster.`,
  );
  const submitted = await demo.submit(request);
  demo.detail(`case ${submitted.caseId}: ${submitted.status}`);
  const { eligibility } = await demo.read(submitted.caseId, consulate);
  for (const reason of eligibility?.reasons ?? []) demo.detail(`why: ${reason.en}`);
  await demo.report(submitted.caseId);
  return { caseId: submitted.caseId, status: submitted.status };
}

async function refusedByATransitCountry(
  demo: DemoSession,
  request: CaseRequestInput,
): Promise<DemoCaseOutcome> {
  const consulate = consularOf(request.migrant.nationality);
  const [exit, transit] = approvers(request);
  demo.heading(`Case 3 of 3: an overland return that a transit country refuses`);
  demo.step(
    `The consulate of ${country(request.migrant.nationality)} (${consulate}) asks the fund to bring ${request.migrant.givenNames} ${request.migrant.familyNames}, ${AGES.refused}, home ${describeRoute(request)}.`,
  );
  const submitted = await demo.submit(request);
  demo.detail(`case ${submitted.caseId}: ${submitted.status}`);
  demo.detail(`now ${await demo.waitForStatus(submitted.caseId, consulate, ['AWAITING_APPROVALS'])}`);
  await demo.report(submitted.caseId);

  const exitUser = authorityOf(exit!.country);
  demo.step(`The authority of ${country(exit!.country)} (${exitUser}) approves the exit.`);
  await demo.complete(
    exitUser,
    await demo.waitForTask(submitted.caseId, consulate, exitUser, 'country_approval'),
    FORMS.approval,
  );
  await demo.report(submitted.caseId);

  const transitUser = authorityOf(transit!.country);
  demo.step(
    `The authority of ${country(transit!.country)} (${transitUser}), a transit country, rejects: "${FORMS.transitRefusal.comment}"`,
  );
  await demo.complete(
    transitUser,
    await demo.waitForTask(submitted.caseId, consulate, transitUser, 'country_approval'),
    FORMS.transitRefusal,
  );
  const status = await demo.waitForStatus(submitted.caseId, consulate, ['REJECTED']);
  demo.detail(`now ${status}: the hold goes back to the fund and the other approvals are called off`);
  const { approvals } = await demo.read(submitted.caseId, consulate);
  for (const approval of approvals)
    demo.detail(
      `${approval.country ? country(approval.country) : 'Secretariat'} (${approval.approvalRole}): ${approval.status}`,
    );
  await demo.report(submitted.caseId);
  return { caseId: submitted.caseId, status };
}

/** Makes sure the fund can hold the demo's cases: the Secretariat records a contribution if not. */
async function fundTheDemo(demo: DemoSession): Promise<void> {
  const needed = 2 * DEFAULT_CASE_CEILING_USD;
  const answer = await demo.client.call<FundShape>('secretariat', 'GET', `/api/funds/${FUND}`);
  if (answer.status === 200 && answer.body.available >= needed) {
    demo.say(`The RCM Reserve Fund has ${formatUsd(answer.body.available, 'en')} available.`);
    return;
  }
  const reference = `DEMO-PA-${Date.now().toString(36).toUpperCase()}`;
  await demo.client.expect(
    'the Secretariat records a contribution',
    201,
    'secretariat',
    'POST',
    `/api/funds/${FUND}/contributions`,
    {
      country: 'PA',
      amount: 5000,
      reference,
    },
  );
  demo.say(
    `The Secretariat records Panama's contribution of ${formatUsd(5000, 'en')} (${reference}) to the RCM Reserve Fund.`,
  );
}

/** Walks the three cases against the local cloud at `baseUrl`; answers where each ended. */
export async function runDemo(options: DemoOptions): Promise<DemoOutcome> {
  const client = new RetornoClient({ baseUrl: options.baseUrl });
  const demo = new DemoSession(client, {
    sesUrl: options.sesUrl,
    say: options.say ?? ((line) => console.log(line)),
    waitMs: options.waitMs ?? 60_000,
    graceMs: options.graceMs ?? 5_000,
    emailsQuietMs: options.emailsQuietMs ?? 3_000,
  });
  const health = await fetch(`${options.baseUrl}/api/health`).catch(() => undefined);
  if (!health?.ok)
    throw new Error(
      `Retorno does not answer at ${options.baseUrl}: start it with npm start (in another terminal) first`,
    );
  await fundTheDemo(demo);
  const requests = demoRequests(await client.clockNow());
  const journey = await walkToClosed(demo, requests.journey);
  const ineligible = await refusedByTheRules(demo, requests.ineligible);
  const rejected = await refusedByATransitCountry(demo, requests.rejected);
  demo.heading('Where the three cases ended:');
  for (const [label, outcome] of [
    ['the child going home', journey],
    ['the adult stranded by a hurricane', ineligible],
    ['the overland return', rejected],
  ] as const)
    demo.say(
      `  ${outcome.caseId}  ${outcome.status.padEnd(22)}  ${label}${outcome.stoppedWaitingFor ? ` (the workflow goes no further yet)` : ''}`,
    );
  return { journey, ineligible, rejected };
}

if (require.main === module) {
  const settings = readLocalSettings();
  runDemo({
    baseUrl: `http://${settings.host}:${settings.apiPort}`,
    sesUrl: `http://${settings.host}:${settings.sesPort}`,
  }).catch((error: unknown) => {
    console.error(`npm run demo failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
