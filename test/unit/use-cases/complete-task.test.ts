import { AUDIT_ACTIONS } from '../../../shared/audit/audit-entry';
import { ValidationError } from '../../../shared/errors';
import type { Task } from '../../../shared/tasks/task';
import { TaskAlreadyCompletedError, TaskNotFoundError } from '../../../shared/tasks/task-errors';
import { completeTask } from '../../../shared/use-cases/complete-task';
import { approvalTask, submittedCase } from './case-fixture-flow';
import { auditActions, authority, type MemoryServices, memoryServices } from './memory-services';

let services: MemoryServices;
let caseId: string;
let task: Task;
beforeEach(async () => {
  services = memoryServices();
  caseId = await submittedCase(services);
  task = await approvalTask(services, caseId, 'token-c');
});

const complete = (principal = authority('MX'), body: unknown = { decision: 'approve' }) =>
  completeTask(services, principal, task.taskId, body);

const completions = async () =>
  (await auditActions(services, caseId)).filter((action) => action === AUDIT_ACTIONS.taskCompleted);

describe('completing a task', () => {
  it('records the decision once on the task, the case and the audit log, and hands it to the workflow', async () => {
    const answer = await complete(authority('MX'), {
      decision: 'reject',
      comment: 'the family could not be found',
    });
    expect(answer).toMatchObject({ taskId: task.taskId, status: 'completed' });
    const record = await services.cases.getForSystem(caseId);
    expect(record.approvals).toEqual([
      expect.objectContaining({
        approvalRole: 'exit',
        country: 'MX',
        status: 'rejected',
        taskId: task.taskId,
      }),
    ]);
    expect(record.timeline.at(-1)).toMatchObject({ event: 'approval_decided', en: 'Mexico: rejected.' });
    expect(await completions()).toHaveLength(1);
    expect(services.workflow.callbacks).toHaveLength(1);
    const output = services.workflow.callbacks[0]?.output;
    expect(output).toMatchObject({ taskId: task.taskId, kind: 'country_approval', decision: 'reject' });
    expect(output).not.toHaveProperty('comment');
  });

  it('refuses another country’s authority before reading the form, and changes nothing', async () => {
    await expect(complete(authority('GT'), { decision: 'maybe' })).rejects.toThrow(TaskNotFoundError);
    expect((await services.tasks.getForSystem(task.taskId)).status).toBe('open');
    expect(services.workflow.callbacks).toEqual([]);
  });

  it('refuses a form that is not the kind’s', async () => {
    await expect(complete(authority('MX'), { decision: 'maybe' })).rejects.toThrow(ValidationError);
  });

  it('answers a retry of the same decision by the same person, without recording it twice', async () => {
    const first = await complete();
    const retry = await complete();
    expect(retry).toEqual(first);
    expect(await completions()).toHaveLength(1);
    expect((await services.cases.getForSystem(caseId)).approvals).toHaveLength(1);
    expect(services.workflow.callbacks).toHaveLength(1);
  });

  it('refuses another decision once decided, and a second decision by the same country', async () => {
    await complete();
    await expect(
      complete(authority('MX'), { decision: 'reject', comment: 'on second thought' }),
    ).rejects.toThrow(TaskAlreadyCompletedError);
    await expect(complete(authority('MX', 'auth-mx-2'))).rejects.toThrow(TaskAlreadyCompletedError);
    const reissued = await services.tasks.create({
      caseId,
      kind: 'country_approval',
      assignee: { role: 'authority', country: 'MX' },
      attempt: 2,
      dueAt: '2024-05-12T00:00:00.000Z',
      context: { approvalRole: 'exit' },
    });
    await expect(
      completeTask(services, authority('MX'), reissued.task.taskId, { decision: 'approve' }),
    ).rejects.toMatchObject({ name: 'CountryAlreadyDecidedError' });
  });
});
