/**
 * Sending a task's completion form, the same for every kind: the form is checked with the
 * contract the API parses it with (nothing is sent while it has issues), then sent; an API 400's
 * issues land on their fields, a 409 (the task was completed or closed meanwhile) goes to the
 * page with the API's message, and the completed task the API answers replaces the one shown.
 */
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type * as z from 'zod';
import type { Task } from '../../../../shared/contracts/task';
import { ApiError, api } from '../../api';
import { ErrorSummary } from '../../forms/fields';
import { type FieldIssue, issuesByPath, validate } from '../../forms/validation';
import { ErrorNotice } from '../../ui/common';

export interface CompletionProps {
  readonly task: Task;
  /** The API completed the task: show it as it answered. */
  readonly onCompleted: (task: Task) => void;
  /** The API answered 409: the task is no longer open. */
  readonly onConflict: (error: ApiError) => void;
}

export function useCompletion(props: CompletionProps) {
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const [failure, setFailure] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);

  /** The form parsed by `schema`, or undefined with its issues shown. */
  function check<Schema extends z.ZodType>(
    schema: Schema,
    value: Record<string, unknown>,
  ): z.output<Schema> | undefined {
    const result = validate(schema, value);
    setFailure(undefined);
    if (result.ok) {
      setIssues([]);
      return result.data;
    }
    setIssues(result.issues);
    return undefined;
  }

  async function send(body: unknown): Promise<boolean> {
    setBusy(true);
    setFailure(undefined);
    try {
      const done = await api.tasks.complete(props.task.taskId, body);
      setIssues([]);
      props.onCompleted(done);
      return true;
    } catch (error) {
      if (error instanceof ApiError && error.status === 400 && error.issues.length > 0)
        setIssues([...error.issues]);
      else if (error instanceof ApiError && error.status === 409) props.onConflict(error);
      else setFailure(error);
      return false;
    } finally {
      setBusy(false);
    }
  }

  return { issues, byPath: issuesByPath(issues), failure, busy, check, send };
}

export type Completion = ReturnType<typeof useCompletion>;

/**
 * A completion form: the error summary first, the fields, a failure, then the send button. It
 * shows `completion`'s issues, failure and busy state, each issue named by its field's label.
 */
export function CompletionFormShell(props: {
  readonly label: string;
  readonly completion: Completion;
  /** Each field's label by its contract path, for the summary. */
  readonly labels: Readonly<Record<string, string>>;
  readonly submitLabel: string;
  readonly onSubmit: () => void;
  readonly children: ComponentChildren;
}) {
  const { completion, labels } = props;
  return (
    <form
      class="task-form"
      aria-label={props.label}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (!completion.busy) props.onSubmit();
      }}
    >
      <ErrorSummary issues={completion.issues} labelOf={(path) => labels[path] ?? path} />
      {props.children}
      {completion.failure ? <ErrorNotice error={completion.failure} /> : null}
      <button type="submit" aria-busy={completion.busy ? 'true' : undefined} disabled={completion.busy}>
        {props.submitLabel}
      </button>
    </form>
  );
}

/** Text typed into an optional field: left out when blank, as the contract wants it absent. */
export function optionalText(value: string): string | undefined {
  return value.trim() === '' ? undefined : value;
}
