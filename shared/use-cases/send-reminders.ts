/**
 * Task reminders, run on a schedule (every 15 minutes, from the manifest): every open task whose
 * reminder time has passed gets one task_reminder email to its assignee. The reminder time is set
 * when the task is created (reminderOffsetSeconds in shared/workflow/task-steps.ts: halfway for a
 * decision, overdue for an arrival or a check-in). The outbox keys the reminder by task, so
 * however often this runs, or when two runs overlap, each task is reminded once.
 */
import { type NotifierDeps, type NotifyResult, notify } from '../notifications/notifier';
import type { OutboxKey } from '../ports/email-outbox';
import type { TaskService } from '../tasks/task-service';

export interface SendRemindersDeps {
  readonly tasks: TaskService;
  readonly notifier: NotifierDeps;
  /** @default () => new Date() */
  readonly now?: () => Date;
}

export interface SendRemindersResult {
  /** Tasks whose reminder this run sent. */
  readonly reminded: readonly string[];
  /** The emails of every due reminder, sent now or before. */
  readonly emails: Omit<NotifyResult, 'refused'>;
  /** Tasks whose reminder could not even be recorded (their case unreadable, the outbox down), with the error's name. */
  readonly errors: readonly { readonly taskId: string; readonly error: string }[];
}

/** Sends the reminder of every open task whose reminder time has passed, once per task. */
export async function sendReminders(deps: SendRemindersDeps): Promise<SendRemindersResult> {
  const now = (deps.now?.() ?? new Date()).toISOString();
  const reminded: string[] = [];
  const emails: { sent: OutboxKey[]; skipped: OutboxKey[]; failed: NotifyResult['failed'][number][] } = {
    sent: [],
    skipped: [],
    failed: [],
  };
  const errors: { taskId: string; error: string }[] = [];
  let cursor: string | undefined;
  do {
    const page = await deps.tasks.byStatus('open', { limit: 100, ...(cursor ? { cursor } : {}) });
    for (const task of page.items) {
      if (task.reminderAt === undefined || task.reminderAt > now) continue;
      try {
        const result = await notify(deps.notifier, task.caseId, { kind: 'task_reminder', task });
        emails.sent.push(...result.sent);
        emails.skipped.push(...result.skipped);
        emails.failed.push(...result.failed);
        if (result.sent.length > 0) reminded.push(task.taskId);
      } catch (error) {
        // One task's trouble must not keep every other task from its reminder.
        errors.push({ taskId: task.taskId, error: error instanceof Error ? error.name : 'Error' });
      }
    }
    cursor = page.nextCursor;
  } while (cursor);
  return { reminded, emails, errors };
}
