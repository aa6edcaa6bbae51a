/**
 * The travel provider over HTTP, as the Lambdas use it on both clouds (TRAVEL_PROVIDER_URL: the
 * local simulated provider locally, the provider's endpoint or a gateway to it on AWS):
 *   POST {base}/quotes                       a trip            → 200 quote
 *   POST {base}/bookings                     a trip            → 200 or 201 booking (Idempotency-Key: the booking key)
 *   POST {base}/bookings/{reference}/cancel  (no body)         → 200 cancellation
 * Failures become the two errors the workflow tells apart: no answer, a timeout, 5xx, 408 and 429
 * are TravelProviderUnavailableError (retry); any other 4xx is TravelBookingRefusedError with the
 * body's code (`{"error": "...", "code": "no_seats"}`), or `refused` when it names none. An
 * answer that does not parse is treated as unavailable: a booking retried with its key is safe.
 */
import type * as z from 'zod';
import {
  type TravelBooking,
  type TravelCancellation,
  type TravelQuote,
  type TravelRefusal,
  type TravelTrip,
  travelBookingSchema,
  travelCancellationSchema,
  travelProblemSchema,
  travelQuoteSchema,
  travelRefusalSchema,
} from '../../contracts/travel';
import type { TravelProvider } from '../../ports/travel-provider';
import { TravelBookingRefusedError, TravelProviderUnavailableError } from '../../travel/travel-errors';

export interface HttpTravelProviderOptions {
  /** The provider's base URL, e.g. `http://127.0.0.1:8090`. */
  readonly baseUrl: string;
  /** How long one call may take before it counts as unavailable. @default 5000 */
  readonly timeoutMs?: number;
  /** @default globalThis.fetch */
  readonly fetch?: typeof fetch;
}

/** Statuses that say "not now" rather than "no": the request may succeed if sent again. */
const TRANSIENT_STATUSES: ReadonlySet<number> = new Set([408, 425, 429]);

export class HttpTravelProvider implements TravelProvider {
  private readonly baseUrl: string;
  private readonly timeoutMs: number;
  private readonly fetch: typeof fetch;

  constructor(options: HttpTravelProviderOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? 5000;
    this.fetch = options.fetch ?? globalThis.fetch;
  }

  quote(trip: TravelTrip): Promise<TravelQuote> {
    return this.call('POST', '/quotes', travelQuoteSchema, trip);
  }

  book(trip: TravelTrip): Promise<TravelBooking> {
    return this.call('POST', '/bookings', travelBookingSchema, trip, { 'idempotency-key': trip.bookingKey });
  }

  cancel(reference: string): Promise<TravelCancellation> {
    return this.call('POST', `/bookings/${encodeURIComponent(reference)}/cancel`, travelCancellationSchema);
  }

  private async call<T>(
    method: 'POST',
    path: string,
    schema: z.ZodType<T>,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<T> {
    const what = `${method} ${path.replace(/\/bookings\/[^/]+/, '/bookings/{reference}')}`;
    let response: Response;
    try {
      response = await this.fetch(`${this.baseUrl}${path}`, {
        method,
        headers: {
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      // By name: the timeout is a DOMException, not an Error in every realm.
      const name = (error as { readonly name?: unknown } | undefined)?.name;
      const reason =
        name === 'TimeoutError' || name === 'AbortError'
          ? `no answer within ${this.timeoutMs} ms`
          : 'could not be reached';
      throw new TravelProviderUnavailableError(`the travel provider ${reason} (${what})`);
    }
    const answer = await readJson(response);
    if (response.status >= 500 || TRANSIENT_STATUSES.has(response.status)) {
      throw new TravelProviderUnavailableError(`the travel provider answered ${response.status} to ${what}`);
    }
    if (response.status >= 400) {
      const code = refusalCode(answer);
      throw new TravelBookingRefusedError(
        code,
        `the travel provider refused ${what} (${response.status}, ${code})`,
      );
    }
    const parsed = schema.safeParse(answer);
    if (!parsed.success) {
      throw new TravelProviderUnavailableError(
        `the travel provider's answer to ${what} is not what it should be: ${parsed.error.issues
          .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
          .join('; ')}`,
      );
    }
    return parsed.data;
  }
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}

/** The refusal's code from the problem body, when it is one Retorno knows. */
function refusalCode(answer: unknown): TravelRefusal {
  const problem = travelProblemSchema.safeParse(answer);
  const code = travelRefusalSchema.safeParse(problem.success ? problem.data.code : undefined);
  return code.success ? code.data : 'refused';
}
