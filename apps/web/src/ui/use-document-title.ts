import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** The tab's title: the page, then the app. */
export function useDocumentTitle(page: string | null | undefined): void {
  const { t } = useTranslation();
  const app = t('app.name');
  useEffect(() => {
    document.title = page ? `${page} · ${app}` : app;
  }, [page, app]);
}
