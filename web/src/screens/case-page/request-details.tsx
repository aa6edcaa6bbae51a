/**
 * The request as submitted, or the part of it the caller's disclosure profile sees (a transit
 * country may see little more than the name and `needs.escort`): each group shows only when the
 * answer carries something of it, each row only when its field is there.
 */
import type { CaseDetail } from '../../../../shared/contracts/case';
import {
  type BestInterestsOutcome,
  COST_ITEMS,
  type CostItem,
  type DocumentType,
  type Sex,
} from '../../../../shared/contracts/case-request';
import { formatDate, formatLanguage, formatMoney } from '../../i18n/format';
import { countryName, routeModeName } from '../../i18n/labels';
import { defineMessages } from '../../i18n/messages';
import { anyFact, type Fact, Facts, yesNo } from './facts';

const text = defineMessages({
  en: {
    heading: 'The request',
    migrant: 'Person',
    migrant_: {
      givenNames: 'Given names',
      familyNames: 'Family names',
      dateOfBirth: 'Date of birth',
      sex: 'Sex',
      nationality: 'Nationality',
      documentType: 'Document',
      documentNumber: 'Document number',
    },
    sex: { female: 'Female', male: 'Male', other: 'Other', undisclosed: 'Not disclosed' },
    documentType: {
      passport: 'Passport',
      national_id: 'National identity card',
      birth_certificate: 'Birth certificate',
      consular_id: 'Consular identity card',
      travel_document: 'Travel document',
      other: 'Other',
    },
    location: 'Where the person is',
    location_: { country: 'Country', city: 'City', facility: 'Facility' },
    returnTo: 'Where the person returns to',
    returnTo_: { country: 'Country', city: 'City', address: 'Address', receivingContact: 'Received by' },
    route: 'Route',
    route_: { mode: 'Mode', transitCountries: 'Transit countries', earliestDeparture: 'Earliest departure' },
    needs: 'Needs',
    needs_: { escort: 'Escort', medicalEscort: 'Medical escort', wheelchair: 'Wheelchair', notes: 'Notes' },
    consent: 'Consent',
    consent_: {
      informedConsent: 'Informed consent',
      consentDate: 'Consent date',
      dataTransferConsent: 'Data may be shared with',
      language: 'Explained in',
    },
    child: 'Child protection',
    child_: {
      decidedOn: 'Best-interests determination on',
      authority: 'Decided by',
      outcome: 'Outcome',
      reference: 'Reference',
      guardian: 'Guardian',
    },
    outcome: { return: 'Return', stay: 'Stay', other: 'Other' },
    costs: 'Costs',
    cost: {
      transport: 'Transport',
      escort: 'Escort',
      lodging: 'Lodging',
      food: 'Food',
      documents: 'Documents',
      medical: 'Medical',
      other: 'Other',
    },
    circumstances: 'Circumstances',
    contact: 'Contact',
    contact_: { phone: 'Phone', email: 'Email' },
    submitterNotes: 'Notes for the approvers',
    person: (name: string, relationship: string) => `${name} (${relationship})`,
  },
  es: {
    heading: 'La solicitud',
    migrant: 'Persona',
    migrant_: {
      givenNames: 'Nombres',
      familyNames: 'Apellidos',
      dateOfBirth: 'Fecha de nacimiento',
      sex: 'Sexo',
      nationality: 'Nacionalidad',
      documentType: 'Documento',
      documentNumber: 'Número de documento',
    },
    sex: { female: 'Femenino', male: 'Masculino', other: 'Otro', undisclosed: 'No indicado' },
    documentType: {
      passport: 'Pasaporte',
      national_id: 'Documento nacional de identidad',
      birth_certificate: 'Partida de nacimiento',
      consular_id: 'Matrícula consular',
      travel_document: 'Documento de viaje',
      other: 'Otro',
    },
    location: 'Dónde está la persona',
    location_: { country: 'País', city: 'Ciudad', facility: 'Lugar' },
    returnTo: 'Adónde regresa',
    returnTo_: { country: 'País', city: 'Ciudad', address: 'Dirección', receivingContact: 'La recibe' },
    route: 'Ruta',
    route_: {
      mode: 'Modo',
      transitCountries: 'Países de tránsito',
      earliestDeparture: 'Salida más temprana',
    },
    needs: 'Necesidades',
    needs_: {
      escort: 'Escolta',
      medicalEscort: 'Escolta médica',
      wheelchair: 'Silla de ruedas',
      notes: 'Notas',
    },
    consent: 'Consentimiento',
    consent_: {
      informedConsent: 'Consentimiento informado',
      consentDate: 'Fecha del consentimiento',
      dataTransferConsent: 'Sus datos pueden compartirse con',
      language: 'Explicado en',
    },
    child: 'Protección de la niñez',
    child_: {
      decidedOn: 'Determinación del interés superior el',
      authority: 'Decidida por',
      outcome: 'Resultado',
      reference: 'Referencia',
      guardian: 'Tutor',
    },
    outcome: { return: 'Retorno', stay: 'Permanencia', other: 'Otro' },
    costs: 'Costos',
    cost: {
      transport: 'Transporte',
      escort: 'Escolta',
      lodging: 'Alojamiento',
      food: 'Alimentación',
      documents: 'Documentos',
      medical: 'Atención médica',
      other: 'Otros',
    },
    circumstances: 'Circunstancias',
    contact: 'Contacto',
    contact_: { phone: 'Teléfono', email: 'Correo electrónico' },
    submitterNotes: 'Notas para quienes aprueban',
    person: (name: string, relationship: string) => `${name} (${relationship})`,
  },
});

type Request = NonNullable<CaseDetail['request']>;

function Group(props: { readonly id: string; readonly title: string; readonly facts: readonly Fact[] }) {
  if (!anyFact(props.facts)) return null;
  return (
    <section aria-labelledby={`${props.id}-heading`}>
      <h3 id={`${props.id}-heading`}>{props.title}</h3>
      <Facts facts={props.facts} />
    </section>
  );
}

/** A group that is one text in the officer's words: the heading names it, the text follows. */
function Prose(props: { readonly id: string; readonly title: string; readonly text: string | undefined }) {
  if (!props.text) return null;
  return (
    <section aria-labelledby={`${props.id}-heading`}>
      <h3 id={`${props.id}-heading`}>{props.title}</h3>
      <p class="prose">{props.text}</p>
    </section>
  );
}

function someone(
  who:
    | { name?: string | undefined; relationship?: string | undefined; phone?: string | undefined }
    | undefined,
): string | undefined {
  if (!who?.name) return undefined;
  const named = who.relationship ? text().person(who.name, who.relationship) : who.name;
  return who.phone ? `${named}, ${who.phone}` : named;
}

const countries = (codes: readonly string[] | undefined): string | undefined =>
  codes && codes.length > 0 ? codes.map(countryName).join(', ') : undefined;

export function RequestDetails(props: { readonly request: Request }) {
  const t = text();
  const r = props.request;
  const m = r.migrant;
  const bid = r.child?.bestInterestsDetermination;
  const groups = [
    <Group
      key="migrant"
      id="request-migrant"
      title={t.migrant}
      facts={[
        [t.migrant_.givenNames, m?.givenNames],
        [t.migrant_.familyNames, m?.familyNames],
        [t.migrant_.dateOfBirth, formatDate(m?.dateOfBirth)],
        [t.migrant_.sex, m?.sex ? t.sex[m.sex as Sex] : undefined],
        [t.migrant_.nationality, m?.nationality ? countryName(m.nationality) : undefined],
        [
          t.migrant_.documentType,
          m?.documentType ? t.documentType[m.documentType as DocumentType] : undefined,
        ],
        [t.migrant_.documentNumber, m?.documentNumber],
      ]}
    />,
    <Group
      key="location"
      id="request-location"
      title={t.location}
      facts={[
        [t.location_.country, r.location?.country ? countryName(r.location.country) : undefined],
        [t.location_.city, r.location?.city],
        [t.location_.facility, r.location?.facility],
      ]}
    />,
    <Group
      key="returnTo"
      id="request-return"
      title={t.returnTo}
      facts={[
        [t.returnTo_.country, r.returnTo?.country ? countryName(r.returnTo.country) : undefined],
        [t.returnTo_.city, r.returnTo?.city],
        [t.returnTo_.address, r.returnTo?.address],
        [t.returnTo_.receivingContact, someone(r.returnTo?.receivingContact)],
      ]}
    />,
    <Group
      key="route"
      id="request-route"
      title={t.route}
      facts={[
        [t.route_.mode, r.route?.mode ? routeModeName(r.route.mode) : undefined],
        [t.route_.transitCountries, countries(r.route?.transitCountries)],
        [t.route_.earliestDeparture, formatDate(r.route?.earliestDeparture)],
      ]}
    />,
    <Group
      key="needs"
      id="request-needs"
      title={t.needs}
      facts={[
        [t.needs_.escort, yesNo(r.needs?.escort)],
        [t.needs_.medicalEscort, yesNo(r.needs?.medicalEscort)],
        [t.needs_.wheelchair, yesNo(r.needs?.wheelchair)],
        [t.needs_.notes, r.needs?.notes],
      ]}
    />,
    <Group
      key="consent"
      id="request-consent"
      title={t.consent}
      facts={[
        [t.consent_.informedConsent, yesNo(r.consent?.informedConsent)],
        [t.consent_.consentDate, formatDate(r.consent?.consentDate)],
        [t.consent_.dataTransferConsent, countries(r.consent?.dataTransferConsent)],
        [t.consent_.language, formatLanguage(r.consent?.language)],
      ]}
    />,
    <Group
      key="child"
      id="request-child"
      title={t.child}
      facts={[
        [t.child_.decidedOn, formatDate(bid?.decidedOn)],
        [t.child_.authority, bid?.authority],
        [t.child_.outcome, bid?.outcome ? t.outcome[bid.outcome as BestInterestsOutcome] : undefined],
        [t.child_.reference, bid?.reference],
        [t.child_.guardian, someone(r.child?.guardian)],
      ]}
    />,
    <Group
      key="costs"
      id="request-costs"
      title={t.costs}
      facts={COST_ITEMS.map((item: CostItem) => [t.cost[item], formatMoney(r.costs?.[item])] as const)}
    />,
    <Prose key="circumstances" id="request-circumstances" title={t.circumstances} text={r.circumstances} />,
    <Group
      key="contact"
      id="request-contact"
      title={t.contact}
      facts={[
        [t.contact_.phone, r.contact?.phone],
        [t.contact_.email, r.contact?.email],
      ]}
    />,
    <Prose key="submitterNotes" id="request-notes" title={t.submitterNotes} text={r.submitterNotes} />,
  ];
  return (
    <section class="case-section case-request" aria-labelledby="case-request-heading">
      <h2 id="case-request-heading">{t.heading}</h2>
      <div class="request-groups">{groups}</div>
    </section>
  );
}
