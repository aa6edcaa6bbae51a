/**
 * The security and caching headers the web app is served with, written once: CloudFront's
 * response headers policies (infra/constructs/web-app.ts) and the local cloud's static file server
 * (local/gateway/static-files.ts) both take them from here, so the app runs under the same
 * Content-Security-Policy on a developer's machine as on AWS.
 *
 * The app is built to need nothing inline: esbuild writes `app.js`, `app.css` and hashed chunks,
 * index.html loads them by URL, Pico's icons are `data:` SVGs in its CSS, and Preact sets styles
 * through the DOM (which CSP does not restrict), so `'self'` is enough for scripts and styles.
 */

/**
 * Origins the app talks to besides its own. The API is always the app's own origin (locally the
 * gateway, on AWS the distribution's `/api/*` behaviour), so only sign-in may add any.
 */
export interface WebOrigins {
  /** Cognito's hosted sign-in, when the app signs in there. */
  readonly signIn?: {
    /**
     * The user pool issuer's origin, `https://cognito-idp.<region>.amazonaws.com`: oidc-client-ts
     * fetches the discovery document (`<issuer>/.well-known/openid-configuration`) from it.
     */
    readonly issuer: string;
    /**
     * The hosted sign-in domain, `https://<prefix>.auth.<region>.amazoncognito.com`: its token
     * endpoint is fetched to redeem the code, and its sign-in form posts to itself.
     */
    readonly domain: string;
  };
}

/** HSTS: one year, subdomains included (not preloaded: that is a decision per custom domain). */
export const HSTS_MAX_AGE_SECONDS = 31_536_000;

/** The headers of {@link webSecurityHeaders}, by their lower-case names. */
export interface WebSecurityHeaders {
  readonly contentSecurityPolicy: string;
  /** Every header, the CSP included: `content-security-policy`, `strict-transport-security`... */
  readonly headers: Readonly<Record<string, string>>;
}

/** The Content-Security-Policy and the other security headers for the given origins. */
export function webSecurityHeaders(origins: WebOrigins = {}): WebSecurityHeaders {
  const signIn = origins.signIn ? [origins.signIn.issuer, origins.signIn.domain] : [];
  const directives: [string, ...string[]][] = [
    ['default-src', "'self'"],
    ['script-src', "'self'"],
    ['style-src', "'self'"],
    // Pico draws its icons (select arrows, checkboxes) as data: SVG images.
    ['img-src', "'self'", 'data:'],
    ['font-src', "'self'"],
    ['connect-src', "'self'", ...signIn],
    ['frame-ancestors', "'none'"],
    ['base-uri', "'self'"],
    ['form-action', "'self'", ...(origins.signIn ? [origins.signIn.domain] : [])],
    ['object-src', "'none'"],
  ];
  const contentSecurityPolicy = directives.map((directive) => directive.join(' ')).join('; ');
  return {
    contentSecurityPolicy,
    headers: {
      'content-security-policy': contentSecurityPolicy,
      'strict-transport-security': `max-age=${HSTS_MAX_AGE_SECONDS}; includeSubDomains`,
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'referrer-policy': 'strict-origin-when-cross-origin',
      'permissions-policy': 'camera=(), microphone=(), geolocation=()',
    },
  };
}

/** Folders of files whose names carry a hash of their content (scripts/build.ts's chunkNames, assetNames). */
export const IMMUTABLE_FOLDERS = ['chunks', 'assets'] as const;

/**
 * Cache-Control of a path: hashed files are kept a year (a new build gives them new names);
 * everything else (index.html, config.json, app.js, app.css, deep links) is revalidated on every
 * use, so a deploy is seen at once.
 */
export const CACHE_CONTROL = {
  immutable: 'public, max-age=31536000, immutable',
  revalidate: 'no-cache',
} as const;

/** The Cache-Control of a request path. */
export function cacheControl(path: string): string {
  return IMMUTABLE_FOLDERS.some((folder) => path.startsWith(`/${folder}/`))
    ? CACHE_CONTROL.immutable
    : CACHE_CONTROL.revalidate;
}
