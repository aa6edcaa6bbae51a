import * as z from 'zod';
import { caseRequestSchema } from '../../../shared/contracts/case-request';
import { submitCase } from '../../../shared/use-cases/submit-case';
import { parseInput } from '../../../shared/validation';
import { httpHandler } from '../../http/http-handler';
import { auditTrail, caseService, fundSettings, workflowEngine } from '../../runtime/dependencies';

const deps = {
  cases: caseService(),
  audit: auditTrail(),
  workflow: workflowEngine('caseWorkflow'),
  ceilingUsd: fundSettings().ceilingUsd,
};

// Printable ASCII, as Stripe-style idempotency keys are; long enough for a UUID or a form id.
const idempotencyKeySchema = z
  .string()
  .regex(/^[\x21-\x7e]{1,128}$/, 'must be 1 to 128 printable ASCII characters without spaces');

/** POST /api/cases: 201 with the new case; 200 with the same case for a retry with the same Idempotency-Key. */
export const handler = httpHandler({ body: caseRequestSchema }, async ({ principal, body, headers }) => {
  const key = headers['idempotency-key'];
  const idempotencyKey =
    key === undefined
      ? undefined
      : parseInput(idempotencyKeySchema, key, 'Idempotency-Key header', 'headers.idempotency-key');
  const submitted = await submitCase(deps, {
    principal,
    request: body,
    ...(idempotencyKey ? { idempotencyKey } : {}),
  });
  return {
    statusCode: submitted.created ? 201 : 200,
    headers: { location: `/api/cases/${submitted.caseId}` },
    body: { caseId: submitted.caseId, status: submitted.status },
  };
});
