// The app's routes (code-based), under the gateway's /app/. Every page but sign-in needs a
// session; without one, the person is sent to sign in and brought back afterwards.
import type { QueryClient } from '@tanstack/react-query';
import {
  createRootRouteWithContext,
  createRoute,
  createRouter,
  lazyRouteComponent,
  Outlet,
  redirect,
} from '@tanstack/react-router';
import { session } from './auth/session';
import { SignInPage } from './auth/SignInPage';
import { InitiativePage } from './initiative/InitiativePage';
import { initiativeQuery } from './initiative/queries';
import { MyWorkPage } from './my-work/MyWorkPage';
import { parseRegisterSearch, parseSearchString, stringifySearch } from './register/filters';
import { AppShell } from './ui/AppShell';
import { NotFoundPage } from './ui/NotFoundPage';

export const APP_BASE = '/app';

const rootRoute = createRootRouteWithContext<{ queryClient: QueryClient }>()({
  component: AppShell,
  notFoundComponent: NotFoundPage,
});

const signInRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'sign-in',
  validateSearch: (search: Record<string, unknown>): { returnTo?: string } =>
    typeof search.returnTo === 'string' ? { returnTo: search.returnTo } : {},
  component: SignInPage,
});

const callbackRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'callback',
  component: lazyRouteComponent(() => import('./auth/CallbackPage'), 'CallbackPage'),
});

const signedInRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'signed-in',
  beforeLoad: ({ location }) => {
    if (!session.current()) throw redirect({ to: '/sign-in', search: { returnTo: location.href } });
  },
  component: Outlet,
});

const myWorkRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/',
  component: MyWorkPage,
});

const registerRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: 'register',
  validateSearch: parseRegisterSearch,
  component: lazyRouteComponent(() => import('./register/RegisterPage'), 'RegisterPage'),
});

export const initiativeRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: 'initiatives/$id',
  // The request may already be on its way (early-data.ts); the page's code is in the first load,
  // so that nothing waits on a second round trip for it.
  loader: ({ context, params }) => void context.queryClient.prefetchQuery(initiativeQuery(params.id)),
  component: InitiativePage,
});

const newInitiativeRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: 'new',
  component: lazyRouteComponent(() => import('./new-initiative/NewInitiativePage'), 'NewInitiativePage'),
});

const routeTree = rootRoute.addChildren([
  signInRoute,
  callbackRoute,
  signedInRoute.addChildren([myWorkRoute, registerRoute, initiativeRoute, newInitiativeRoute]),
]);

export function createAppRouter(queryClient: QueryClient) {
  return createRouter({
    routeTree,
    basepath: APP_BASE,
    context: { queryClient },
    parseSearch: parseSearchString,
    stringifySearch,
    defaultPreload: 'intent',
    defaultPreloadStaleTime: 0,
    scrollRestoration: true,
  });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}
