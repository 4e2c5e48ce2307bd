// The component tests' world: the app's i18n (English unless a test switches), a clean storage.
import { configure } from '@testing-library/react';
import '../i18n';

// These suites share two cores with the system's (Jest runs both projects at once): a page that
// answers after a debounce and a fetch can take longer than the library's one second to appear.
configure({ asyncUtilTimeout: 5_000 });

// jsdom lays nothing out; the router restores scroll positions.
window.scrollTo = () => undefined;

beforeEach(() => {
  sessionStorage.clear();
  localStorage.clear();
});
