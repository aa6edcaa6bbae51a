/** A paged list's "show more": its error (with a retry) and the button while a next page exists. */
import { ErrorNotice } from './common';
import type { ListPage, PagedList } from './paged-list';

export function ShowMore(props: {
  readonly list: Pick<PagedList<ListPage>, 'nextCursor' | 'loadingMore' | 'moreError' | 'more'>;
  readonly label: string;
}) {
  const { list } = props;
  return (
    <>
      {list.moreError ? <ErrorNotice error={list.moreError} onRetry={list.more} /> : null}
      {list.nextCursor ? (
        <button
          type="button"
          class="secondary"
          onClick={list.more}
          disabled={list.loadingMore}
          aria-busy={list.loadingMore}
        >
          {props.label}
        </button>
      ) : null}
    </>
  );
}
