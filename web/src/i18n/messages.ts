/**
 * Typed message catalogues. A screen writes its English messages as the shape and its Spanish
 * ones against it with `satisfies`, so a key missing in either language fails the type check:
 *
 *   const text = defineMessages({ en: { title: 'Inbox' }, es: { title: 'Bandeja' } });
 *   text().title
 *
 * Messages that take values are functions of them, in both languages.
 */
import { language } from './language';

type Message = string | ((...values: never[]) => string);
export interface Catalogue {
  readonly [key: string]: Message | Catalogue;
}

/** The same keys, with any text (or a function of the same arguments) in their place. */
export type Translation<T> = {
  readonly [K in keyof T]: T[K] extends string
    ? string
    : T[K] extends (...values: infer A) => string
      ? (...values: A) => string
      : Translation<T[K]>;
};

/** Answers the catalogue of the current language; call it while rendering (it reads a signal). */
export function defineMessages<T extends Catalogue>(catalogues: {
  readonly en: T;
  readonly es: Translation<T>;
}): () => Translation<T> {
  return () => catalogues[language.value] as Translation<T>;
}
