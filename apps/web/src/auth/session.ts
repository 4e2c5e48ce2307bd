// Who is signed in: the bearer token and the person it names, kept in sessionStorage (one tab,
// gone when it closes). The API client reads the token here; a 401 or the token's expiry ends it.
import { useSyncExternalStore } from 'react';
import type { Person } from './claims';

export type SignInMode = 'development' | 'oidc' | 'token';

export interface Session {
  token: string;
  person: Person;
  via: SignInMode;
  /** Milliseconds since the epoch; null when the token does not say. */
  expiresAt: number | null;
}

/** Why the last session ended, for the sign-in page to say. */
export type EndReason = 'signed-out' | 'expired';

const SESSION_KEY = 'cio.session';
const ENDED_KEY = 'cio.session-ended';
/** setTimeout holds at most 2^31-1 ms; a later expiry is checked when the session is read. */
const MAX_TIMER_MS = 2_147_483_647;

const listeners = new Set<() => void>();
let current: Session | null = load();
let expiryTimer: ReturnType<typeof setTimeout> | undefined;
scheduleExpiry();

function load(): Session | null {
  try {
    const stored = sessionStorage.getItem(SESSION_KEY);
    if (!stored) return null;
    const parsed = JSON.parse(stored) as Session;
    if (typeof parsed.token !== 'string' || typeof parsed.person?.sub !== 'string') return null;
    return parsed.expiresAt !== null && parsed.expiresAt <= Date.now() ? null : parsed;
  } catch {
    return null;
  }
}

function scheduleExpiry(): void {
  clearTimeout(expiryTimer);
  const expiresAt = current?.expiresAt;
  if (expiresAt == null) return;
  const wait = expiresAt - Date.now();
  if (wait < MAX_TIMER_MS) expiryTimer = setTimeout(() => session.end('expired'), Math.max(0, wait));
}

function changed(): void {
  scheduleExpiry();
  for (const listener of listeners) listener();
}

export const session = {
  current(): Session | null {
    return current;
  },
  token(): string | null {
    return current?.token ?? null;
  },
  start(next: Session): void {
    current = next;
    sessionStorage.setItem(SESSION_KEY, JSON.stringify(next));
    sessionStorage.removeItem(ENDED_KEY);
    changed();
  },
  end(reason: EndReason): void {
    if (!current) return;
    current = null;
    sessionStorage.removeItem(SESSION_KEY);
    sessionStorage.setItem(ENDED_KEY, reason);
    changed();
  },
  /** Why the previous session ended (once: reading it forgets it). */
  takeEndReason(): EndReason | null {
    const reason = sessionStorage.getItem(ENDED_KEY);
    sessionStorage.removeItem(ENDED_KEY);
    return reason === 'expired' || reason === 'signed-out' ? reason : null;
  },
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

export function useSession(): Session | null {
  return useSyncExternalStore(session.subscribe, session.current, session.current);
}

/** The role that keeps the people directory. */
export const ADMIN_ROLE = 'admin';

/** What the signed-in person may be offered (the gateway still decides). */
export function holdsRole(person: Person | undefined, role: string): boolean {
  return !!person && person.roles.includes(role);
}
