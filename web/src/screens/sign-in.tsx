/**
 * Sign-in. Locally: choose one of the local cloud's demo users (`GET /local/users`) and take a
 * token from `POST /local/token`. On AWS: Cognito's hosted sign-in (auth/cognito.ts). Either
 * way the principal comes from `/api/me`, and the user goes back to the page they were on.
 */
import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import type { Role } from '../../../shared/roles';
import { sessionExpired, startSession, takeReturn, tokenExpiry } from '../auth/session';
import { webConfig } from '../config';
import { roleName } from '../i18n/labels';
import { defineMessages } from '../i18n/messages';
import { ErrorNotice, Page } from '../ui/common';

const text = defineMessages({
  en: {
    title: 'Sign in',
    expired: 'Your session ended. Sign in again to go back to the page you were on.',
    local: 'This is the local cloud: choose a demo user to act as.',
    user: 'Demo user',
    choose: 'Choose a user…',
    signIn: 'Sign in',
    cognito: 'Sign in with your RCM account',
    required: 'Choose a demo user.',
  },
  es: {
    title: 'Iniciar sesión',
    expired: 'Su sesión terminó. Inicie sesión de nuevo para volver a la página donde estaba.',
    local: 'Esta es la nube local: elija un usuario de demostración.',
    user: 'Usuario de demostración',
    choose: 'Elija un usuario…',
    signIn: 'Iniciar sesión',
    cognito: 'Iniciar sesión con su cuenta de la CRM',
    required: 'Elija un usuario de demostración.',
  },
});

interface DemoUser {
  readonly username: string;
  readonly role: Role;
  readonly country?: string;
  readonly displayName: string;
}

/** Takes a token, asks the API who it belongs to, and opens the session. */
export async function openSession(token: string): Promise<void> {
  const expiresAt = tokenExpiry(token);
  // /api/me is called with the new token before the session holds it.
  const response = await fetch(`${(await webConfig()).apiUrl}/api/me`, {
    headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
  });
  if (!response.ok) throw new Error(`the API refused the token (${response.status})`);
  startSession({ token, principal: await response.json(), expiresAt });
}

export default function SignIn() {
  const t = text();
  const { route } = useLocation();
  const [users, setUsers] = useState<DemoUser[] | null>(null);
  const [kind, setKind] = useState<'local' | 'cognito' | null>(null);
  const [username, setUsername] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void webConfig()
      .then(async (config) => {
        setKind(config.auth.kind);
        if (config.auth.kind === 'local') {
          const answer = await fetch('/local/users').then((r) => r.json() as Promise<{ users: DemoUser[] }>);
          setUsers(answer.users);
        }
      })
      .catch(setError);
  }, []);

  async function submitLocal(event: Event) {
    event.preventDefault();
    if (!username) {
      setProblem(t.required);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const answer = await fetch('/local/token', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username }),
      });
      if (!answer.ok) throw new Error(`no token for ${username}`);
      const { token } = (await answer.json()) as { token: string };
      await openSession(token);
      route(takeReturn(), true);
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  }

  async function submitCognito() {
    const config = await webConfig();
    if (config.auth.kind !== 'cognito') return;
    const { signInWithCognito } = await import('../auth/cognito');
    await signInWithCognito(config.auth);
  }

  return (
    <Page title={t.title}>
      {sessionExpired.value ? (
        <p class="notice" role="status">
          {t.expired}
        </p>
      ) : null}
      {error ? <ErrorNotice error={error} /> : null}
      {kind === 'cognito' ? (
        <button type="button" onClick={submitCognito}>
          {t.cognito}
        </button>
      ) : null}
      {kind === 'local' ? (
        <form onSubmit={submitLocal} noValidate>
          <p>{t.local}</p>
          <label for="sign-in-user">{t.user}</label>
          <select
            id="sign-in-user"
            name="username"
            value={username}
            aria-invalid={problem ? 'true' : undefined}
            aria-describedby={problem ? 'sign-in-user-error' : undefined}
            onChange={(event) => {
              setUsername(event.currentTarget.value);
              setProblem(null);
            }}
          >
            <option value="">{t.choose}</option>
            {(users ?? []).map((user) => (
              <option key={user.username} value={user.username}>
                {user.username} — {roleName(user.role)}
                {user.country ? ` (${user.country})` : ''}
              </option>
            ))}
          </select>
          {problem ? (
            <small id="sign-in-user-error" class="field-error">
              {problem}
            </small>
          ) : null}
          <button type="submit" aria-busy={busy ? 'true' : undefined} disabled={busy}>
            {t.signIn}
          </button>
        </form>
      ) : null}
    </Page>
  );
}
