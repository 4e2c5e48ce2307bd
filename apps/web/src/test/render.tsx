// Renders a page inside the app's providers and a router on a memory history, as the app does.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import {
  createMemoryHistory,
  createRootRoute,
  createRoute,
  createRouter,
  Outlet,
  RouterProvider,
} from '@tanstack/react-router';
import { render } from '@testing-library/react';
import type React from 'react';
import { parseSearchString, stringifySearch } from '../register/filters';
import { AnnouncerProvider } from '../ui/Announcer';

export function renderRoute(options: {
  path: string;
  url: string;
  component: () => React.ReactNode;
  validateSearch?: (search: Record<string, unknown>) => object;
}) {
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false }, mutations: { retry: false } },
  });
  const root = createRootRoute({ component: Outlet });
  // The app's pathless layout, so that pages find their routes by the app's ids.
  const signedIn = createRoute({ getParentRoute: () => root, id: 'signed-in', component: Outlet });
  const page = createRoute({
    getParentRoute: () => signedIn,
    path: options.path,
    component: options.component,
    ...(options.validateSearch ? { validateSearch: options.validateSearch } : {}),
  });
  const other = createRoute({ getParentRoute: () => root, path: '$', component: () => <p>elsewhere</p> });
  const history = createMemoryHistory({ initialEntries: [options.url] });
  const router = createRouter({
    routeTree: root.addChildren([signedIn.addChildren([page]), other]),
    history,
    parseSearch: parseSearchString,
    stringifySearch,
  });
  const view = render(
    <QueryClientProvider client={queryClient}>
      <AnnouncerProvider>
        <RouterProvider router={router as never} />
      </AnnouncerProvider>
    </QueryClientProvider>,
  );
  return { ...view, router, history, queryClient };
}

/** A fetch that answers each request with the next of `answers` and records what was asked. */
export function fakeFetch(answer: (request: Request) => Response | Promise<Response>) {
  const requests: Request[] = [];
  const fetchMock = jest.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const request =
      input instanceof Request ? input : new Request(new URL(String(input), 'http://localhost'), init);
    requests.push(request.clone());
    return answer(request);
  });
  globalThis.fetch = fetchMock as typeof fetch;
  return { requests, fetchMock };
}

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}
