// The component tests' world: the app's i18n (English unless a test switches), a clean storage.
import '../i18n';

// jsdom lays nothing out; the router restores scroll positions.
window.scrollTo = () => undefined;

beforeEach(() => {
  sessionStorage.clear();
  localStorage.clear();
});
