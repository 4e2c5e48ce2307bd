// A list the API hands out a page at a time (an infinite query): what has come so far, the button
// that asks for the next page, and when the list was last brought up to date.
import { useTranslation } from 'react-i18next';
import { useFormat } from '../i18n/format';

interface PagedList<T> {
  data?: { pages: readonly { items: readonly T[] }[] };
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => Promise<unknown>;
  dataUpdatedAt: number;
}

/** The items of the pages loaded so far, in order. */
export function loadedItems<T>(list: Pick<PagedList<T>, 'data'>): T[] {
  return list.data?.pages.flatMap((page) => page.items) ?? [];
}

/** Asks for the next page, while there is one. */
export function MoreButton({
  list,
  label,
}: {
  list: Pick<PagedList<unknown>, 'hasNextPage' | 'isFetchingNextPage' | 'fetchNextPage'>;
  label: string;
}) {
  const { t } = useTranslation();
  if (!list.hasNextPage) return null;
  return (
    <button
      type="button"
      className="button"
      disabled={list.isFetchingNextPage}
      onClick={() => void list.fetchNextPage()}
    >
      {list.isFetchingNextPage ? t('common.loading') : label}
    </button>
  );
}

/** Below a paged table: the next page, and when the list was last brought up to date. */
export function PagedListFooter({ list, moreLabel }: { list: PagedList<unknown>; moreLabel: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <div className="button-row">
      <MoreButton list={list} label={moreLabel} />
      {list.dataUpdatedAt > 0 && (
        <span className="muted small">
          {t('common.updatedAt', { when: format.time(new Date(list.dataUpdatedAt).toISOString()) })}
        </span>
      )}
    </div>
  );
}
