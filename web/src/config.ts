/**
 * Where the API is and how people sign in. On AWS the stack writes `/config.json` beside the app
 * (the API's URL and the Cognito app client); locally there is none: the API is on the same
 * origin and sign-in picks a demo user of the local cloud.
 */
export type AuthConfig =
  | { readonly kind: 'local' }
  | {
      readonly kind: 'cognito';
      /** The user pool's issuer, `https://cognito-idp.<region>.amazonaws.com/<poolId>`. */
      readonly authority: string;
      readonly clientId: string;
      /** The hosted sign-in's domain, `https://<prefix>.auth.<region>.amazoncognito.com`. */
      readonly domain: string;
    };

export interface WebConfig {
  /** The API's base, without a trailing slash, or '' for the same origin. */
  readonly apiUrl: string;
  readonly auth: AuthConfig;
}

let loaded: Promise<WebConfig> | undefined;

export function webConfig(): Promise<WebConfig> {
  loaded ??= (async () => {
    try {
      const response = await fetch('/config.json', { headers: { accept: 'application/json' } });
      // Locally the path falls back to index.html: anything that is not JSON means "no config".
      if (!response.ok || !response.headers.get('content-type')?.includes('json')) throw new Error();
      const config = (await response.json()) as Partial<WebConfig>;
      return {
        apiUrl: (config.apiUrl ?? '').replace(/\/$/, ''),
        auth: config.auth ?? { kind: 'local' },
      };
    } catch {
      return { apiUrl: '', auth: { kind: 'local' } };
    }
  })();
  return loaded;
}
