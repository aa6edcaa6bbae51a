/**
 * The TaskStore contract: what every adapter of the port must do, driven through TaskService as
 * the domain uses it. Run against the in-memory adapter (unit tier) and DynamoDB (integration).
 */
import type { TaskStore } from '../../shared/ports/task-store';
import type { Principal } from '../../shared/roles';
import type { NewTask } from '../../shared/tasks/task';
import {
  CountryAlreadyDecidedError,
  NotTaskAssigneeError,
  SubmitterCannotDecideError,
  TaskAlreadyCompletedError,
  TaskNotFoundError,
} from '../../shared/tasks/task-errors';
import { TaskService } from '../../shared/tasks/task-service';
import { InvalidCursorPattern } from './cursor-refusal';

const authority = (country: 'MX' | 'GT', subject = `auth-${country}`): Principal => ({
  subject,
  username: subject,
  role: 'authority',
  country,
});
const submitter = 'consul-hn-1';

const approval = (caseId: string, country: 'MX' | 'GT', dueAt: string, attempt = 1): NewTask => ({
  caseId,
  kind: 'country_approval',
  assignee: { role: 'authority', country },
  attempt,
  dueAt,
  context: { approvalRole: 'exit' },
});

/**
 * Declares the contract's tests.
 * @param name the adapter's name, in the tests' titles
 * @param makeStore an empty store (called once per group of tests that needs its own)
 */
export function taskStoreContract(name: string, makeStore: () => Promise<TaskStore> | TaskStore): void {
  let clock = Date.parse('2024-05-01T00:00:00Z');
  const now = () => new Date(clock);
  const freshService = async () => new TaskService(await makeStore(), { now });

  describe(`tasks (${name})`, () => {
    let tasks: TaskService;
    beforeAll(async () => {
      tasks = await freshService();
    });

    it('lists an authority’s open tasks by due date, and only their country’s', async () => {
      await tasks.create(approval('case-a', 'MX', '2024-05-09T00:00:00Z'));
      await tasks.create(approval('case-b', 'MX', '2024-05-03T00:00:00Z'));
      await tasks.create(approval('case-c', 'MX', '2024-05-06T00:00:00Z'));
      await tasks.create(approval('case-c', 'GT', '2024-05-01T00:00:00Z'));
      const inbox = await tasks.inbox(authority('MX'));
      expect(inbox.items.map((t) => t.caseId)).toEqual(['case-b', 'case-c', 'case-a']);
      expect((await tasks.inbox(authority('GT'))).items.map((t) => t.taskId)).toEqual([
        'case-c.country_approval.GT.1',
      ]);
      const firstPage = await tasks.inbox(authority('MX'), 'open', { limit: 2 });
      const secondPage = await tasks.inbox(authority('MX'), 'open', {
        limit: 2,
        cursor: firstPage.nextCursor,
      });
      expect([...firstPage.items, ...secondPage.items].map((t) => t.caseId)).toEqual([
        'case-b',
        'case-c',
        'case-a',
      ]);
    });

    it('creates a task once for a retried workflow step and keeps the newest token', async () => {
      const first = await tasks.create(approval('case-retry', 'MX', '2024-05-10T00:00:00Z'), 'token-1');
      const again = await tasks.create(approval('case-retry', 'MX', '2024-05-10T00:00:00Z'), 'token-2');
      expect(first.created).toBe(true);
      expect(again.created).toBe(false);
      expect(again.task.taskId).toBe(first.task.taskId);
      expect(await tasks.forCase('case-retry')).toHaveLength(1);
      expect(await tasks.takeTaskToken(first.task.taskId)).toBe('token-2');
    });

    it("keeps a retried step's token for a task decided in between, so its pending hand-over reaches the execution", async () => {
      const { task } = await tasks.create(approval('case-raced', 'MX', '2024-05-10T00:00:00Z'), 'token-1');
      await tasks.complete(task.taskId, authority('MX'), { decision: 'approve' }, submitter);
      const again = await tasks.create(approval('case-raced', 'MX', '2024-05-10T00:00:00Z'), 'token-2');
      expect(again).toMatchObject({ created: false, task: { status: 'completed' } });
      expect(await tasks.takeTaskToken(task.taskId)).toBe('token-2');
    });

    it('never answers the task token from its read functions', async () => {
      const { task } = await tasks.create(
        approval('case-token', 'MX', '2024-05-10T00:00:00Z'),
        'secret-token',
      );
      const reads = [
        await tasks.get(task.taskId, authority('MX')),
        ...(await tasks.inbox(authority('MX'))).items,
        ...(await tasks.byStatus('open')).items,
        ...(await tasks.forCase('case-token')),
      ];
      expect(JSON.stringify(reads)).not.toContain('secret-token');
      expect(await tasks.takeTaskToken(task.taskId)).toBe('secret-token');
    });

    it('lets exactly one of ten concurrent completions win', async () => {
      const { task } = await tasks.create(approval('case-race', 'MX', '2024-05-10T00:00:00Z'));
      const results = await Promise.allSettled(
        Array.from({ length: 10 }, (_, i) =>
          tasks.complete(task.taskId, authority('MX', `auth-mx-${i}`), { decision: 'approve' }, submitter),
        ),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      for (const r of results.filter((r) => r.status === 'rejected')) {
        expect((r as PromiseRejectedResult).reason).toBeInstanceOf(TaskAlreadyCompletedError);
      }
      const done = await tasks.get(task.taskId, authority('MX'));
      expect(done).toMatchObject({
        status: 'completed',
        decision: { decision: 'approve' },
        completedBy: { role: 'authority' },
      });
      expect((await tasks.inbox(authority('MX'))).items.map((t) => t.taskId)).not.toContain(task.taskId);
      expect((await tasks.inbox(authority('MX'), 'completed')).items.map((t) => t.taskId)).toContain(
        task.taskId,
      );
    });

    it('refuses a completion by another country, another role or the case’s submitter', async () => {
      const { task } = await tasks.create(approval('case-403', 'MX', '2024-05-10T00:00:00Z'));
      // Those who may not see the task are answered as if it did not exist (404).
      await expect(
        tasks.complete(task.taskId, authority('GT'), { decision: 'approve' }, submitter),
      ).rejects.toThrow(TaskNotFoundError);
      const consul: Principal = { subject: 'c', username: 'c', role: 'consular', country: 'MX' };
      await expect(tasks.complete(task.taskId, consul, { decision: 'approve' }, submitter)).rejects.toThrow(
        TaskNotFoundError,
      );
      // The auditor sees every task, and may still not decide one (403).
      const auditor: Principal = { subject: 'a', username: 'a', role: 'auditor' };
      await expect(tasks.complete(task.taskId, auditor, { decision: 'approve' }, submitter)).rejects.toThrow(
        NotTaskAssigneeError,
      );
      await expect(
        tasks.complete(task.taskId, authority('MX', submitter), { decision: 'approve' }, submitter),
      ).rejects.toThrow(SubmitterCannotDecideError);
      expect((await tasks.get(task.taskId, authority('MX'))).status).toBe('open');
    });

    it('lets each country decide a case once, even through a re-issued task', async () => {
      const first = await tasks.create(approval('case-once', 'MX', '2024-05-10T00:00:00Z', 1));
      const second = await tasks.create(approval('case-once', 'MX', '2024-05-12T00:00:00Z', 2));
      await tasks.complete(
        first.task.taskId,
        authority('MX'),
        { decision: 'reject', comment: 'no' },
        submitter,
      );
      await expect(
        tasks.complete(second.task.taskId, authority('MX'), { decision: 'approve' }, submitter),
      ).rejects.toThrow(CountryAlreadyDecidedError);
      expect((await tasks.get(second.task.taskId, authority('MX'))).status).toBe('open');
    });

    it('expires and cancels open tasks, which then cannot be completed', async () => {
      const { task } = await tasks.create(approval('case-expire', 'MX', '2024-05-10T00:00:00Z'));
      const expired = await tasks.expire(task.taskId);
      expect(expired).toMatchObject({ status: 'expired', closeReason: 'deadline passed' });
      expect(await tasks.expire(task.taskId)).toMatchObject({ status: 'expired' });
      await expect(
        tasks.complete(task.taskId, authority('MX'), { decision: 'approve' }, submitter),
      ).rejects.toThrow(TaskAlreadyCompletedError);
      await expect(tasks.cancel(task.taskId, 'withdrawn')).rejects.toThrow(TaskAlreadyCompletedError);
      expect((await tasks.byStatus('expired')).items.map((t) => t.taskId)).toContain(task.taskId);

      const other = await tasks.create(approval('case-cancel', 'MX', '2024-05-10T00:00:00Z'));
      expect(await tasks.cancel(other.task.taskId, 'case withdrawn')).toMatchObject({ status: 'cancelled' });
    });

    it('hides a task from those who may not see it, and shows it to the Secretariat', async () => {
      const { task } = await tasks.create(approval('case-see', 'MX', '2024-05-10T00:00:00Z'));
      await expect(tasks.get(task.taskId, authority('GT'))).rejects.toThrow(TaskNotFoundError);
      await expect(tasks.get('not-a-task', authority('MX'))).rejects.toThrow(TaskNotFoundError);
      const secretariat: Principal = { subject: 's', username: 's', role: 'secretariat' };
      expect((await tasks.get(task.taskId, secretariat)).taskId).toBe(task.taskId);
    });

    it('gives the Secretariat its own inbox of disbursement approvals without a country', async () => {
      await tasks.create({
        caseId: 'case-st',
        kind: 'disbursement_approval',
        assignee: { role: 'secretariat' },
        dueAt: '2024-05-20T00:00:00Z',
      });
      const secretariat: Principal = { subject: 's', username: 's', role: 'secretariat' };
      expect((await tasks.inbox(secretariat)).items.map((t) => t.taskId)).toEqual([
        'case-st.disbursement_approval.rcm.1',
      ]);
    });
  });

  describe(`hand-overs to the workflow (${name})`, () => {
    it('keeps a completion’s hand-over pending, oldest first, until it is handed over', async () => {
      const tasks = await freshService();
      const first = (await tasks.create(approval('case-ho-1', 'MX', '2024-05-10T00:00:00Z'))).task;
      const second = (await tasks.create(approval('case-ho-2', 'GT', '2024-05-10T00:00:00Z'))).task;
      const open = (await tasks.create(approval('case-ho-3', 'MX', '2024-05-10T00:00:00Z'))).task;
      clock = Date.parse('2024-05-02T00:00:00Z');
      await tasks.complete(first.taskId, authority('MX'), { decision: 'approve' }, submitter);
      clock = Date.parse('2024-05-02T00:05:00Z');
      await tasks.complete(second.taskId, authority('GT'), { decision: 'reject', comment: 'no' }, submitter);

      const ids = async (before: string) =>
        (await tasks.pendingHandOvers(new Date(before))).map((task) => task.taskId);
      expect(await ids('2024-05-03T00:00:00Z')).toEqual([first.taskId, second.taskId]);
      // Only those completed before the cutoff, and never an open task.
      expect(await ids('2024-05-02T00:01:00Z')).toEqual([first.taskId]);
      expect(await ids('2024-05-03T00:00:00Z')).not.toContain(open.taskId);
      const [pending] = await tasks.pendingHandOvers(new Date('2024-05-03T00:00:00Z'));
      expect(pending).toMatchObject({ status: 'completed', decision: { decision: 'approve' } });

      await tasks.handedOver(pending!);
      await tasks.handedOver(pending!); // twice changes nothing
      expect(await ids('2024-05-03T00:00:00Z')).toEqual([second.taskId]);
    });
  });

  describe(`all open tasks by age (${name})`, () => {
    it('lists every open task across countries, oldest first, in one query', async () => {
      const tasks = await freshService();
      const created: string[] = [];
      for (const [i, country] of (['GT', 'MX', 'GT', 'MX'] as const).entries()) {
        clock = Date.parse(`2024-06-0${i + 1}T00:00:00Z`);
        created.push(
          (await tasks.create(approval(`case-age-${i}`, country, '2024-07-01T00:00:00Z'))).task.taskId,
        );
      }
      await tasks.complete(created[1]!, authority('MX'), { decision: 'approve' }, submitter);
      const open = await tasks.byStatus('open');
      expect(open.items.map((t) => t.taskId)).toEqual([created[0], created[2], created[3]]);
    });
  });

  describe(`tasks of one kind (${name})`, () => {
    let tasks: TaskService;
    const secretariat: Principal = { subject: 's', username: 's', role: 'secretariat' };
    beforeAll(async () => {
      tasks = await freshService();
      // Seven approvals of MX, and a disbursement approval after every second one (by age).
      for (let i = 0; i < 10; i++) {
        clock = Date.parse(`2024-07-${String(i + 1).padStart(2, '0')}T00:00:00Z`);
        const caseId = `case-kind-${i}`;
        await tasks.create(
          i % 3 === 2
            ? {
                caseId,
                kind: 'disbursement_approval',
                assignee: { role: 'secretariat' },
                dueAt: '2024-08-01T00:00:00Z',
              }
            : approval(caseId, 'MX', `2024-08-${String(20 - i).padStart(2, '0')}T00:00:00Z`),
        );
      }
    });

    it('answers exactly limit tasks of the kind per page, and the next page continues where it stopped', async () => {
      const pages: string[][] = [];
      let cursor: string | undefined;
      do {
        const page = await tasks.list(secretariat, {
          view: 'all',
          kind: 'country_approval',
          limit: 3,
          ...(cursor ? { cursor } : {}),
        });
        pages.push(page.items.map((task) => task.caseId));
        expect(page.items.every((task) => task.kind === 'country_approval')).toBe(true);
        cursor = page.nextCursor;
      } while (cursor);
      expect(pages).toEqual([[0, 1, 3], [4, 6, 7], [9]].map((page) => page.map((i) => `case-kind-${i}`)));
    });

    it('filters an inbox by kind in due-date order', async () => {
      const mx = authority('MX');
      const page = await tasks.list(mx, { kind: 'country_approval', limit: 4 });
      expect(page.items.map((task) => task.caseId)).toEqual([9, 7, 6, 4].map((i) => `case-kind-${i}`));
      const rest = await tasks.list(mx, { kind: 'country_approval', limit: 4, cursor: page.nextCursor });
      expect(rest.items.map((task) => task.caseId)).toEqual([3, 1, 0].map((i) => `case-kind-${i}`));
      expect((await tasks.list(mx, { kind: 'disbursement_approval' })).items).toEqual([]);
      expect(
        (await tasks.list(secretariat, { kind: 'disbursement_approval' })).items.map((task) => task.caseId),
      ).toEqual([2, 5, 8].map((i) => `case-kind-${i}`));
    });

    it('lets only the Secretariat and the auditor list every country', async () => {
      await expect(tasks.list(authority('MX'), { view: 'all' })).rejects.toMatchObject({
        name: 'ForbiddenError',
      });
      const auditor: Principal = { subject: 'a', username: 'a', role: 'auditor' };
      expect((await tasks.list(auditor, { view: 'all', limit: 100 })).items).toHaveLength(10);
    });

    it('refuses a cursor of another listing, or none at all', async () => {
      const all = await tasks.list(secretariat, { view: 'all', limit: 2 });
      await expect(tasks.list(authority('MX'), { cursor: all.nextCursor })).rejects.toMatchObject(
        InvalidCursorPattern,
      );
      await expect(tasks.list(secretariat, { view: 'all', cursor: 'bm9wZQ' })).rejects.toMatchObject(
        InvalidCursorPattern,
      );
    });
  });

  describe(`overdue tasks (${name})`, () => {
    let tasks: TaskService;
    const secretariat: Principal = { subject: 's', username: 's', role: 'secretariat' };
    const due = (day: number) => `2024-09-${String(day).padStart(2, '0')}T12:00:00.000Z`;
    beforeAll(async () => {
      tasks = await freshService();
      // Due on the 2nd to the 13th: MX's and GT's by turns, of one case each, a minute apart.
      for (let day = 2; day <= 13; day++) {
        clock = Date.parse('2024-09-01T00:00:00Z') + day * 60_000;
        await tasks.create(approval(`case-late-${day}`, day % 2 === 0 ? 'MX' : 'GT', due(day)));
      }
      await tasks.complete(
        `case-late-4.country_approval.MX.1`,
        authority('MX'),
        { decision: 'approve' },
        submitter,
      );
      await tasks.expire('case-late-5.country_approval.GT.1');
      // The 10th, at noon and a second: due dates up to the 10th's have passed.
      clock = Date.parse('2024-09-10T12:00:01Z');
    });

    it('lists only the open tasks whose due date has passed, every country for the Secretariat', async () => {
      const late = await tasks.list(secretariat, { view: 'all', overdue: true, limit: 100 });
      expect(late.items.map((task) => task.caseId)).toEqual(
        [2, 3, 6, 7, 8, 9, 10].map((day) => `case-late-${day}`),
      );
      expect(late.items.every((task) => task.status === 'open')).toBe(true);
    });

    it('lists an inbox’s overdue tasks by due date, page by page', async () => {
      const first = await tasks.list(authority('MX'), { overdue: true, limit: 2 });
      expect(first.items.map((task) => task.caseId)).toEqual(['case-late-2', 'case-late-6']);
      const rest = await tasks.list(authority('MX'), { overdue: true, limit: 2, cursor: first.nextCursor });
      expect(rest.items.map((task) => task.caseId)).toEqual(['case-late-8', 'case-late-10']);
      const after = rest.nextCursor
        ? (await tasks.list(authority('MX'), { overdue: true, limit: 2, cursor: rest.nextCursor })).items
        : [];
      expect(after).toEqual([]);
    });

    it('lists nothing overdue before the first due date, and everything open after the last', async () => {
      clock = Date.parse('2024-09-02T12:00:00Z');
      expect((await tasks.list(secretariat, { view: 'all', overdue: true })).items).toEqual([]);
      clock = Date.parse('2024-10-01T00:00:00Z');
      expect((await tasks.list(secretariat, { view: 'all', overdue: true, limit: 100 })).items).toHaveLength(
        10,
      );
      expect((await tasks.list(secretariat, { view: 'all', overdue: false, limit: 100 })).items).toHaveLength(
        10,
      );
    });
  });
}
