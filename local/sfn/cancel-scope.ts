/**
 * Cancellation of the work of an execution, a Parallel's branches or a Map's iterations: when an
 * execution is stopped or times out, or a branch fails, what still waits below that point must
 * stop waiting and record nothing more. Scopes nest; cancelling one cancels those beneath it.
 */

/** Thrown into waits that were cancelled; the interpreter unwinds without recording anything. */
export class CancelledError extends Error {
  override readonly name = 'CancelledError';
}

export class CancelScope {
  /** Why it was cancelled; the error is made only when something needs it (an Error costs its stack). */
  private why: string | undefined;
  private error: CancelledError | undefined;
  private readonly listeners = new Set<(reason: CancelledError) => void>();
  private readonly detach: (() => void) | undefined;

  constructor(parent?: CancelScope) {
    this.detach = parent?.onCancel((reason) => this.cancel(reason.message));
  }

  get cancelled(): boolean {
    return this.why !== undefined;
  }

  private get reason(): CancelledError | undefined {
    if (this.why === undefined) return undefined;
    this.error ??= new CancelledError(this.why);
    return this.error;
  }

  /** Throws when this scope has been cancelled. */
  throwIfCancelled(): void {
    if (this.why !== undefined) throw this.reason;
  }

  cancel(why: string): void {
    if (this.why !== undefined) return;
    this.why = why;
    if (this.listeners.size > 0) {
      const reason = this.reason!;
      for (const listener of [...this.listeners]) listener(reason);
      this.listeners.clear();
    }
    this.detach?.();
  }

  /** Calls `listener` on cancellation (at once if already cancelled); returns how to stop listening. */
  onCancel(listener: (reason: CancelledError) => void): () => void {
    const reason = this.reason;
    if (reason) {
      listener(reason);
      return () => {};
    }
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** `work`, or a CancelledError as soon as this scope is cancelled. */
  race<T>(work: Promise<T>): Promise<T> {
    if (this.reason) return Promise.reject(this.reason);
    return new Promise<T>((resolve, reject) => {
      const stop = this.onCancel(reject);
      work.then(
        (value) => {
          stop();
          resolve(value);
        },
        (error: unknown) => {
          stop();
          reject(error);
        },
      );
    });
  }

  /** Stops listening to the parent: the scope's work is over. */
  dispose(): void {
    this.detach?.();
    this.listeners.clear();
  }
}
