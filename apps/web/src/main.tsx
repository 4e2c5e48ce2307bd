import './ui/app.css';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { ApiError } from './api/api-error';
import { session } from './auth/session';
import { i18n } from './i18n';
import { createAppRouter } from './router';
import { AnnouncerProvider } from './ui/Announcer';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 5_000,
      refetchOnWindowFocus: true,
      retry: (failures, error) => error instanceof ApiError && error.retryable && failures < 2,
    },
  },
});
const router = createAppRouter(queryClient);

// Another person, or nobody: nothing of the last one's data stays. Without a session (expired,
// or refused with a 401) the person signs in again and comes back to where they were.
session.subscribe(() => {
  queryClient.clear();
  if (session.current()) return void router.invalidate();
  const { pathname, href } = router.state.location;
  if (pathname === '/sign-in' || pathname === '/callback') return;
  void router.navigate({ to: '/sign-in', search: { returnTo: href }, replace: true });
});

const root = document.getElementById('root');
if (!root) throw new Error('the page has no #root element');
createRoot(root).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={queryClient}>
        <AnnouncerProvider>
          <RouterProvider router={router} />
        </AnnouncerProvider>
      </QueryClientProvider>
    </I18nextProvider>
  </StrictMode>,
);
