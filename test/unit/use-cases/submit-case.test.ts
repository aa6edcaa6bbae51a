import { AUDIT_ACTIONS } from '../../../shared/audit/audit-entry';
import { IdempotencyKeyReusedError } from '../../../shared/cases/case-errors';
import type { CaseRequest } from '../../../shared/contracts/case-request';
import { ForbiddenError } from '../../../shared/errors';
import { submitCase } from '../../../shared/use-cases/submit-case';
import { caseRequest } from '../cases/case-fixture';
import {
  auditActions,
  consulGt,
  consulHn,
  type MemoryServices,
  memoryServices,
  NOW,
} from './memory-services';

let services: MemoryServices;
beforeEach(() => {
  services = memoryServices();
});

function submit(request: CaseRequest, idempotencyKey?: string, ceilingUsd = 1000) {
  return submitCase(
    { cases: services.cases, audit: services.audit, workflow: services.workflow, ceilingUsd, now: () => NOW },
    { principal: consulHn, request, ...(idempotencyKey ? { idempotencyKey } : {}) },
  );
}

describe('submitting a case', () => {
  it('stores an eligible case, audits the submission and starts its workflow', async () => {
    const submitted = await submit(caseRequest());
    expect(submitted).toMatchObject({ status: 'SUBMITTED', created: true });
    expect(await auditActions(services, submitted.caseId)).toEqual([AUDIT_ACTIONS.caseSubmitted]);
    expect(services.workflow.executions.get(submitted.caseId)?.input).toEqual({ caseId: submitted.caseId });
    const record = await services.cases.getForSystem(submitted.caseId);
    expect(record.timeline.map((entry) => entry.event)).toEqual(['submitted', 'eligible']);
  });

  it('keeps an ineligible case with its reasons, audits it and starts no workflow', async () => {
    const submitted = await submit(caseRequest(), undefined, 100);
    expect(submitted).toMatchObject({ status: 'INELIGIBLE', created: true });
    const record = await services.cases.getForSystem(submitted.caseId);
    expect(record.eligibility?.eligible).toBe(false);
    expect(record.eligibility?.reasons.length).toBeGreaterThan(0);
    expect(await auditActions(services, submitted.caseId)).toEqual([AUDIT_ACTIONS.caseSubmitted]);
    expect(services.workflow.executions.size).toBe(0);
  });

  it('answers a retry with the same key and body with the original case, once audited and started', async () => {
    const first = await submit(caseRequest(), 'key-1');
    const retry = await submit(caseRequest(), 'key-1');
    expect(retry).toEqual({ caseId: first.caseId, status: 'SUBMITTED', created: false });
    expect(await auditActions(services, first.caseId)).toEqual([AUDIT_ACTIONS.caseSubmitted]);
    expect([...services.workflow.executions.keys()]).toEqual([first.caseId]);
  });

  it('refuses the key reused with another body, and stores nothing for it', async () => {
    const first = await submit(caseRequest(), 'key-2');
    const other = caseRequest({ costs: { ...caseRequest().costs, transport: 999 } });
    await expect(submit(other, 'key-2')).rejects.toThrow(IdempotencyKeyReusedError);
    const listed = await services.cases.list(consulHn, { limit: 100 });
    expect(listed.items.map((record) => record.caseId)).toEqual([first.caseId]);
  });

  it('creates one case for concurrent retries with the same key', async () => {
    const results = await Promise.all(Array.from({ length: 10 }, () => submit(caseRequest(), 'key-race')));
    expect(new Set(results.map((result) => result.caseId)).size).toBe(1);
    expect(results.filter((result) => result.created)).toHaveLength(1);
  });

  it('keeps one of concurrent submissions for the same person open, the others INELIGIBLE', async () => {
    const results = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        submit(caseRequest({ costs: { ...caseRequest().costs, transport: 100 + i } }), `key-person-${i}`),
      ),
    );
    expect(new Set(results.map((result) => result.caseId)).size).toBe(5);
    expect(results.filter((result) => result.status === 'SUBMITTED')).toHaveLength(1);
    const ineligible = results.filter((result) => result.status === 'INELIGIBLE');
    expect(ineligible).toHaveLength(4);
    for (const { caseId } of ineligible) {
      const record = await services.cases.getForSystem(caseId);
      expect(record.eligibility?.reasons.map((reason) => reason.code)).toContain('open_case_exists');
    }
    expect(services.workflow.executions.size).toBe(1);
  });

  it('refuses a consulate of another country than the nationality', async () => {
    await expect(
      submitCase(
        { cases: services.cases, audit: services.audit, workflow: services.workflow, ceilingUsd: 1000 },
        { principal: consulGt, request: caseRequest() },
      ),
    ).rejects.toThrow(ForbiddenError);
  });
});
