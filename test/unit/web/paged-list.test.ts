import {
  type ListPage,
  PagedLoader,
  type PagedState,
  settleFirst,
  settleMore,
  startList,
  startMore,
  viewOf,
} from '../../../web/src/ui/paged-list';

type Page = ListPage<string>;

/** A load function whose answers the test gives, one by one, in any order. */
function fakeApi() {
  const asked: Array<{
    filter: string;
    cursor?: string;
    answer(page: Page): void;
    fail(error: unknown): void;
  }> = [];
  const loadFor = (filter: string) => (cursor?: string) =>
    new Promise<Page>((resolve, reject) => {
      asked.push({ filter, ...(cursor ? { cursor } : {}), answer: resolve, fail: reject });
    });
  return { asked, loadFor };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

function loaderOf() {
  const states: PagedState<Page>[] = [];
  const loader = new PagedLoader<Page>(['A'], (state) => states.push(state));
  return { loader, states };
}

describe('the paged-list state', () => {
  test('a first page of an older generation is dropped', () => {
    const newer = startList<Page>(2, ['B']);
    expect(settleFirst(newer, 1, { page: { items: ['a1'], nextCursor: 'a-next' } })).toBe(newer);
    const settled = settleFirst(newer, 2, { page: { items: ['b1'], nextCursor: 'b-next' } });
    expect(settled).toMatchObject({ items: ['b1'], nextCursor: 'b-next', loading: false });
  });

  test('a later page of an older generation, or for another cursor, is dropped', () => {
    const a = settleFirst(startList<Page>(1, ['A']), 1, { page: { items: ['a1'], nextCursor: 'a-2' } });
    const loadingMore = startMore(a, 1);
    expect(loadingMore).toMatchObject({ loadingMore: true });
    if (!loadingMore) throw new Error('startMore refused');
    // The filters changed: generation 2 has its own first page.
    const b = settleFirst(startList<Page>(2, ['B']), 2, { page: { items: ['b1'], nextCursor: 'b-2' } });
    expect(settleMore(b, 1, 'a-2', { page: { items: ['a2'] } })).toBe(b);
    // Same generation, but not the cursor this list waits for.
    expect(settleMore(loadingMore, 1, 'other', { page: { items: ['x'] } })).toBe(loadingMore);
    expect(settleMore(loadingMore, 1, 'a-2', { page: { items: ['a2'] } })).toMatchObject({
      items: ['a1', 'a2'],
      nextCursor: undefined,
      loadingMore: false,
    });
  });

  test('no more is asked without a cursor, while a page loads, or for another generation', () => {
    const loading = startList<Page>(1, ['A']);
    expect(startMore(loading, 1)).toBeUndefined();
    const last = settleFirst(loading, 1, { page: { items: ['a1'] } });
    expect(startMore(last, 1)).toBeUndefined();
    const paged = settleFirst(loading, 1, { page: { items: ['a1'], nextCursor: 'c' } });
    expect(startMore(paged, 2)).toBeUndefined();
    const started = startMore(paged, 1);
    expect(started).toBeDefined();
    if (started) expect(startMore(started, 1)).toBeUndefined();
  });

  test('a failed later page keeps the list and its cursor; a failed first page is the error', () => {
    const paged = settleFirst(startList<Page>(1, ['A']), 1, { page: { items: ['a1'], nextCursor: 'c' } });
    const started = startMore(paged, 1);
    if (!started) throw new Error('startMore refused');
    const failed = settleMore(started, 1, 'c', { error: 'boom' });
    expect(failed).toMatchObject({ items: ['a1'], nextCursor: 'c', loadingMore: false, moreError: 'boom' });
    expect(startMore(failed, 1)).toMatchObject({ moreError: undefined, loadingMore: true });
    expect(settleFirst(startList<Page>(1, ['A']), 1, { error: 'down' })).toMatchObject({
      loading: false,
      error: 'down',
      items: [],
    });
  });

  test('the state of other inputs is shown as a list still loading', () => {
    const a = settleFirst(startList<Page>(1, ['A']), 1, { page: { items: ['a1'], nextCursor: 'c' } });
    expect(viewOf(a, ['A'])).toBe(a);
    const other = viewOf(a, ['B']);
    expect(other).toMatchObject({ items: [], loading: true, inputs: ['B'] });
    expect(other.nextCursor).toBeUndefined();
    expect(other.first).toBeUndefined();
  });
});

describe('PagedLoader', () => {
  test('"show more" answered after the filters changed does not land in the new list', async () => {
    const api = fakeApi();
    const { loader } = loaderOf();
    loader.start(api.loadFor('A'), ['A']);
    api.asked[0]?.answer({ items: ['a1'], nextCursor: 'a-2' });
    await settle();
    loader.more(['A']);
    expect(api.asked[1]).toMatchObject({ filter: 'A', cursor: 'a-2' });

    // The filters change while that page is on its way.
    loader.stop();
    loader.start(api.loadFor('B'), ['B']);
    expect(loader.state).toMatchObject({ items: [], loading: true });
    api.asked[2]?.answer({ items: ['b1'], nextCursor: 'b-2' });
    await settle();
    api.asked[1]?.answer({ items: ['a2'], nextCursor: 'a-3' });
    await settle();
    expect(loader.state).toMatchObject({
      items: ['b1'],
      nextCursor: 'b-2',
      loading: false,
      loadingMore: false,
    });

    // The next page of B goes with B's filters and B's cursor.
    loader.more(['B']);
    expect(api.asked[3]).toMatchObject({ filter: 'B', cursor: 'b-2' });
    api.asked[3]?.answer({ items: ['b2'] });
    await settle();
    expect(loader.state).toMatchObject({ items: ['b1', 'b2'], nextCursor: undefined });
  });

  test('a late first page of old filters neither replaces the new list nor ends its loading', async () => {
    const api = fakeApi();
    const { loader } = loaderOf();
    loader.start(api.loadFor('A'), ['A']);
    loader.stop();
    loader.start(api.loadFor('B'), ['B']);
    api.asked[0]?.answer({ items: ['a1'], nextCursor: 'a-2' });
    await settle();
    expect(loader.state).toMatchObject({ items: [], loading: true, inputs: ['B'] });
    api.asked[1]?.answer({ items: ['b1'] });
    await settle();
    expect(loader.state).toMatchObject({ items: ['b1'], loading: false });
  });

  test('a failure of an old "show more" does not mark the new list', async () => {
    const api = fakeApi();
    const { loader } = loaderOf();
    loader.start(api.loadFor('A'), ['A']);
    api.asked[0]?.answer({ items: ['a1'], nextCursor: 'a-2' });
    await settle();
    loader.more(['A']);
    loader.stop();
    loader.start(api.loadFor('B'), ['B']);
    api.asked[1]?.fail(new Error('late'));
    api.asked[2]?.answer({ items: ['b1'] });
    await settle();
    expect(loader.state).toMatchObject({ items: ['b1'], loadingMore: false });
    expect(loader.state.moreError).toBeUndefined();
  });

  test('no cursor is sent while the inputs on screen are not the ones it came with', async () => {
    const api = fakeApi();
    const { loader } = loaderOf();
    loader.start(api.loadFor('A'), ['A']);
    api.asked[0]?.answer({ items: ['a1'], nextCursor: 'a-2' });
    await settle();
    // New filters are rendered, their load has not started yet: "more" asks nothing.
    loader.more(['B']);
    expect(api.asked).toHaveLength(1);
    // After the list is closed, nothing either.
    loader.stop();
    loader.more(['A']);
    expect(api.asked).toHaveLength(1);
  });

  test('two clicks on "show more" ask for the page once', async () => {
    const api = fakeApi();
    const { loader, states } = loaderOf();
    loader.start(api.loadFor('A'), ['A']);
    api.asked[0]?.answer({ items: ['a1'], nextCursor: 'a-2' });
    await settle();
    loader.more(['A']);
    loader.more(['A']);
    expect(api.asked).toHaveLength(2);
    api.asked[1]?.answer({ items: ['a2'] });
    await settle();
    expect(loader.state.items).toEqual(['a1', 'a2']);
    expect(states.at(-1)).toBe(loader.state);
  });

  test('a reload drops the answer of the load it supersedes', async () => {
    const api = fakeApi();
    const { loader } = loaderOf();
    loader.start(api.loadFor('A'), ['A']);
    loader.stop();
    loader.start(api.loadFor('A'), ['A']);
    api.asked[1]?.answer({ items: ['fresh'] });
    await settle();
    api.asked[0]?.answer({ items: ['stale'] });
    await settle();
    expect(loader.state.items).toEqual(['fresh']);
  });
});
