/**
 * The language of the interface: Spanish or English, chosen by the switch, else the browser's,
 * kept in localStorage across visits, and mirrored on `<html lang>`.
 */
import { effect, signal } from '@preact/signals';
import { LOCALES } from '../../../shared/locales';

export const LANGUAGES = ['es', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** The locale Intl formats with: Latin American Spanish, or US English (as the server's). */
export const LOCALE: Record<Language, string> = LOCALES;

const STORAGE_KEY = 'retorno.language';

function initialLanguage(): Language {
  const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
  if (stored === 'es' || stored === 'en') return stored;
  const preferred = globalThis.navigator?.languages ?? [];
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    if (base === 'es' || base === 'en') return base;
  }
  return 'es';
}

export const language = signal<Language>(initialLanguage());

export function setLanguage(next: Language): void {
  language.value = next;
  globalThis.localStorage?.setItem(STORAGE_KEY, next);
}

if (globalThis.document) {
  effect(() => {
    document.documentElement.lang = language.value;
  });
}
