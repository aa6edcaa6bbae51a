/**
 * Sign-in on AWS: Cognito's hosted sign-in by the authorization code flow with PKCE
 * (oidc-client-ts does the flow, the state and the code verifier). Loaded only when the
 * configuration names Cognito, so the local app never downloads it.
 */
import { UserManager, WebStorageStateStore } from 'oidc-client-ts';
import type { AuthConfig } from '../config';

type CognitoConfig = Extract<AuthConfig, { kind: 'cognito' }>;

let shared: UserManager | undefined;

/** One manager for the page, so the renewal it runs and the events it raises are the same. */
function manager(config: CognitoConfig): UserManager {
  shared ??= new UserManager({
    authority: config.authority,
    client_id: config.clientId,
    redirect_uri: `${location.origin}/auth/callback`,
    post_logout_redirect_uri: `${location.origin}/sign-in`,
    response_type: 'code',
    scope: 'openid email profile',
    userStore: new WebStorageStateStore({ store: sessionStorage }),
    // Cognito's hosted sign-in ends a session at its own logout endpoint, not the OIDC one.
    metadataSeed: { end_session_endpoint: `${config.domain}/logout` },
    // The ID token lives an hour: before it ends, the refresh token (12 h) fetches a new one
    // in the background, so a form being typed is not lost to a sign-in.
    automaticSilentRenew: true,
  });
  return shared;
}

/**
 * Keeps the session's token fresh: each renewed ID token is handed to `onToken`. Called once at
 * start-up on AWS while a session is open.
 */
export function keepSignedIn(config: CognitoConfig, onToken: (idToken: string) => void): void {
  const users = manager(config);
  users.events.addUserLoaded((user) => {
    if (user.id_token) onToken(user.id_token);
  });
  users.startSilentRenew();
}

export async function signInWithCognito(config: CognitoConfig): Promise<void> {
  await manager(config).signinRedirect();
}

/** Finishes the code flow at /auth/callback: answers the ID token (what the API's authorizer takes). */
export async function completeCognitoSignIn(config: CognitoConfig): Promise<string> {
  const user = await manager(config).signinCallback();
  if (!user?.id_token) throw new Error('Cognito answered without an ID token');
  return user.id_token;
}

export async function signOutOfCognito(config: CognitoConfig): Promise<void> {
  await manager(config).signoutRedirect({
    extraQueryParams: { client_id: config.clientId, logout_uri: `${location.origin}/sign-in` },
  });
}
