/**
 * The member states of the Regional Conference on Migration (RCM), by ISO 3166-1 alpha-2 code.
 * Order follows docs/architecture.md. Names are given in Spanish and English for messages and the web app.
 */
export const RCM_COUNTRIES = {
  BZ: { es: 'Belice', en: 'Belize' },
  CA: { es: 'Canadá', en: 'Canada' },
  CR: { es: 'Costa Rica', en: 'Costa Rica' },
  DO: { es: 'República Dominicana', en: 'Dominican Republic' },
  SV: { es: 'El Salvador', en: 'El Salvador' },
  GT: { es: 'Guatemala', en: 'Guatemala' },
  HN: { es: 'Honduras', en: 'Honduras' },
  MX: { es: 'México', en: 'Mexico' },
  NI: { es: 'Nicaragua', en: 'Nicaragua' },
  PA: { es: 'Panamá', en: 'Panama' },
  US: { es: 'Estados Unidos', en: 'United States' },
} as const;

export type CountryCode = keyof typeof RCM_COUNTRIES;

export const RCM_COUNTRY_CODES = Object.keys(RCM_COUNTRIES) as CountryCode[];

export function isRcmCountry(code: string): code is CountryCode {
  return Object.hasOwn(RCM_COUNTRIES, code);
}
