/**
 * The HTTP face of the runtime: the Step Functions JSON 1.0 protocol (`POST /` with
 * `X-Amz-Target: AWSStepFunctions.<Operation>`), so that `@aws-sdk/client-sfn` works against it
 * unchanged, and the local clock (`GET /local/clock`, `POST /local/clock {"advance": "30d"}`).
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { InvalidDurationError, type LocalClock, parseDuration } from '../clock';
import { SfnApiError } from './api-errors';
import type { Request, StepFunctionsService } from './service';
import { type LocalCredentials, verifySignature } from './signature';
import type { TimerService } from './timers';

const TARGET_PREFIX = 'AWSStepFunctions.';
const MAX_BODY_BYTES = 2 * 1024 * 1024;

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new SfnApiError('ValidationException', 'the request body is too large'));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function send(response: ServerResponse, status: number, body: unknown, contentType: string): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'Content-Type': contentType,
    'Content-Length': Buffer.byteLength(text),
    'x-amzn-RequestId': randomUUID(),
  });
  response.end(text);
}

function parseJson(text: string): Request {
  if (text.trim() === '') return {};
  try {
    const value = JSON.parse(text) as unknown;
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Request;
  } catch {
    // answered below
  }
  throw new SfnApiError('SerializationException', 'the request body is not a JSON object');
}

/** Creates (does not start) the runtime's HTTP server. */
export function createSfnServer(
  service: StepFunctionsService,
  clock: LocalClock,
  timers: TimerService,
  credentials: readonly LocalCredentials[],
): Server {
  const clockState = () => ({
    now: new Date(clock.now()).toISOString(),
    nowMs: clock.now(),
    offsetMs: clock.offsetMs,
  });

  async function handleClock(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.method === 'GET') return send(response, 200, clockState(), 'application/json');
    if (request.method !== 'POST')
      return send(response, 405, { message: 'use GET or POST' }, 'application/json');
    const body = parseJson(await readBody(request));
    if (typeof body.advance !== 'string') {
      throw new SfnApiError('ValidationException', 'send {"advance": "<duration>"}, e.g. {"advance": "30d"}');
    }
    let ms: number;
    try {
      ms = parseDuration(body.advance);
    } catch (error) {
      if (error instanceof InvalidDurationError) throw new SfnApiError('ValidationException', error.message);
      throw error;
    }
    await timers.advance(ms);
    return send(response, 200, clockState(), 'application/json');
  }

  async function handleApi(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const target = request.headers['x-amz-target'];
    const operationName =
      typeof target === 'string' && target.startsWith(TARGET_PREFIX)
        ? target.slice(TARGET_PREFIX.length)
        : '';
    const operation = Object.hasOwn(service.operations, operationName)
      ? service.operations[operationName]
      : undefined;
    const body = await readBody(request);
    // Who calls is checked before what is called, as AWS does.
    await verifySignature(
      { method: request.method ?? 'GET', url: request.url ?? '/', headers: request.headers, body },
      credentials,
    );
    if (request.method !== 'POST' || !operation) {
      throw new SfnApiError('UnknownOperationException', `Unknown operation ${String(target)}`);
    }
    const result = await operation(parseJson(body));
    send(response, 200, result, 'application/x-amz-json-1.0');
  }

  return createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    const handler = path === '/local/clock' ? handleClock : handleApi;
    handler(request, response).catch((error: unknown) => {
      if (response.headersSent) return;
      if (error instanceof SfnApiError) {
        send(
          response,
          error.statusCode,
          { __type: error.code, message: error.message },
          'application/x-amz-json-1.0',
        );
        return;
      }
      console.error('[sfn] internal failure', error);
      send(
        response,
        500,
        { __type: 'InternalFailure', message: error instanceof Error ? error.message : String(error) },
        'application/x-amz-json-1.0',
      );
    });
  });
}
