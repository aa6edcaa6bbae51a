/**
 * The WorkflowWaits contract: what every adapter of the port must do. Run against the in-memory
 * adapter (unit tier) and DynamoDB (integration).
 */
import type { WorkflowWaits } from '../../shared/ports/workflow-waits';

/**
 * Declares the contract's tests.
 * @param name the adapter's name, in the tests' titles
 * @param makeWaits an empty store
 */
export function workflowWaitsContract(
  name: string,
  makeWaits: () => Promise<WorkflowWaits> | WorkflowWaits,
): void {
  describe(`${name} (WorkflowWaits contract)`, () => {
    let waits: WorkflowWaits;
    beforeEach(async () => {
      waits = await makeWaits();
    });

    it('keeps a wait and answers it by case and kind', async () => {
      await waits.hold({
        caseId: 'c1',
        kind: 'funds',
        since: '2026-01-02T00:00:00.000Z',
        token: 't1',
        amountCents: 500,
      });
      expect(await waits.get('c1', 'funds')).toEqual({
        caseId: 'c1',
        kind: 'funds',
        since: '2026-01-02T00:00:00.000Z',
        token: 't1',
        amountCents: 500,
      });
      expect(await waits.get('c1', 'departure')).toBeUndefined();
      expect(await waits.get('c2', 'funds')).toBeUndefined();
    });

    it('lists a kind oldest first, then by case id, and nothing of the other kind', async () => {
      await waits.hold({ caseId: 'c3', kind: 'funds', since: '2026-01-03T00:00:00.000Z', token: 't3' });
      await waits.hold({ caseId: 'c2', kind: 'funds', since: '2026-01-01T00:00:00.000Z', token: 't2' });
      await waits.hold({ caseId: 'c1', kind: 'funds', since: '2026-01-01T00:00:00.000Z', token: 't1' });
      await waits.hold({ caseId: 'c0', kind: 'departure', since: '2025-12-01T00:00:00.000Z', token: 't0' });
      expect((await waits.list('funds')).map((wait) => wait.caseId)).toEqual(['c1', 'c2', 'c3']);
      expect((await waits.list('departure')).map((wait) => wait.caseId)).toEqual(['c0']);
    });

    it('a retried hold refreshes the token and keeps the place in the queue', async () => {
      await waits.hold({ caseId: 'c1', kind: 'funds', since: '2026-01-01T00:00:00.000Z', token: 'old' });
      await waits.hold({ caseId: 'c2', kind: 'funds', since: '2026-01-02T00:00:00.000Z', token: 't2' });
      const kept = await waits.hold({
        caseId: 'c1',
        kind: 'funds',
        since: '2026-01-05T00:00:00.000Z',
        token: 'new',
      });
      expect(kept).toMatchObject({ since: '2026-01-01T00:00:00.000Z', token: 'new' });
      expect((await waits.list('funds')).map((wait) => [wait.caseId, wait.token])).toEqual([
        ['c1', 'new'],
        ['c2', 't2'],
      ]);
    });

    it('release forgets the wait once and says whether it was there', async () => {
      await waits.hold({ caseId: 'c1', kind: 'departure', since: '2026-01-01T00:00:00.000Z', token: 't1' });
      expect(await waits.release('c1', 'departure')).toBe(true);
      expect(await waits.release('c1', 'departure')).toBe(false);
      expect(await waits.get('c1', 'departure')).toBeUndefined();
      expect(await waits.list('departure')).toEqual([]);
    });
  });
}
