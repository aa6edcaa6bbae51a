/**
 * The local identity provider: an ES256 key pair (kept on disk so tokens survive a restart),
 * its JSON Web Key Set, and signed JWTs shaped like Cognito's (sub, cognito:username,
 * cognito:groups, iss, aud, iat, exp). Built on jose; only the local cloud issues tokens.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, type JSONWebKeySet, type JWK, SignJWT } from 'jose';
import { GROUPS_CLAIM } from '../../shared/roles';
import type { DemoUser } from './demo-users';

export const LOCAL_ISSUER = 'https://retorno.local/auth';
export const LOCAL_AUDIENCE = 'retorno-api';

export interface TokenIssuer {
  readonly jwks: JSONWebKeySet;
  readonly issuer: string;
  readonly audience: string;
  issue(
    user: DemoUser,
    options?: { readonly expiresInSeconds?: number; readonly now?: number },
  ): Promise<string>;
}

type KeyFile = { privateJwk: JWK; publicJwk: JWK };

async function loadOrCreateKeys(keyFile?: string): Promise<KeyFile> {
  if (keyFile) {
    try {
      return JSON.parse(readFileSync(keyFile, 'utf8')) as KeyFile;
    } catch {
      // first start: make a key pair below
    }
  }
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const kid = randomUUID();
  const keys = {
    privateJwk: { ...(await exportJWK(privateKey)), kid, alg: 'ES256', use: 'sig' },
    publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' },
  };
  if (keyFile) {
    mkdirSync(dirname(keyFile), { recursive: true });
    writeFileSync(keyFile, JSON.stringify(keys), { mode: 0o600 });
  }
  return keys;
}

/** @param keyFile where the key pair is kept; a fresh in-memory pair when absent. */
export async function createTokenIssuer(
  options: {
    readonly keyFile?: string;
    /** @default 8 hours, one working day */
    readonly defaultExpiresInSeconds?: number;
  } = {},
): Promise<TokenIssuer> {
  const { privateJwk, publicJwk } = await loadOrCreateKeys(options.keyFile);
  const privateKey = await importJWK(privateJwk, 'ES256');
  return {
    jwks: { keys: [publicJwk] },
    issuer: LOCAL_ISSUER,
    audience: LOCAL_AUDIENCE,
    async issue(
      user,
      { expiresInSeconds = options.defaultExpiresInSeconds ?? 8 * 3600, now = Date.now() } = {},
    ) {
      const iat = Math.floor(now / 1000);
      return new SignJWT({
        'cognito:username': user.username,
        [GROUPS_CLAIM]: [...user.groups],
        token_use: 'id',
        name: user.displayName,
      })
        .setProtectedHeader({ alg: 'ES256', kid: publicJwk.kid!, typ: 'JWT' })
        .setSubject(user.subject)
        .setIssuer(LOCAL_ISSUER)
        .setAudience(LOCAL_AUDIENCE)
        .setIssuedAt(iat)
        .setExpirationTime(iat + expiresInSeconds)
        .setJti(randomUUID())
        .sign(privateKey);
    },
  };
}
