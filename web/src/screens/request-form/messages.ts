/** The new-request form's words in both languages: sections, field labels, hints, notices. */
import type { BestInterestsOutcome, DocumentType, Sex } from '../../../../shared/contracts/case-request';
import { language } from '../../i18n/language';
import { defineMessages } from '../../i18n/messages';
import type { FieldPath } from './form-state';

export const SECTION_KEYS = [
  'person',
  'location',
  'returnTo',
  'route',
  'vulnerabilities',
  'needs',
  'consent',
  'child',
  'costs',
  'other',
] as const;
export type SectionKey = (typeof SECTION_KEYS)[number];

/** The section an issue's path belongs to. */
export function sectionOf(path: string): SectionKey | undefined {
  const head = path.split('.')[0];
  switch (head) {
    case 'migrant':
      return 'person';
    case 'location':
    case 'returnTo':
    case 'route':
    case 'vulnerabilities':
    case 'needs':
    case 'consent':
    case 'child':
    case 'costs':
      return head;
    case 'circumstances':
    case 'contact':
    case 'submitterNotes':
      return 'other';
    default:
      return undefined;
  }
}

type FieldLabels = Record<FieldPath | 'costs', string>;

const FIELDS: Record<'en' | 'es', FieldLabels> = {
  en: {
    'migrant.givenNames': 'Given names',
    'migrant.familyNames': 'Family names',
    'migrant.dateOfBirth': 'Date of birth',
    'migrant.sex': 'Sex',
    'migrant.nationality': 'Nationality',
    'migrant.documentType': 'Identity document',
    'migrant.documentNumber': 'Document number',
    'location.country': 'Country',
    'location.city': 'City',
    'location.facility': 'Shelter, hospital or other place',
    'returnTo.country': 'Country',
    'returnTo.city': 'City or town',
    'returnTo.address': 'Address',
    'returnTo.receivingContact.name': 'Name',
    'returnTo.receivingContact.relationship': 'Relationship to the person',
    'returnTo.receivingContact.phone': 'Phone',
    'route.mode': 'Travel by',
    'route.transitCountries': 'Transit countries',
    'route.earliestDeparture': 'Earliest departure',
    vulnerabilities: 'Vulnerabilities',
    'needs.escort': 'Needs an escort',
    'needs.medicalEscort': 'Needs a medical escort',
    'needs.wheelchair': 'Needs a wheelchair',
    'needs.notes': 'Other needs',
    'consent.informedConsent': 'The person was told what the return involves and chose it freely',
    'consent.consentDate': 'Date of consent',
    'consent.dataTransferConsent': 'Countries the person agreed to share their data with',
    'consent.language': 'Language the consent was explained in',
    'child.bestInterestsDetermination.decidedOn': 'Decided on',
    'child.bestInterestsDetermination.authority': 'Child-protection authority',
    'child.bestInterestsDetermination.outcome': 'Outcome',
    'child.bestInterestsDetermination.reference': 'Reference',
    'child.guardian.name': 'Name',
    'child.guardian.relationship': 'Relationship to the child',
    'child.guardian.phone': 'Phone',
    'costs.transport': 'Transport',
    'costs.escort': 'Escort',
    'costs.lodging': 'Lodging',
    'costs.food': 'Food',
    'costs.documents': 'Documents',
    'costs.medical': 'Medical',
    'costs.other': 'Other',
    costs: 'Costs',
    circumstances: 'Circumstances',
    'contact.phone': 'Phone of the person',
    'contact.email': 'Email of the person',
    submitterNotes: 'Notes for the approvers',
  },
  es: {
    'migrant.givenNames': 'Nombres',
    'migrant.familyNames': 'Apellidos',
    'migrant.dateOfBirth': 'Fecha de nacimiento',
    'migrant.sex': 'Sexo',
    'migrant.nationality': 'Nacionalidad',
    'migrant.documentType': 'Documento de identidad',
    'migrant.documentNumber': 'Número de documento',
    'location.country': 'País',
    'location.city': 'Ciudad',
    'location.facility': 'Albergue, hospital u otro lugar',
    'returnTo.country': 'País',
    'returnTo.city': 'Ciudad o localidad',
    'returnTo.address': 'Dirección',
    'returnTo.receivingContact.name': 'Nombre',
    'returnTo.receivingContact.relationship': 'Relación con la persona',
    'returnTo.receivingContact.phone': 'Teléfono',
    'route.mode': 'Viaje por vía',
    'route.transitCountries': 'Países de tránsito',
    'route.earliestDeparture': 'Salida más temprana',
    vulnerabilities: 'Vulnerabilidades',
    'needs.escort': 'Necesita escolta',
    'needs.medicalEscort': 'Necesita escolta médica',
    'needs.wheelchair': 'Necesita silla de ruedas',
    'needs.notes': 'Otras necesidades',
    'consent.informedConsent': 'Se explicó a la persona lo que implica el retorno y lo eligió libremente',
    'consent.consentDate': 'Fecha del consentimiento',
    'consent.dataTransferConsent': 'Países con los que la persona aceptó compartir sus datos',
    'consent.language': 'Idioma en que se explicó el consentimiento',
    'child.bestInterestsDetermination.decidedOn': 'Fecha de la decisión',
    'child.bestInterestsDetermination.authority': 'Autoridad de protección de la niñez',
    'child.bestInterestsDetermination.outcome': 'Resultado',
    'child.bestInterestsDetermination.reference': 'Referencia',
    'child.guardian.name': 'Nombre',
    'child.guardian.relationship': 'Relación con la niña o el niño',
    'child.guardian.phone': 'Teléfono',
    'costs.transport': 'Transporte',
    'costs.escort': 'Escolta',
    'costs.lodging': 'Alojamiento',
    'costs.food': 'Alimentación',
    'costs.documents': 'Documentos',
    'costs.medical': 'Atención médica',
    'costs.other': 'Otros',
    costs: 'Costos',
    circumstances: 'Circunstancias',
    'contact.phone': 'Teléfono de la persona',
    'contact.email': 'Correo electrónico de la persona',
    submitterNotes: 'Notas para quienes aprueban',
  },
};

/** The label of the field at `path`, in the current language (the path itself if unknown). */
export function fieldLabel(path: string): string {
  return (FIELDS[language.value] as Record<string, string>)[path] ?? path;
}

const SEX: Record<'en' | 'es', Record<Sex, string>> = {
  en: { female: 'Female', male: 'Male', other: 'Other', undisclosed: 'Prefers not to say' },
  es: { female: 'Mujer', male: 'Hombre', other: 'Otro', undisclosed: 'Prefiere no decirlo' },
};
const DOCUMENT: Record<'en' | 'es', Record<DocumentType, string>> = {
  en: {
    passport: 'Passport',
    national_id: 'National identity card',
    birth_certificate: 'Birth certificate',
    consular_id: 'Consular identity card',
    travel_document: 'Travel document',
    other: 'Other',
  },
  es: {
    passport: 'Pasaporte',
    national_id: 'Documento nacional de identidad',
    birth_certificate: 'Partida de nacimiento',
    consular_id: 'Matrícula consular',
    travel_document: 'Documento de viaje',
    other: 'Otro',
  },
};
const OUTCOME: Record<'en' | 'es', Record<BestInterestsOutcome, string>> = {
  en: { return: 'Return is in the child’s best interests', stay: 'Stay', other: 'Other' },
  es: { return: 'El retorno es lo mejor para la niña o el niño', stay: 'Permanecer', other: 'Otro' },
};

export const sexName = (value: Sex): string => SEX[language.value][value];
export const documentTypeName = (value: DocumentType): string => DOCUMENT[language.value][value];
export const outcomeName = (value: BestInterestsOutcome): string => OUTCOME[language.value][value];

export const text = defineMessages({
  en: {
    title: 'New request',
    intro:
      'Tell the Fund about a person who asks to go home. What you type is kept in this browser tab as a draft until you submit it, discard it or sign out.',
    sectionsNav: 'Sections of the request',
    sections: {
      person: 'Person',
      location: 'Where the person is now',
      returnTo: 'Where home is',
      route: 'Route',
      vulnerabilities: 'Vulnerabilities',
      needs: 'Needs for the journey',
      consent: 'Consent',
      child: 'Child protection',
      costs: 'Costs',
      other: 'Circumstances and contact',
    },
    sectionIssues: (count: number) => (count === 1 ? '1 problem' : `${count} problems`),
    choose: 'Choose…',
    none: 'None',
    optional: '(optional)',
    hints: {
      nationality: (country: string) => `Your consulate submits for nationals of ${country}.`,
      dateOfBirth: 'Under 18 asks for the child-protection section.',
      documentNumber: 'Give the document type with the number.',
      receivingContact: 'Someone who will receive the person at home',
      transit: 'Tick them in the order the route crosses them; none for a flight.',
      transitOrder: 'Order of the route',
      moveUp: (country: string) => `Move ${country} up`,
      vulnerabilities: 'Tick every one that applies; at least one.',
      dataTransfer: 'Every country on the route: where the person is, the transit countries and home.',
      tickRoute: 'Tick the countries on the route',
      consentLanguage: 'For example: es, mam, garífuna.',
      child: 'Asked because the person is under 18 or was declared an unaccompanied child.',
      bid: 'Best-interests determination',
      guardian: 'Parent or guardian who receives the child',
      costs: 'In US dollars. An empty amount counts as 0.',
      phone: 'Digits, spaces, ()- and an optional leading +.',
    },
    total: 'Total requested',
    ceiling: (ceiling: string) => `The Fund pays at most ${ceiling} per case.`,
    ceilingDefault: (ceiling: string) =>
      `The Fund pays at most ${ceiling} per case (the usual ceiling: the fund could not be read).`,
    withinCeiling: (left: string) => `Within the ceiling: ${left} left.`,
    overCeiling: (over: string) =>
      `Over the ceiling by ${over}: the case would be found ineligible. Check the costs.`,
    draftRestored: (when: string) => `Your draft of ${when} was restored.`,
    discard: 'Discard draft',
    discardConfirm: 'Discard everything typed in this draft? This cannot be undone.',
    discardYes: 'Yes, discard it',
    discardNo: 'Keep the draft',
    submit: 'Submit request',
    submitting: 'Submitting…',
    conflict: 'The request was not stored.',
    forbidden: 'You may not submit this request.',
    keyReused:
      'This request was already sent once with other details, and that earlier version may be recorded. Look for it in your cases before sending again: sending now makes a new request.',
    yourCases: 'See your cases',
    consularOnly: 'Only consular officers submit requests.',
  },
  es: {
    title: 'Nueva solicitud',
    intro:
      'Informe al Fondo sobre una persona que pide volver a su país. Lo que escriba se guarda en esta pestaña del navegador como borrador hasta que lo envíe, lo descarte o cierre la sesión.',
    sectionsNav: 'Secciones de la solicitud',
    sections: {
      person: 'Persona',
      location: 'Dónde está la persona',
      returnTo: 'Adónde regresa',
      route: 'Ruta',
      vulnerabilities: 'Vulnerabilidades',
      needs: 'Necesidades para el viaje',
      consent: 'Consentimiento',
      child: 'Protección de la niñez',
      costs: 'Costos',
      other: 'Circunstancias y contacto',
    },
    sectionIssues: (count: number) => (count === 1 ? '1 problema' : `${count} problemas`),
    choose: 'Elija…',
    none: 'Ninguno',
    optional: '(opcional)',
    hints: {
      nationality: (country: string) => `Su consulado presenta solicitudes de nacionales de ${country}.`,
      dateOfBirth: 'Menos de 18 años pide la sección de protección de la niñez.',
      documentNumber: 'Indique el tipo de documento junto con el número.',
      receivingContact: 'Quien recibirá a la persona en su país',
      transit: 'Márquelos en el orden en que la ruta los cruza; ninguno para un vuelo.',
      transitOrder: 'Orden de la ruta',
      moveUp: (country: string) => `Subir ${country}`,
      vulnerabilities: 'Marque todas las que correspondan; al menos una.',
      dataTransfer: 'Todos los países de la ruta: donde está la persona, los de tránsito y el de retorno.',
      tickRoute: 'Marcar los países de la ruta',
      consentLanguage: 'Por ejemplo: es, mam, garífuna.',
      child:
        'Se pide porque la persona es menor de 18 años o se declaró niña, niño o adolescente no acompañado.',
      bid: 'Determinación del interés superior',
      guardian: 'Madre, padre o tutor que recibe a la niña o el niño',
      costs: 'En dólares estadounidenses. Un monto vacío cuenta como 0.',
      phone: 'Dígitos, espacios, ()- y un + inicial opcional.',
    },
    total: 'Total solicitado',
    ceiling: (ceiling: string) => `El Fondo paga como máximo ${ceiling} por caso.`,
    ceilingDefault: (ceiling: string) =>
      `El Fondo paga como máximo ${ceiling} por caso (el tope habitual: no se pudo leer el fondo).`,
    withinCeiling: (left: string) => `Dentro del tope: quedan ${left}.`,
    overCeiling: (over: string) =>
      `Supera el tope por ${over}: el caso resultaría no elegible. Revise los costos.`,
    draftRestored: (when: string) => `Se recuperó su borrador del ${when}.`,
    discard: 'Descartar borrador',
    discardConfirm: '¿Descartar todo lo escrito en este borrador? No se puede deshacer.',
    discardYes: 'Sí, descartarlo',
    discardNo: 'Conservar el borrador',
    submit: 'Enviar solicitud',
    submitting: 'Enviando…',
    conflict: 'La solicitud no se guardó.',
    forbidden: 'No puede presentar esta solicitud.',
    keyReused:
      'Esta solicitud ya se envió una vez con otros datos, y esa versión anterior puede estar registrada. Búsquela en sus casos antes de enviar de nuevo: enviarla ahora crea una solicitud nueva.',
    yourCases: 'Ver sus casos',
    consularOnly: 'Solo el personal consular presenta solicitudes.',
  },
});
