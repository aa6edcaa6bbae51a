/**
 * Serves the built web app by the rule CloudFront follows (shared/web-routes.ts): a file path
 * (`/chunks/…`, `/assets/…`, `/app.js`, `/config.json`…) is that file or a 404, never index.html,
 * so a missing script fails as it does on AWS; every other path is one of the app's routes and
 * gets index.html. Every answer carries the security headers CloudFront sends
 * (shared/web-security-headers.ts), with the CSP for the same origin: the API is on the app's
 * own origin, locally as on AWS.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { isWebFile } from '../../shared/web-routes';
import { cacheControl, webSecurityHeaders } from '../../shared/web-security-headers';

const SECURITY_HEADERS = webSecurityHeaders().headers;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

const isFile = (path: string): boolean => existsSync(path) && !statSync(path).isDirectory();

function decode(path: string): string | undefined {
  try {
    return decodeURIComponent(path);
  } catch {
    return undefined;
  }
}

function notFound(res: ServerResponse, message: string): void {
  res
    .writeHead(404, {
      ...SECURITY_HEADERS,
      'content-type': 'text/plain; charset=utf-8',
      'cache-control': 'no-cache',
    })
    .end(message);
}

/** Answers a GET or HEAD of `rawPath` (as requested, without the query) from the web root. */
export function serveStatic(root: string, rawPath: string, res: ServerResponse): void {
  const base = resolve(root);
  if (!isWebFile(rawPath)) {
    const index = join(base, 'index.html');
    if (!isFile(index)) {
      notFound(res, 'the web app is not built: run npm run build');
      return;
    }
    send(res, index, rawPath);
    return;
  }
  // normalize() plus the prefix check keeps `..` from leaving the web root (the separator too:
  // `/srv/web` must not let `/srv/web-secrets` through).
  const decoded = decode(rawPath);
  const file = decoded === undefined ? undefined : normalize(join(base, decoded));
  if (file === undefined || !file.startsWith(base + sep) || !isFile(file)) {
    notFound(res, 'not found');
    return;
  }
  send(res, file, rawPath);
}

function send(res: ServerResponse, file: string, path: string): void {
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
    // Only file paths are cached by the path (a route is answered with index.html, revalidated).
    'cache-control': isWebFile(path) ? cacheControl(path) : cacheControl('/index.html'),
  });
  createReadStream(file).pipe(res);
}
