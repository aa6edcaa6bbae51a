/**
 * The body of `POST /api/cases`: what a consular officer tells Retorno about a migrant who asks
 * to go home. Field names are fixed by issue 4; the optional extras (circumstances, contact,
 * receiving family, submitter notes) are what approvers and receiving authorities asked for.
 *
 * This contract checks shape only (types, known countries, real dates, money). Whether the case
 * is eligible is the eligibility rules' job: an ineligible case is kept and explained, while a
 * malformed body is refused with 400 and stores nothing.
 */
import * as z from 'zod';
import { closedObject } from './closed-object';
import { countryCodeSchema } from './country';
import { calendarDateSchema, pastDateSchema } from './dates';
import { usdAmountSchema } from './money';
import { identifierSchema, NAME_MAX, notesSchema, textSchema } from './text';

export const SEXES = ['female', 'male', 'other', 'undisclosed'] as const;
export type Sex = (typeof SEXES)[number];

/** Identity documents a consulate can record. */
export const DOCUMENT_TYPES = [
  'passport',
  'national_id',
  'birth_certificate',
  'consular_id',
  'travel_document',
  'other',
] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

/** The vulnerability profiles of the RCM Reserve Fund (docs/domain.md). */
export const VULNERABILITIES = [
  'unaccompanied_child',
  'disability',
  'older_person',
  'illness_or_injury',
  'pregnancy',
  'trafficking_victim',
  'violence_victim',
  'disaster_stranded',
] as const;
export type Vulnerability = (typeof VULNERABILITIES)[number];

export const ROUTE_MODES = ['air', 'land', 'sea'] as const;
export type RouteMode = (typeof ROUTE_MODES)[number];

export const BID_OUTCOMES = ['return', 'stay', 'other'] as const;
export type BestInterestsOutcome = (typeof BID_OUTCOMES)[number];

export const COST_ITEMS = [
  'transport',
  'escort',
  'lodging',
  'food',
  'documents',
  'medical',
  'other',
] as const;
export type CostItem = (typeof COST_ITEMS)[number];

const phoneSchema = /* @__PURE__ */ (() =>
  z
    .string({ error: 'must be text' })
    .trim()
    .regex(/^\+?[0-9 ()-]{6,24}$/, {
      message: 'must be a phone number: digits, spaces, ()- and an optional leading +',
    }))();

export const migrantSchema = /* @__PURE__ */ (() =>
  closedObject({
    givenNames: textSchema(NAME_MAX),
    familyNames: textSchema(NAME_MAX),
    dateOfBirth: pastDateSchema,
    sex: z.enum(SEXES, { error: `must be one of ${SEXES.join(', ')}` }),
    nationality: countryCodeSchema,
    documentType: z.enum(DOCUMENT_TYPES, { error: `must be one of ${DOCUMENT_TYPES.join(', ')}` }).optional(),
    documentNumber: identifierSchema(40).optional(),
  }).refine((migrant) => migrant.documentNumber === undefined || migrant.documentType !== undefined, {
    // Without the type, a number cannot be matched reliably against other cases of the same person.
    message: 'documentType is required when documentNumber is given',
    path: ['documentType'],
    params: { rule: 'required_with_document_number' },
  }))();
export type Migrant = z.infer<typeof migrantSchema>;

export const locationSchema = /* @__PURE__ */ (() =>
  closedObject({
    country: countryCodeSchema,
    city: textSchema(NAME_MAX),
    /** Shelter, hospital or other place where the person can be found. */
    facility: textSchema(200).optional(),
  }))();

/** Someone who will receive the person at home (family, community), for the reception plan. */
export const receivingContactSchema = /* @__PURE__ */ (() =>
  closedObject({
    name: textSchema(200),
    relationship: textSchema(NAME_MAX),
    phone: phoneSchema.optional(),
  }))();

export const returnToSchema = /* @__PURE__ */ (() =>
  closedObject({
    country: countryCodeSchema,
    city: textSchema(NAME_MAX),
    address: textSchema(300).optional(),
    receivingContact: receivingContactSchema.optional(),
  }))();

export const routeSchema = /* @__PURE__ */ (() =>
  closedObject({
    mode: z.enum(ROUTE_MODES, { error: `must be one of ${ROUTE_MODES.join(', ')}` }),
    /** Countries crossed on an overland or sea route, in order. Empty for air. */
    transitCountries: z.array(countryCodeSchema).max(10, { message: 'must list at most 10 countries' }),
    /** Earliest day the person can travel (fitness to travel, documents). */
    earliestDeparture: calendarDateSchema.optional(),
  }))();

export const needsSchema = /* @__PURE__ */ (() =>
  closedObject({
    escort: z.boolean({ error: 'must be true or false' }),
    medicalEscort: z.boolean({ error: 'must be true or false' }),
    wheelchair: z.boolean({ error: 'must be true or false' }),
    notes: notesSchema().optional(),
  }))();

export const consentSchema = /* @__PURE__ */ (() =>
  closedObject({
    /** The person was told what the return involves and chose it freely. */
    informedConsent: z.boolean({ error: 'must be true or false' }),
    consentDate: pastDateSchema,
    /** Countries the person agreed their data may be shared with (all countries on the route). */
    dataTransferConsent: z
      .array(countryCodeSchema)
      .max(11, { message: 'must list at most 11 countries' })
      .refine((codes) => new Set(codes).size === codes.length, {
        message: 'must not list a country twice',
        params: { rule: 'unique' },
      }),
    /** Language the consent was explained in, e.g. "es", "mam", "garífuna". */
    language: textSchema(40).optional(),
  }))();

export const bestInterestsDeterminationSchema = /* @__PURE__ */ (() =>
  closedObject({
    decidedOn: pastDateSchema,
    /** The child-protection authority that decided (e.g. DINAF, PGN, CONAPINA, DIF). */
    authority: textSchema(200),
    outcome: z.enum(BID_OUTCOMES, { error: `must be one of ${BID_OUTCOMES.join(', ')}` }),
    reference: identifierSchema(100).optional(),
  }))();

export const guardianSchema = /* @__PURE__ */ (() =>
  closedObject({
    name: textSchema(200),
    relationship: textSchema(NAME_MAX),
    phone: phoneSchema.optional(),
  }))();

export const childSchema = /* @__PURE__ */ (() =>
  closedObject({
    bestInterestsDetermination: bestInterestsDeterminationSchema,
    /** The parent or guardian who receives the child at home, when known. */
    guardian: guardianSchema.optional(),
  }))();

export const costsSchema = /* @__PURE__ */ (() =>
  closedObject({
    transport: usdAmountSchema,
    escort: usdAmountSchema,
    lodging: usdAmountSchema,
    food: usdAmountSchema,
    documents: usdAmountSchema,
    medical: usdAmountSchema,
    other: usdAmountSchema,
  }).refine((costs) => Object.values(costs).some((amount) => amount > 0), {
    // A case with nothing to pay would be eligible and then fail when the fund holds nothing for it.
    message: 'at least one cost must be greater than 0',
    params: { rule: 'positive_total' },
  }))();
export type Costs = z.infer<typeof costsSchema>;

/** How to reach the migrant while the case runs. */
export const migrantContactSchema = /* @__PURE__ */ (() =>
  closedObject({
    phone: phoneSchema.optional(),
    email: z.email({ message: 'must be an email address' }).max(254).optional(),
  }))();

/** The body of `POST /api/cases`. */
export const caseRequestSchema = /* @__PURE__ */ (() =>
  closedObject({
    migrant: migrantSchema,
    location: locationSchema,
    returnTo: returnToSchema,
    route: routeSchema,
    vulnerabilities: z
      .array(z.enum(VULNERABILITIES, { error: `must be one of ${VULNERABILITIES.join(', ')}` }))
      .min(1, { message: 'must name at least one vulnerability' })
      .max(VULNERABILITIES.length, { message: 'must not name more vulnerabilities than there are' })
      .refine((list) => new Set(list).size === list.length, {
        message: 'must not name a vulnerability twice',
        params: { rule: 'unique' },
      }),
    needs: needsSchema,
    consent: consentSchema,
    child: childSchema.optional(),
    costs: costsSchema,
    /** Why the person is vulnerable and asks to return, in the officer's words. */
    circumstances: notesSchema(4000).optional(),
    contact: migrantContactSchema.optional(),
    /** Notes for approvers from the submitting consulate. */
    submitterNotes: notesSchema().optional(),
  }))();

/** A parsed, valid case request. */
export type CaseRequest = z.infer<typeof caseRequestSchema>;
/** What a client sends before parsing (optional fields may be absent). */
export type CaseRequestInput = z.input<typeof caseRequestSchema>;
