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
import { type InitiativeSearch, parseInitiativeSearch } from './initiative/acting-for-search';
import { initiativeQuery } from './initiative/queries';
import { MyWorkPage } from './my-work/MyWorkPage';
import { parseBacklogSearch } from './opportunities/filters';
import { parsePeopleSearch } from './people/filters';
import { parseRaiseSearch } from './opportunities/raise-link';
import { parseRegisterSearch, parseSearchString, stringifySearch } from './register/filters';
import { AppShell } from './ui/AppShell';
import { NotFoundPage } from './ui/NotFoundPage';
import { parseScopeSearch } from './ui/scope-filters';

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
  // ?for=li: opened from a work item of someone the person stands in for, it acts for them.
  validateSearch: parseInitiativeSearch,
  loaderDeps: ({ search }: { search: InitiativeSearch }) => ({ for: search.for }),
  // The request may already be on its way (early-data.ts); the page's code is in the first load,
  // so that nothing waits on a second round trip for it.
  loader: ({ context, params, deps }) =>
    void context.queryClient.prefetchQuery(initiativeQuery(params.id, deps.for)),
  component: InitiativePage,
});

const newInitiativeRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: 'new',
  // Promoting an opportunity: the form starts from its draft.
  validateSearch: (search: Record<string, unknown>): { fromOpportunity?: string } =>
    typeof search.fromOpportunity === 'string' && /^o-[a-z0-9-]{1,80}$/.test(search.fromOpportunity)
      ? { fromOpportunity: search.fromOpportunity }
      : {},
  component: lazyRouteComponent(() => import('./new-initiative/NewInitiativePage'), 'NewInitiativePage'),
});

const backlogRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: 'opportunities',
  validateSearch: parseBacklogSearch,
  component: lazyRouteComponent(() => import('./opportunities/BacklogPage'), 'BacklogPage'),
});

const raiseOpportunityRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: 'opportunities/new',
  validateSearch: parseRaiseSearch,
  component: lazyRouteComponent(() => import('./opportunities/RaiseOpportunityPage'), 'RaiseOpportunityPage'),
});

const opportunityRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: 'opportunities/$id',
  component: lazyRouteComponent(() => import('./opportunities/OpportunityPage'), 'OpportunityPage'),
});

const portfolioRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: 'portfolio',
  validateSearch: parseScopeSearch,
  component: lazyRouteComponent(() => import('./portfolio/PortfolioPage'), 'PortfolioPage'),
});

const serviceFeedbackRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: 'services/$service/feedback',
  component: lazyRouteComponent(() => import('./feedback/ServiceFeedbackPage'), 'ServiceFeedbackPage'),
});

const watchesRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: 'watches',
  validateSearch: parseScopeSearch,
  component: lazyRouteComponent(() => import('./watches/WatchesPage'), 'WatchesPage'),
});

const newWatchRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: 'watches/new',
  component: lazyRouteComponent(() => import('./watches/NewWatchPage'), 'NewWatchPage'),
});

// The page an opportunity a watch raised refers to (its reference is /app/watches/<id>).
const watchRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: 'watches/$id',
  component: lazyRouteComponent(() => import('./watches/WatchPage'), 'WatchPage'),
});

const settingsRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: 'settings',
  component: lazyRouteComponent(() => import('./settings/SettingsPage'), 'SettingsPage'),
});

const peopleRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: 'people',
  validateSearch: parsePeopleSearch,
  component: lazyRouteComponent(() => import('./people/PeoplePage'), 'PeoplePage'),
});

const routeTree = rootRoute.addChildren([
  signInRoute,
  callbackRoute,
  signedInRoute.addChildren([
    myWorkRoute,
    registerRoute,
    initiativeRoute,
    newInitiativeRoute,
    backlogRoute,
    raiseOpportunityRoute,
    opportunityRoute,
    portfolioRoute,
    serviceFeedbackRoute,
    watchesRoute,
    newWatchRoute,
    watchRoute,
    settingsRoute,
    peopleRoute,
  ]),
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
