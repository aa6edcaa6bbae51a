/**
 * Text hygiene for every string a person types, in one place. Text is NFC-normalised and trimmed,
 * bounded in length, and refused (400, naming the field and the rule) when it could hide
 * something: control characters (a NUL, a terminal escape), bidi embeddings, overrides and
 * isolates (which make text read other than it is stored), and lone surrogates (not text at all).
 * Required text must have a visible character, so a zero-width space is no reason for a
 * rejection and no one's given names.
 */
import * as z from 'zod';

/** Short names (a city, a person's given names). */
export const NAME_MAX = 100;
/** Notes and explanations typed by officers. */
export const NOTES_MAX = 2000;

/**
 * C0 and C1 controls, DEL and the Unicode line and paragraph separators; in multi-line text,
 * newline and tab (and CR before a newline) are allowed.
 */
const CONTROL = /[\p{Cc}\p{Zl}\p{Zp}]/u;
const CONTROL_BUT_LINE_BREAKS = /(?!\r\n)[^\P{Cc}\n\t]|[\p{Zl}\p{Zp}]/u;
/** Format characters (zero-width space and joiners, soft hyphen, BOM): invisible, so never in an identifier. */
const FORMAT = /\p{Cf}/u;
/** LRE, RLE, PDF, LRO, RLO and LRI, RLI, FSI, PDI. The left-to-right and right-to-left marks are allowed. */
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/u;
/** A surrogate not paired with its other half: with the u flag it is matched as a code point of its own. */
const LONE_SURROGATE = /\p{Cs}/u;
/**
 * Something a reader can see: not white space, not a format character (zero-width space and
 * joiners, soft hyphen, BOM), not a combining mark on nothing, and not one of the letters that
 * render as blank (Hangul fillers, the braille blank).
 */
const VISIBLE = /[^\p{White_Space}\p{Cc}\p{Cf}\p{Cs}\p{Mn}\p{Me}\u115F\u1160\u3164\uFFA0\u2800]/u;

export interface TextOptions {
  /** Notes may span lines: newline and tab are allowed, other control characters are not. @default false */
  readonly multiline?: boolean;
  /**
   * An identifier (a reference, a document number): compared and keyed, so it may hold no
   * invisible format character, which would make two identifiers that read alike differ. @default false
   */
  readonly identifier?: boolean;
}

/** A trimmed, NFC-normalised string of 1 to `max` characters, with a visible character and nothing hidden. */
export function textSchema(max: number, options: TextOptions = {}) {
  const control = options.multiline ? CONTROL_BUT_LINE_BREAKS : CONTROL;
  return z
    .string({ error: 'must be text' })
    .refine((text) => !LONE_SURROGATE.test(text), {
      message: 'must be well-formed text (it has a lone surrogate)',
      params: { rule: 'well_formed' },
      abort: true,
    })
    .normalize('NFC')
    .trim()
    .min(1, { message: 'must not be empty' })
    .max(max, { message: `must be at most ${max} characters` })
    .refine((text) => !control.test(text), {
      message: options.multiline
        ? 'must not contain control characters other than newline and tab'
        : 'must not contain control characters',
      params: { rule: 'no_control_characters' },
    })
    .refine((text) => !options.identifier || !FORMAT.test(text), {
      message: 'must not contain invisible format characters (zero-width spaces, joiners, soft hyphens)',
      params: { rule: 'no_format_characters' },
    })
    .refine((text) => !BIDI_CONTROL.test(text), {
      message: 'must not contain bidirectional embedding, override or isolate characters',
      params: { rule: 'no_bidi_controls' },
    })
    .refine((text) => text.length === 0 || VISIBLE.test(text), {
      message: 'must contain a visible character',
      params: { rule: 'visible_text' },
    });
}

/** References and document numbers: text that is compared and keyed. */
export function identifierSchema(max: number) {
  return textSchema(max, { identifier: true });
}

/** Notes, comments and reasons: text that may span lines. */
export function notesSchema(max: number = NOTES_MAX) {
  return textSchema(max, { multiline: true });
}
