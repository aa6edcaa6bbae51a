/**
 * A list the API answers a page at a time (`items` + `nextCursor`), loaded again when its inputs
 * (filters, a case id) change. Every load belongs to a generation: new inputs or `reload()` start
 * a new one, and an answer for an older generation is dropped, so a late "show more" page never
 * lands in a newer list. A cursor is only ever sent with the load function of the generation whose
 * answer carried it, so it never travels with other filters than the ones that produced it.
 *
 * The state changes are plain functions (`startList`, `settleFirst`, `startMore`, `settleMore`,
 * `viewOf`) and `PagedLoader` runs the loads with them, so that the race logic can be tested
 * without a renderer; `usePagedList` wires a `PagedLoader` to Preact.
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

export interface ListPage<T = unknown> {
  readonly items: readonly T[];
  readonly nextCursor?: string | undefined;
}

type ItemOf<P extends ListPage> = P['items'][number];

export interface PagedState<P extends ListPage> {
  /** The load this state belongs to; answers for any other one are dropped. */
  readonly generation: number;
  /** The inputs that generation was asked for. */
  readonly inputs: readonly unknown[];
  /** The first page's whole answer (a list may carry more than its items), once it arrived. */
  readonly first?: P | undefined;
  readonly items: readonly ItemOf<P>[];
  readonly nextCursor?: string | undefined;
  readonly loading: boolean;
  readonly loadingMore: boolean;
  /** The first page failed. */
  readonly error?: unknown;
  /** A later page failed (the list so far stays). */
  readonly moreError?: unknown;
}

export type Outcome<P> = { readonly page: P } | { readonly error: unknown };

/** A new generation: nothing shown yet, the first page on its way. */
export function startList<P extends ListPage>(generation: number, inputs: readonly unknown[]): PagedState<P> {
  return { generation, inputs, items: [], loading: true, loadingMore: false };
}

/** The first page's answer for `generation`; ignored if a newer generation started since. */
export function settleFirst<P extends ListPage>(
  state: PagedState<P>,
  generation: number,
  outcome: Outcome<P>,
): PagedState<P> {
  if (state.generation !== generation || !state.loading) return state;
  if ('error' in outcome) return { ...state, loading: false, error: outcome.error };
  const page = outcome.page;
  return { ...state, loading: false, first: page, items: page.items, nextCursor: page.nextCursor };
}

/**
 * Asks for the page after the current one, in `generation`: the new state, or `undefined` when
 * there is nothing to ask (no cursor, a load already on its way, or a state of another generation).
 */
export function startMore<P extends ListPage>(
  state: PagedState<P>,
  generation: number,
): PagedState<P> | undefined {
  if (state.generation !== generation || state.loading || state.loadingMore || !state.nextCursor) {
    return undefined;
  }
  return { ...state, loadingMore: true, moreError: undefined };
}

/**
 * The answer to the page asked for with `cursor` in `generation`; ignored unless it is still the
 * page this list waits for (same generation, same cursor).
 */
export function settleMore<P extends ListPage>(
  state: PagedState<P>,
  generation: number,
  cursor: string,
  outcome: Outcome<P>,
): PagedState<P> {
  if (state.generation !== generation || !state.loadingMore || state.nextCursor !== cursor) return state;
  if ('error' in outcome) return { ...state, loadingMore: false, moreError: outcome.error };
  return {
    ...state,
    loadingMore: false,
    items: [...state.items, ...outcome.page.items],
    nextCursor: outcome.page.nextCursor,
  };
}

export function sameInputs(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((value, index) => Object.is(value, b[index]));
}

/**
 * What to show for `inputs`: the state if it was loaded for them, else a list still loading (the
 * render between new inputs and the effect that loads them must not show the old inputs' rows).
 */
export function viewOf<P extends ListPage>(state: PagedState<P>, inputs: readonly unknown[]): PagedState<P> {
  return sameInputs(state.inputs, inputs) ? state : startList(state.generation, inputs);
}

/**
 * The loads of one list, without a renderer: `start` begins a generation with the load function
 * of its inputs, `more` asks for the next page with that same function and the cursor its answer
 * carried, `stop` drops whatever is on its way. Every change of state is passed to `onChange`.
 */
export class PagedLoader<P extends ListPage> {
  private current: PagedState<P>;
  private generation = 0;
  private load: ((cursor?: string) => Promise<P>) | undefined;

  constructor(
    inputs: readonly unknown[],
    private readonly onChange: (state: PagedState<P>) => void,
  ) {
    this.current = startList(0, inputs);
  }

  get state(): PagedState<P> {
    return this.current;
  }

  /** A new generation for `inputs` (new inputs, or a reload): loads its first page. */
  start(load: (cursor?: string) => Promise<P>, inputs: readonly unknown[]): void {
    this.generation += 1;
    const asked = this.generation;
    this.load = load;
    this.update(startList(asked, inputs));
    load().then(
      (page) => this.update(settleFirst(this.current, asked, { page })),
      (error: unknown) => this.update(settleFirst(this.current, asked, { error })),
    );
  }

  /**
   * The next page of the current generation, if `inputs` (those now on screen) are the ones it
   * was loaded for: between new inputs and their `start`, the cursor shown is the old inputs'.
   */
  more(inputs: readonly unknown[]): void {
    const asked = this.generation;
    const now = this.current;
    const load = this.load;
    if (!load || !sameInputs(now.inputs, inputs)) return;
    const started = startMore(now, asked);
    const cursor = now.nextCursor;
    if (!started || !cursor) return;
    this.update(started);
    load(cursor).then(
      (page) => this.update(settleMore(this.current, asked, cursor, { page })),
      (error: unknown) => this.update(settleMore(this.current, asked, cursor, { error })),
    );
  }

  /** Superseded or closed: every answer on its way is dropped. */
  stop(): void {
    this.generation += 1;
    this.load = undefined;
  }

  private update(next: PagedState<P>): void {
    if (next === this.current) return;
    this.current = next;
    this.onChange(next);
  }
}

export interface PagedList<P extends ListPage> {
  readonly items: readonly ItemOf<P>[];
  readonly nextCursor: string | undefined;
  /** The first page's whole answer (undefined while it loads or if it failed). */
  readonly first: P | undefined;
  readonly loading: boolean;
  readonly loadingMore: boolean;
  readonly error: unknown;
  readonly moreError: unknown;
  /** Loads the next page (nothing if there is none or one is already on its way). */
  more(): void;
  /** Loads the list again from its first page, with the same inputs. */
  reload(): void;
}

export function usePagedList<P extends ListPage>(
  loadPage: (cursor?: string) => Promise<P>,
  inputs: readonly unknown[],
): PagedList<P> {
  const [loader] = useState(() => new PagedLoader<P>(inputs, (next) => setState(next)));
  const [state, setState] = useState<PagedState<P>>(loader.state);
  const inputsNow = useRef(inputs);
  inputsNow.current = inputs;
  const [reloads, setReloads] = useState(0);

  useEffect(() => {
    loader.start(loadPage, inputs);
    return () => loader.stop();
  }, [...inputs, reloads]);

  const more = useCallback(() => loader.more(inputsNow.current), [loader]);
  const reload = useCallback(() => setReloads((n) => n + 1), []);
  const view = viewOf(state, inputs);
  return {
    items: view.items,
    nextCursor: view.nextCursor,
    first: view.first,
    loading: view.loading,
    loadingMore: view.loadingMore,
    error: view.error,
    moreError: view.moreError,
    more,
    reload,
  };
}
