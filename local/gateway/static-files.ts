/**
 * Serves the built web app; unknown paths fall back to index.html so the app's own routes work.
 * Every answer carries the security headers CloudFront sends (shared/web-security-headers.ts),
 * with the CSP for the same origin: locally the API is on the app's own origin.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, relative, resolve, sep } from 'node:path';
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

export function serveStatic(root: string, rawPath: string, res: ServerResponse): void {
  const base = resolve(root);
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    decoded = '/';
  }
  // normalize() plus the prefix check keeps `..` from leaving the web root (the separator too:
  // `/srv/web` must not let `/srv/web-secrets` through).
  let file = normalize(join(base, decoded));
  if (file !== base && !file.startsWith(base + sep)) file = join(base, 'index.html');
  if (!existsSync(file) || statSync(file).isDirectory()) {
    const index = join(file, 'index.html');
    file = existsSync(index) ? index : join(base, 'index.html');
  }
  if (!existsSync(file)) {
    res
      .writeHead(404, { ...SECURITY_HEADERS, 'content-type': 'text/plain', 'cache-control': 'no-cache' })
      .end('the web app is not built: run npm run build');
    return;
  }
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
    // By the file served, not the path asked for: a deep link answered with index.html is not a chunk.
    'cache-control': cacheControl(`/${relative(base, file).split(sep).join('/')}`),
  });
  createReadStream(file).pipe(res);
}
