/**
 * Retorno's HTTP API as its users call it, for the scripts that drive a running local cloud (the
 * demo, the case benchmark): a demo user's token from `POST /local/token`, JSON in and out, the
 * local clock, and a hook told of every call with its time, so a benchmark measures what a user
 * waits for.
 */

/** An answer of the API: its status and its JSON body (the text when it is not JSON). */
export interface ApiAnswer<T> {
  readonly status: number;
  readonly body: T;
}

/** One call as the client saw it: from sending the request to having read the whole answer. */
export interface CallTiming {
  readonly method: string;
  /** The path without its query. */
  readonly path: string;
  readonly status: number;
  readonly ms: number;
}

export interface RetornoClientOptions {
  /** Where the gateway listens, without `/api`, e.g. `http://127.0.0.1:3000`. */
  readonly baseUrl: string;
  /** Told of every API call (not of token or clock calls). @default none */
  readonly onCall?: (timing: CallTiming) => void;
}

/** The API answered a status the caller did not expect; the message says what was asked. */
export class UnexpectedAnswerError extends Error {
  override readonly name = 'UnexpectedAnswerError';
  constructor(
    readonly what: string,
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`${what}: answered ${status} ${JSON.stringify(body)}`);
  }
}

export class RetornoClient {
  private readonly tokens = new Map<string, Promise<string>>();

  constructor(private readonly options: RetornoClientOptions) {}

  get baseUrl(): string {
    return this.options.baseUrl;
  }

  /** Calls the API as a demo user (e.g. `consular.hn`). */
  async call<T = unknown>(
    as: string,
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
    headers: Readonly<Record<string, string>> = {},
  ): Promise<ApiAnswer<T>> {
    const authorization = `Bearer ${await this.token(as)}`;
    const started = performance.now();
    const response = await fetch(`${this.options.baseUrl}${path}`, {
      method,
      headers: {
        authorization,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    this.options.onCall?.({
      method,
      path: path.split('?')[0]!,
      status: response.status,
      ms: performance.now() - started,
    });
    return { status: response.status, body: parseJson(text) as T };
  }

  /**
   * Calls the API and answers the body when the status is the one expected; otherwise throws
   * UnexpectedAnswerError naming `what` was asked.
   */
  async expect<T = unknown>(
    what: string,
    expected: number | readonly number[],
    as: string,
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
    headers: Readonly<Record<string, string>> = {},
  ): Promise<T> {
    const answer = await this.call<T>(as, method, path, body, headers);
    const wanted = typeof expected === 'number' ? [expected] : expected;
    if (!wanted.includes(answer.status)) throw new UnexpectedAnswerError(what, answer.status, answer.body);
    return answer.body;
  }

  /** A demo user's token, asked once per user (tokens are valid for hours). */
  token(username: string): Promise<string> {
    let token = this.tokens.get(username);
    if (!token) {
      token = this.local<{ token: string }>('POST', '/local/token', { username }).then(
        (answer) => answer.token,
      );
      // A failed request is asked again next time rather than remembered.
      token.catch(() => this.tokens.delete(username));
      this.tokens.set(username, token);
    }
    return token;
  }

  /** The local cloud's clock now, in epoch ms. */
  async clockNow(): Promise<number> {
    return (await this.local<{ nowMs: number }>('GET', '/local/clock')).nowMs;
  }

  /** Moves the local clock forward (e.g. `5d`); answers once what fell due has run. */
  async advanceClock(duration: string): Promise<number> {
    const { nowMs } = await this.local<{ nowMs: number }>('POST', '/local/clock', { advance: duration });
    // Tokens live 8 hours of the local clock: after a move, every user signs in again.
    this.tokens.clear();
    return nowMs;
  }

  private async local<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.options.baseUrl}${path}`, {
      method,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const parsed = parseJson(await response.text());
    if (!response.ok) throw new UnexpectedAnswerError(`${method} ${path}`, response.status, parsed);
    return parsed as T;
  }
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
