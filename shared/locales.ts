/**
 * The two languages Retorno writes in and the locale each is formatted with (`Intl`), the same on
 * the server (timeline sentences, emails, eligibility reasons) and in the web app.
 */
export const LOCALES = { es: 'es-419', en: 'en-US' } as const;
export type Language = keyof typeof LOCALES;
