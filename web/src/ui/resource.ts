/**
 * Loads what a screen shows, with its loading and error states, again when its inputs change.
 * New inputs clear what the old ones loaded (a page for case B never shows case A while B loads);
 * `reload()` with the same inputs keeps what is shown until the new answer arrives. An answer of
 * a load that was superseded (new inputs, a reload, the screen closed) is dropped.
 */
import { useCallback, useEffect, useState } from 'preact/hooks';
import { sameInputs } from './paged-list';

export interface Resource<T> {
  readonly data: T | undefined;
  readonly error: unknown;
  readonly loading: boolean;
  reload(): void;
}

interface State<T> {
  /** The inputs this state was loaded for. */
  readonly inputs: readonly unknown[];
  readonly data?: T;
  readonly error?: unknown;
  readonly loading: boolean;
}

export function useResource<T>(load: () => Promise<T>, inputs: readonly unknown[]): Resource<T> {
  const [state, setState] = useState<State<T>>({ inputs, loading: true });
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    // Cleared by the effect's clean-up: a new load (new inputs or a reload) or the screen closing.
    let current = true;
    setState((previous) =>
      sameInputs(previous.inputs, inputs) ? { ...previous, loading: true } : { inputs, loading: true },
    );
    load().then(
      (data) => current && setState({ inputs, data, loading: false }),
      (error: unknown) => current && setState({ inputs, error, loading: false }),
    );
    return () => {
      current = false;
    };
  }, [...inputs, generation]);
  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  // Between new inputs and the effect that loads them, the old inputs' answer is not shown.
  if (!sameInputs(state.inputs, inputs)) return { data: undefined, error: undefined, loading: true, reload };
  return { data: state.data, error: state.error, loading: state.loading, reload };
}
