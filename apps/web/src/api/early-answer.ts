// The first read of an initiative page, asked for by early-data.ts while the app's code is still
// loading: on a slow network the code and the data then arrive together, not one after the other.
import { ON_BEHALF_OF } from './on-behalf-of';

/** What early-data.ts leaves for the client: one GET, with the header it was sent with. */
export interface EarlyAnswer {
  url: string;
  authorization: string;
  at: number;
  response: Promise<Response>;
}

declare global {
  interface Window {
    cioEarlyAnswer?: EarlyAnswer;
    /** Set as the app starts: from then on early-data.ts asks for nothing (the app does). */
    cioAppStarted?: boolean;
  }
}

/** An answer older than this is not the page's first read any more: the client asks again. */
export const EARLY_ANSWER_MAX_AGE_MS = 10_000;

let early: EarlyAnswer | undefined;

/**
 * Called once, as the app starts: the early answer is the app's if early-data.ts ran first; if it
 * runs later, it asks for nothing, so that no answer older than the app's own reads is ever taken.
 */
export function claimEarlyAnswer(): void {
  early = window.cioEarlyAnswer;
  window.cioEarlyAnswer = undefined;
  window.cioAppStarted = true;
}

/** The early answer if it is this very request's (same URL, same token), taken once. */
export function takeEarlyAnswer(request: Request, now = Date.now()): Promise<Response> | undefined {
  if (!early || request.method !== 'GET' || request.url !== early.url) return undefined;
  const answer = early;
  // The page's first read of this address takes it or drops it: never a later one.
  early = undefined;
  // A read for someone one stands in for (On-Behalf-Of) is another question than the early one.
  const same =
    request.headers.get('Authorization') === answer.authorization && !request.headers.has(ON_BEHALF_OF);
  return same && now - answer.at <= EARLY_ANSWER_MAX_AGE_MS ? answer.response : undefined;
}
