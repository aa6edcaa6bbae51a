/**
 * The benchmark's DynamoDB request counter: a pass-through HTTP proxy in front of DynamoDB Local
 * that counts each request by the function that sent it (the SDK's `app/<name>` User-Agent
 * section, which the local cloud sets per function), its operation (`X-Amz-Target`) and its
 * table. Written by hand because it is a few lines over node:http; it only counts, and forwards
 * every byte unchanged, so the signatures still verify.
 */
import { Agent, createServer, request as forward } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RequestCount {
  readonly fn: string;
  readonly operation: string;
  /** The table, or `N items` for a transaction. */
  readonly target: string;
  readonly count: number;
}

export interface RequestCounter {
  readonly endpoint: string;
  /** Forgets what was counted so far (after the warm-up). */
  reset(): void;
  counts(): RequestCount[];
  stop(): Promise<void>;
}

/** What a request is about: its table, or the size of its transaction. */
function targetOf(body: string): string {
  try {
    const parsed = JSON.parse(body) as {
      TableName?: string;
      TransactItems?: unknown[];
      RequestItems?: object;
    };
    if (parsed.TableName) return parsed.TableName;
    if (parsed.TransactItems) return `${parsed.TransactItems.length} items`;
    if (parsed.RequestItems) return Object.keys(parsed.RequestItems).join('+');
  } catch {
    // Not JSON: counted without a target.
  }
  return '';
}

export async function startRequestCounter(upstream: string): Promise<RequestCounter> {
  const target = new URL(upstream);
  const agent = new Agent({ keepAlive: true });
  let tally = new Map<string, number>();
  const server = createServer((incoming, answer) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const body = Buffer.concat(chunks);
      const fn =
        /\bapp\/([A-Za-z0-9]+)/.exec(String(incoming.headers['user-agent'] ?? ''))?.[1] ?? 'local cloud';
      const operation =
        String(incoming.headers['x-amz-target'] ?? '?')
          .split('.')
          .pop() ?? '?';
      const key = JSON.stringify([fn, operation, targetOf(body.toString('utf8'))]);
      tally.set(key, (tally.get(key) ?? 0) + 1);
      const upstreamRequest = forward(
        {
          host: target.hostname,
          port: target.port,
          path: incoming.url,
          method: incoming.method,
          headers: incoming.headers,
          agent,
        },
        (response) => {
          answer.writeHead(response.statusCode ?? 502, response.headers);
          response.pipe(answer);
        },
      );
      upstreamRequest.on('error', (error) => {
        answer.writeHead(502, { 'content-type': 'text/plain' });
        answer.end(String(error));
      });
      upstreamRequest.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    reset: () => {
      tally = new Map();
    },
    counts: () =>
      [...tally].map(([key, count]) => {
        const [fn, operation, table] = JSON.parse(key) as [string, string, string];
        return { fn, operation, target: table, count };
      }),
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        agent.destroy();
        server.close(() => resolve());
      }),
  };
}
