/**
 * The local API gateway: a node:http server that does for the local cloud what API Gateway HTTP
 * APIs do on AWS. It matches the manifest's routes, runs the JWT authorizer, hands payload-format
 * 2.0 events to the very handlers the CDK deploys (through the local Lambda service) and maps
 * their results back; it also answers CORS preflights, enforces a body limit, serves the web app at
 * `/`, and mounts the local-only endpoints under `/local`.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RouteSpec } from '../../shared/manifest-types';
import { routeKey } from '../../shared/route-access';
import type { LambdaInvoker } from '../lambda/invoker';
import { buildEvent, mapResult } from './event';
import type { JwtAuthorizer } from './jwt-authorizer';
import { RouteTable } from './routes';
import { serveStatic } from './static-files';

/** A local-only endpoint: gets the parsed JSON body (if any), answers status and JSON body. */
export type LocalEndpoint = (request: {
  body: unknown;
  query: URLSearchParams;
}) => Promise<{ status: number; body: unknown }>;

export interface GatewayOptions {
  readonly routes: readonly RouteSpec[];
  /** Physical function name for a manifest function name. */
  readonly functionName: (logical: string) => string;
  readonly invoker: LambdaInvoker;
  readonly authorizer: JwtAuthorizer;
  /** Folder of the built web app served at `/`. @default none: `/` answers 404 */
  readonly webRoot?: string;
  /** `METHOD /local/...` → handler. @default none */
  readonly localEndpoints?: Readonly<Record<string, LocalEndpoint>>;
  /** Origins allowed by CORS; `*` for any. @default ['*'] */
  readonly allowOrigins?: readonly string[];
  /** Largest request body accepted, in bytes. API Gateway allows 10 MB. @default 1 MiB */
  readonly maxBodyBytes?: number;
  /** Called with one line per request (method, path, status, ms). @default silent */
  readonly log?: (line: string) => void;
}

class PayloadTooLarge extends Error {}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      reject(new PayloadTooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new PayloadTooLarge());
        req.pause();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export class LocalGateway {
  private readonly table: RouteTable;
  private readonly server: Server;

  constructor(private readonly options: GatewayOptions) {
    this.table = new RouteTable(options.routes);
    this.server = createServer((req, res) => {
      const started = Date.now();
      res.on('finish', () =>
        options.log?.(`${req.method} ${req.url} ${res.statusCode} ${Date.now() - started}ms`),
      );
      this.handle(req, res).catch((error: unknown) => {
        console.error('gateway error', error);
        if (!res.headersSent) this.json(res, 500, { message: 'Internal Server Error' });
        else res.end();
      });
    });
  }

  async listen(port: number, host = '127.0.0.1'): Promise<{ url: string; port: number }> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => resolve());
    });
    const actual = (this.server.address() as AddressInfo).port;
    return { url: `http://${host}:${actual}`, port: actual };
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.closeAllConnections();
      this.server.close(() => resolve());
    });
  }

  private corsHeaders(req: IncomingMessage): Record<string, string> {
    const origin = req.headers.origin;
    const allowed = this.options.allowOrigins ?? ['*'];
    if (!origin) return {};
    if (allowed.includes('*')) return { 'access-control-allow-origin': '*' };
    return allowed.includes(origin) ? { 'access-control-allow-origin': origin, vary: 'Origin' } : {};
  }

  private json(
    res: ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ): void {
    res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase();
    const url = req.url ?? '/';
    const path = url.split('?')[0]!;
    const cors = this.corsHeaders(req);

    if (method === 'OPTIONS' && req.headers['access-control-request-method']) {
      const methods = this.table.methodsFor(path);
      res
        .writeHead(methods.length > 0 && cors['access-control-allow-origin'] ? 204 : 404, {
          ...cors,
          'access-control-allow-methods': [...methods, 'OPTIONS'].join(','),
          'access-control-allow-headers': 'authorization,content-type,idempotency-key',
          'access-control-max-age': '600',
        })
        .end();
      return;
    }

    let body: Buffer;
    try {
      body = await readBody(req, this.options.maxBodyBytes ?? 1024 * 1024);
    } catch (error) {
      if (error instanceof PayloadTooLarge) {
        this.json(res, 413, { message: 'Request Entity Too Large' }, { ...cors, connection: 'close' });
        return;
      }
      throw error;
    }

    const local = this.options.localEndpoints?.[`${method} ${path}`];
    if (local) {
      let parsed: unknown;
      try {
        parsed = body.length > 0 ? JSON.parse(body.toString('utf8')) : undefined;
      } catch {
        this.json(
          res,
          400,
          { error: 'ValidationError', message: 'the request body is not valid JSON' },
          cors,
        );
        return;
      }
      const answer = await local({ body: parsed, query: new URLSearchParams(url.split('?')[1] ?? '') });
      this.json(res, answer.status, answer.body, cors);
      return;
    }

    const match = this.table.match(method, path);
    if (!match) {
      if (path.startsWith('/api/') || path === '/api' || path.startsWith('/local/')) {
        this.json(res, 404, { message: 'Not Found' }, cors);
      } else if (method === 'GET' || method === 'HEAD') {
        if (this.options.webRoot) serveStatic(this.options.webRoot, path, res);
        else this.json(res, 404, { message: 'Not Found' });
      } else {
        this.json(res, 404, { message: 'Not Found' }, cors);
      }
      return;
    }

    const decision = await this.options.authorizer.authorize(match.route, req.headers.authorization);
    if (!decision.allowed) {
      const challenge: Record<string, string> =
        decision.statusCode === 401 ? { 'www-authenticate': 'Bearer' } : {};
      this.json(res, decision.statusCode, { message: decision.message }, { ...cors, ...challenge });
      return;
    }

    const event = buildEvent({
      method,
      url,
      headers: req.headers,
      body,
      routeKey: routeKey(match.route),
      pathParameters: match.pathParameters,
      sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
      ...(decision.claims ? { claims: decision.claims as Record<string, unknown> } : {}),
    });
    const result = await this.options.invoker.invoke(this.options.functionName(match.route.function), event);
    if (result.functionError) {
      // API Gateway hides the function's error from the caller.
      console.error(`function ${match.route.function} failed:`, result.payload);
      this.json(res, 500, { message: 'Internal Server Error' }, cors);
      return;
    }
    const mapped = mapResult(result.payload);
    res.writeHead(mapped.statusCode, {
      ...cors,
      ...mapped.headers,
      'apigw-requestid': event.requestContext.requestId,
    });
    res.end(mapped.body);
  }
}
