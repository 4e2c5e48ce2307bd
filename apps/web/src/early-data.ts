// Runs before the app (its own small script in index.html): on an initiative's page, with a
// session that has not expired, it asks for the initiative at once and leaves the answer for the
// app's client (see api/early-answer.ts). It shares no code with the app, so that it loads alone;
// the session's storage key and shape are the ones auth/session.ts keeps.
import type { EarlyAnswer } from './api/early-answer';

const INITIATIVE_PAGE = /^\/app\/initiatives\/([^/]+)\/?$/;

try {
  // Opened for someone the person stands in for (?for=), the page reads as their delegate: not this.
  const delegated = new URLSearchParams(window.location.search).has('for');
  const page = delegated ? null : INITIATIVE_PAGE.exec(window.location.pathname);
  const stored: unknown = page ? JSON.parse(sessionStorage.getItem('cio.session') ?? 'null') : null;
  const { token, expiresAt } = (stored ?? {}) as { token?: unknown; expiresAt?: unknown };
  const live = typeof expiresAt !== 'number' || expiresAt > Date.now();
  if (page?.[1] && typeof token === 'string' && live && !window.cioAppStarted) {
    const id = encodeURIComponent(decodeURIComponent(page[1]));
    const url = `${window.location.origin}/initiatives/${id}`;
    const authorization = `Bearer ${token}`;
    const early: EarlyAnswer = {
      url,
      authorization,
      at: Date.now(),
      response: fetch(url, { headers: { Authorization: authorization } }),
    };
    // A failed request is the client's to see (it takes this promise as its own fetch's).
    early.response.catch(() => undefined);
    window.cioEarlyAnswer = early;
  }
} catch {
  // No early read (a malformed address or session): the app asks for itself.
}
