/**
 * The local cloud's simulated travel provider: MemoryTravelProvider served over node:http in the
 * protocol HttpTravelProvider speaks (shared/adapters/travel/http-travel-provider.ts), with its
 * bookings kept in a file of the data dir (written atomically, so a restart or a kill -9 keeps
 * every booking it answered) and its time taken from the local cloud's clock (the Lambdas' Date
 * is that clock too, so a booking made after `npm run local:clock -- 30d` departs 30 days later).
 *   POST   /quotes, /bookings, /bookings/{reference}/cancel    the provider
 *   GET    /bookings/{reference}                                 a booking and whether it was cancelled
 *   GET, POST, DELETE /failures                                  the failure switches of tests and demos
 *   GET    /health
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname } from 'node:path';
import * as z from 'zod';
import {
  MemoryTravelProvider,
  type SimulatedBooking,
} from '../shared/adapters/memory/memory-travel-provider';
import {
  travelBookingSchema,
  travelFailureSwitchesSchema,
  travelTripSchema,
} from '../shared/contracts/travel';
import { ValidationError } from '../shared/errors';
import { TravelBookingRefusedError, TravelProviderUnavailableError } from '../shared/travel/travel-errors';
import { parseInput } from '../shared/validation';

export interface TravelProviderLocal {
  /** Base URL, given to the functions that book as TRAVEL_PROVIDER_URL. */
  readonly url: string;
  readonly port: number;
  /** The simulation itself, for the local cloud's own use. */
  readonly provider: MemoryTravelProvider;
  stop(): Promise<void>;
}

export interface TravelProviderLocalOptions {
  readonly port: number;
  /** @default 127.0.0.1 */
  readonly host?: string;
  /** The local cloud's clock. @default real time */
  readonly now?: () => Date;
  /** Where bookings are kept across restarts; memory only when absent. */
  readonly stateFile?: string;
}

/** The file's shape: checked when read back, so a damaged file stops the start instead of lying. */
const stateFileSchema = z.object({
  bookings: z.array(
    z.object({ booking: travelBookingSchema, trip: travelTripSchema, cancelledAt: z.string().optional() }),
  ),
});

function readBookings(stateFile: string | undefined): SimulatedBooking[] {
  if (!stateFile) return [];
  let text: string;
  try {
    text = readFileSync(stateFile, 'utf8');
  } catch {
    return []; // no bookings yet
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const parsed = stateFileSchema.safeParse(json);
  if (!parsed.success) {
    throw new Error(
      `the travel provider's bookings file ${stateFile} is damaged (not the bookings it wrote); move it away or run npm run local:wipe`,
    );
  }
  return parsed.data.bookings as SimulatedBooking[];
}

/** Write to a temporary file, then rename over the old one: a reader sees the old or the new, never half. */
async function writeBookings(stateFile: string, bookings: readonly SimulatedBooking[]): Promise<void> {
  const tmp = `${stateFile}.tmp`;
  await writeFile(tmp, JSON.stringify({ bookings }), { flush: true });
  await rename(tmp, stateFile);
}

interface Answer {
  readonly status: number;
  readonly body: unknown;
}

/** The provider's errors as HTTP answers, the mapping HttpTravelProvider reads back. */
function answerFor(error: unknown): Answer {
  if (error instanceof TravelProviderUnavailableError) {
    return { status: 503, body: { error: 'ProviderUnavailable', message: error.message } };
  }
  if (error instanceof TravelBookingRefusedError) {
    const status = error.code === 'unknown_reference' ? 404 : error.code === 'key_reused' ? 409 : 422;
    return { status, body: { error: 'BookingRefused', code: error.code, message: error.message } };
  }
  if (error instanceof ValidationError) {
    return {
      status: 400,
      body: { error: 'BookingRefused', code: 'invalid_trip', message: error.message, issues: error.issues },
    };
  }
  return { status: 500, body: { error: 'InternalError', message: 'the simulated provider failed' } };
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 64 * 1024) throw new ValidationError('the body is larger than 64 KiB');
    chunks.push(chunk as Buffer);
  }
  if (size === 0) return undefined;
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new ValidationError('the body is not valid JSON');
  }
}

/** Starts the simulated provider; `stop()` closes it (bookings already answered are on disk). */
export async function startTravelProviderLocal(
  options: TravelProviderLocalOptions,
): Promise<TravelProviderLocal> {
  const host = options.host ?? '127.0.0.1';
  const { stateFile } = options;
  if (stateFile) mkdirSync(dirname(stateFile), { recursive: true });
  const provider = new MemoryTravelProvider({
    ...(options.now ? { now: options.now } : {}),
    bookings: readBookings(stateFile),
    ...(stateFile ? { onChange: (bookings) => writeBookings(stateFile, bookings) } : {}),
  });

  const route = async (method: string, path: string, req: IncomingMessage): Promise<Answer> => {
    const cancel = /^\/bookings\/([^/]+)\/cancel$/.exec(path);
    const one = /^\/bookings\/([^/]+)$/.exec(path);
    if (method === 'GET' && path === '/health') return { status: 200, body: { status: 'ok' } };
    if (method === 'POST' && path === '/quotes') {
      const trip = parseInput(travelTripSchema, await readBody(req), 'trip', 'trip');
      return { status: 200, body: await provider.quote(trip) };
    }
    if (method === 'POST' && path === '/bookings') {
      const trip = parseInput(travelTripSchema, await readBody(req), 'trip', 'trip');
      return { status: 200, body: await provider.book(trip) };
    }
    if (method === 'POST' && cancel) {
      return { status: 200, body: await provider.cancel(decodeURIComponent(cancel[1]!)) };
    }
    if (method === 'GET' && one) {
      const kept = provider.find(decodeURIComponent(one[1]!));
      return kept
        ? {
            status: 200,
            body: {
              ...kept.booking,
              status: kept.cancelledAt ? 'cancelled' : 'booked',
              ...(kept.cancelledAt ? { cancelledAt: kept.cancelledAt } : {}),
            },
          }
        : { status: 404, body: { error: 'NotFound', code: 'unknown_reference', message: 'no such booking' } };
    }
    if (path === '/failures') {
      if (method === 'GET') return { status: 200, body: provider.failures() };
      if (method === 'DELETE') return { status: 200, body: provider.clearFailures() };
      if (method === 'POST') {
        const switches = parseInput(travelFailureSwitchesSchema, (await readBody(req)) ?? {}, 'body', 'body');
        return { status: 200, body: provider.setFailures(switches) };
      }
    }
    return { status: 404, body: { error: 'NotFound', message: `no route ${method} ${path}` } };
  };

  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const method = (req.method ?? 'GET').toUpperCase();
    const path = (req.url ?? '/').split('?')[0]!;
    route(method, path, req)
      .catch((error: unknown) => {
        // The failure switches answer with a ValidationError too, but not as a trip refusal.
        if (error instanceof ValidationError && path === '/failures') {
          return {
            status: 400,
            body: { error: 'ValidationError', message: error.message, issues: error.issues },
          };
        }
        return answerFor(error);
      })
      .then((answer) => {
        res.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body));
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${host}:${port}`,
    port,
    provider,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
