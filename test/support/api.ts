/**
 * The API as its clients see it, for integration tests: a whole local cloud (gateway, the built
 * handler bundles, DynamoDB Local, the Step Functions runtime, SES) started on free ports with
 * in-memory data, and a small client that calls it as a demo user.
 */
import { SFNClient } from '@aws-sdk/client-sfn';
import { type LocalCloud, startLocalCloud } from '../../local/cloud';
import { readLocalSettings } from '../../local/local-config';

// biome-ignore lint/suspicious/noExplicitAny: tests read answers as loosely typed JSON
export interface ApiAnswer<T = any> {
  readonly status: number;
  readonly body: T;
  readonly headers: Headers;
}

export interface TestApi {
  readonly cloud: LocalCloud;
  readonly baseUrl: string;
  /** Calls the API as a demo user (`consular.hn`), or without a token when `as` is null. */
  // biome-ignore lint/suspicious/noExplicitAny: as above
  call<T = any>(
    as: string | null,
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<ApiAnswer<T>>;
  token(username: string): Promise<string>;
  /** A Step Functions client for the local runtime. */
  readonly sfn: SFNClient;
  /** Moves the local clock and waits until what fell due has run. */
  advance(duration: string): Promise<void>;
  stop(): Promise<void>;
}

export async function startTestApi(): Promise<TestApi> {
  // Tests provoke failing steps on purpose (insufficient funds, final cases): log errors only.
  const settings = readLocalSettings({ RETORNO_FUNCTION_LOG_LEVEL: 'ERROR' });
  const cloud = await startLocalCloud({ settings, inMemory: true, freePorts: true });
  const baseUrl = cloud.urls.api.replace(/\/api$/, '');
  const tokens = new Map<string, string>();
  const token = async (username: string) => {
    const cached = tokens.get(username);
    if (cached) return cached;
    const response = await fetch(`${baseUrl}/local/token`, {
      method: 'POST',
      body: JSON.stringify({ username }),
    });
    if (!response.ok) throw new Error(`no token for ${username}: ${response.status}`);
    const { token: issued } = (await response.json()) as { token: string };
    tokens.set(username, issued);
    return issued;
  };
  const sfn = new SFNClient({
    endpoint: cloud.urls.stepFunctions,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  return {
    cloud,
    baseUrl,
    token,
    sfn,
    async call(as, method, path, body, headers = {}) {
      const response = await fetch(`${baseUrl}${path}`, {
        method,
        headers: {
          ...(as ? { authorization: `Bearer ${await token(as)}` } : {}),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
      });
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        // not JSON: keep the text
      }
      return { status: response.status, body: parsed as never, headers: response.headers };
    },
    async advance(duration) {
      const response = await fetch(`${baseUrl}/local/clock`, {
        method: 'POST',
        body: JSON.stringify({ advance: duration }),
      });
      if (!response.ok) throw new Error(`clock: ${response.status} ${await response.text()}`);
      // Tokens live 8 hours of the local clock: after a move, everyone signs in again.
      tokens.clear();
      await cloud.stepFunctions.settle();
    },
    async stop() {
      sfn.destroy();
      await cloud.stop();
    },
  };
}
