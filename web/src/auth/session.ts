/**
 * Who is signed in: the bearer token the API takes and the principal `/api/me` answered for it,
 * kept in sessionStorage (a reload keeps the session; closing the tab ends it). When the token
 * expires or the API answers 401, the session ends and sign-in is asked for again, remembering
 * the page the user was on so they come back to it.
 */
import { computed, signal } from '@preact/signals';
import type { Principal } from '../../../shared/roles';

export interface Session {
  readonly token: string;
  readonly principal: Principal;
  /** Epoch milliseconds at which the token stops being accepted. */
  readonly expiresAt: number;
}

const SESSION_KEY = 'retorno.session';
const RETURN_KEY = 'retorno.returnTo';

function load(): Session | null {
  try {
    const raw = globalThis.sessionStorage?.getItem(SESSION_KEY);
    const stored = raw ? (JSON.parse(raw) as Session) : null;
    return stored && stored.expiresAt > Date.now() ? stored : null;
  } catch {
    return null;
  }
}

export const session = signal<Session | null>(load());
/** Set when a session ended by itself (expiry, 401), so sign-in can say why it is asked for. */
export const sessionExpired = signal(false);
export const principal = computed(() => session.value?.principal ?? null);

/** The token's `exp`, read without verifying (the API verifies; this only schedules sign-in). */
export function tokenExpiry(token: string): number {
  try {
    const payload = token.split('.')[1] ?? '';
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    const exp = (JSON.parse(json) as { exp?: number }).exp;
    return typeof exp === 'number' ? exp * 1000 : Date.now() + 3_600_000;
  } catch {
    return Date.now() + 3_600_000;
  }
}

export function startSession(next: Session): void {
  session.value = next;
  sessionExpired.value = false;
  sessionStorage.setItem(SESSION_KEY, JSON.stringify(next));
}

/** A renewed token for the same person (Cognito's background renewal). */
export function renewToken(token: string): void {
  const current = session.value;
  if (current) startSession({ ...current, token, expiresAt: tokenExpiry(token) });
}

export function endSession(): void {
  session.value = null;
  sessionStorage.removeItem(SESSION_KEY);
}

/** Ends an expired session and remembers where the user was, to return there after sign-in. */
export function expireSession(returnTo: string): void {
  if (!session.value) return;
  rememberReturn(returnTo);
  endSession();
  sessionExpired.value = true;
}

/**
 * A page of this app to return to, as `path?query`, or undefined: `//host`, `/\host` and
 * absolute URLs resolve to another origin and are refused, so the return can never leave the app.
 */
export function samePagePath(path: string | null | undefined): string | undefined {
  if (!path) return undefined;
  let url: URL;
  try {
    url = new URL(path, location.origin);
  } catch {
    return undefined;
  }
  if (url.origin !== location.origin) return undefined;
  if (url.pathname.startsWith('/sign-in') || url.pathname.startsWith('/auth/')) return undefined;
  return `${url.pathname}${url.search}`;
}

export function rememberReturn(path: string): void {
  const safe = samePagePath(path);
  if (safe) sessionStorage.setItem(RETURN_KEY, safe);
}

/** The page to go to after signing in (and forgets it). */
export function takeReturn(): string {
  const path = samePagePath(sessionStorage.getItem(RETURN_KEY));
  sessionStorage.removeItem(RETURN_KEY);
  return path ?? '/';
}
