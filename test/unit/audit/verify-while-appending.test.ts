/**
 * Verifying a chain while the workflow appends to it: the auditor reading a case whose booking
 * steps are still running sees the chain valid, not "entries past the head".
 */
import { MemoryAuditLog } from '../../../shared/adapters/memory/memory-audit-log';
import { SYSTEM_ACTOR } from '../../../shared/audit/audit-entry';
import { AuditTrail } from '../../../shared/audit/audit-trail';

const entry = (action: `${string}.${string}`) => ({ actor: SYSTEM_ACTOR, action });

describe('AuditTrail.verify', () => {
  it('answers valid when an append lands between its reads of the head and of the entries', async () => {
    const log = new MemoryAuditLog();
    const trail = new AuditTrail(log);
    await trail.append('RET-VERIFY01', entry('case.submitted'));
    // The workflow appends just after each read of the head, twice, then stops.
    let appends = 0;
    const head = log.head.bind(log);
    log.head = async (caseId) => {
      const answer = await head(caseId);
      if (appends < 2) {
        appends++;
        await trail.append(caseId, entry('fund.reserved'));
      }
      return answer;
    };
    expect(await trail.verify('RET-VERIFY01')).toEqual({ valid: true, entries: 3 });
    expect(appends).toBe(2);
  });

  it('still finds entries written without the head', async () => {
    const log = new MemoryAuditLog();
    const trail = new AuditTrail(log);
    await trail.append('RET-VERIFY02', entry('case.submitted'));
    const head = await log.head('RET-VERIFY02');
    await trail.append('RET-VERIFY02', entry('fund.reserved'));
    // The head put back at entry 1: the second entry is there, its head is not.
    log.head = async () => head;
    expect(await trail.verify('RET-VERIFY02')).toMatchObject({ valid: false, problem: 'broken_link' });
  });
});
