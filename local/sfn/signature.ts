/**
 * The API's SigV4 check, as AWS makes it: a call must be signed with the secret key of an access
 * key the runtime knows (the local credentials the local cloud gives its functions and clients).
 * The signature the caller should have sent is computed with @smithy/signature-v4, the signer
 * the AWS SDK itself uses, over the headers the caller says it signed, and compared in constant
 * time. Refusals carry AWS's exception names: MissingAuthenticationTokenException (unsigned),
 * IncompleteSignatureException (a malformed Authorization header), UnrecognizedClientException
 * (an unknown access key), InvalidSignatureException (a wrong or expired signature).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { Hash } from '@smithy/hash-node';
import { SignatureV4 } from '@smithy/signature-v4';
import { SfnApiError } from './api-errors';

/** An access key the runtime accepts calls signed with. */
export interface LocalCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

/** What the local cloud gives its functions (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY) and clients. */
export const LOCAL_CREDENTIALS: LocalCredentials = { accessKeyId: 'local', secretAccessKey: 'local' };

/** How far a signature's time may be from now, as AWS allows. */
const MAX_SKEW_MS = 15 * 60 * 1000;

const AUTHORIZATION =
  /^AWS4-HMAC-SHA256 Credential=([^/,\s]+)\/(\d{8})\/([^/,\s]+)\/([^/,\s]+)\/aws4_request,\s*SignedHeaders=([a-z0-9;-]+),\s*Signature=([0-9a-f]{64})$/;

/** The call as it arrived. */
export interface SignedCall {
  readonly method: string;
  /** Path and query, as in the request line. */
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** `20261202T154512Z` as epoch ms, or NaN. */
function amzDate(value: string): number {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!match) return Number.NaN;
  const [, y, mo, d, h, mi, s] = match.map(Number) as number[];
  return Date.UTC(y as number, (mo as number) - 1, d, h, mi, s);
}

const header = (headers: IncomingHttpHeaders, name: string): string | undefined => {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
};

// One signer per key, Region and service: it keeps the day's derived signing key between calls.
const signers = new Map<string, SignatureV4>();
function signerFor(key: LocalCredentials, region: string, service: string): SignatureV4 {
  const id = JSON.stringify([key.accessKeyId, key.secretAccessKey, region, service]);
  let signer = signers.get(id);
  if (!signer) {
    signer = new SignatureV4({
      credentials: { accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey },
      region,
      service,
      sha256: Hash.bind(null, 'sha256'),
      // The caller's signed headers are signed as they are; nothing is added.
      applyChecksum: false,
    });
    signers.set(id, signer);
  }
  return signer;
}

/** Resolves when the call is signed by a known key; throws AWS's refusal otherwise. */
export async function verifySignature(
  call: SignedCall,
  credentials: readonly LocalCredentials[],
  now: number = Date.now(),
): Promise<void> {
  const authorization = header(call.headers, 'authorization');
  if (!authorization) {
    throw new SfnApiError('MissingAuthenticationTokenException', 'Missing Authentication Token', 403);
  }
  const parsed = AUTHORIZATION.exec(authorization);
  if (!parsed) {
    throw new SfnApiError(
      'IncompleteSignatureException',
      'Authorization header requires Credential, SignedHeaders and Signature of AWS4-HMAC-SHA256',
      403,
    );
  }
  const [, accessKeyId, , region, service, signedHeaders, signature] = parsed as unknown as string[];
  const key = credentials.find((candidate) => candidate.accessKeyId === accessKeyId);
  if (!key) {
    throw new SfnApiError(
      'UnrecognizedClientException',
      'The security token included in the request is invalid.',
      403,
    );
  }
  const date = header(call.headers, 'x-amz-date') ?? '';
  const signedAt = amzDate(date);
  const names = (signedHeaders as string).split(';');
  if (Number.isNaN(signedAt) || !names.includes('x-amz-date') || !names.includes('host')) {
    throw new SfnApiError(
      'IncompleteSignatureException',
      'the signature must cover host and X-Amz-Date',
      403,
    );
  }
  if (Math.abs(now - signedAt) > MAX_SKEW_MS) {
    throw new SfnApiError(
      'InvalidSignatureException',
      `Signature expired: ${date} is more than 15 minutes from now`,
      403,
    );
  }
  // The signer trusts a payload hash sent in X-Amz-Content-Sha256; the body must match it.
  const payloadHash = header(call.headers, 'x-amz-content-sha256');
  if (payloadHash !== undefined && payloadHash !== createHash('sha256').update(call.body).digest('hex')) {
    throw new SfnApiError(
      'InvalidSignatureException',
      'The provided X-Amz-Content-Sha256 header does not match what was computed.',
      403,
    );
  }
  const headers: Record<string, string> = {};
  for (const name of names) headers[name] = header(call.headers, name) ?? '';
  const url = new URL(call.url, 'http://local');
  const signer = signerFor(key, region as string, service as string);
  const expected = await signer.sign(
    {
      method: call.method,
      protocol: 'http:',
      hostname: url.hostname,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers,
      body: call.body,
    },
    { signingDate: new Date(signedAt) },
  );
  const ours = /Signature=([0-9a-f]{64})/.exec(String(expected.headers.authorization ?? ''))?.[1] ?? '';
  const theirs = Buffer.from(signature as string);
  if (ours.length !== theirs.length || !timingSafeEqual(Buffer.from(ours), theirs)) {
    throw new SfnApiError(
      'InvalidSignatureException',
      'The request signature we calculated does not match the signature you provided.',
      403,
    );
  }
}
