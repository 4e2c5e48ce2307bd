// One Idempotency-Key per intended action: the same action with the same input keeps its key
// across a double click and every retry, so the gateway counts it once; a different input, the
// next action after a success, or trying again after a refusal (the gateway keeps its answer under
// the key: the same key would only get the same refusal) is a new intention with a new key.
import { useMutation } from '@tanstack/react-query';
import { useCallback, useRef } from 'react';
import { ApiError } from '../api/api-error';
import { newIdempotencyKey } from '../api/idempotency-key';

/** Retries of one attempt when the gateway did not answer, or asked to come back (same key). */
const AUTOMATIC_RETRIES = 2;

export interface IntendedActionOptions<I, R> {
  run: (input: I, idempotencyKey: string) => Promise<R>;
  onSuccess?: (result: R, input: I) => void | Promise<void>;
  /** What makes two submissions the same intention (default: the input as JSON). */
  fingerprint?: (input: I) => string;
  /** Makes the key (tests pass a predictable one). */
  newKey?: () => string;
}

export function useIntendedAction<I, R>(options: IntendedActionOptions<I, R>) {
  const { run, onSuccess, fingerprint = JSON.stringify, newKey = newIdempotencyKey } = options;
  const intention = useRef<{ fingerprint: string; key: string } | null>(null);
  const inFlight = useRef(false);
  const mutation = useMutation<R, Error, { input: I; key: string }>({
    mutationFn: ({ input, key }) => run(input, key),
    retry: (count, error) => error instanceof ApiError && error.retryable && count < AUTOMATIC_RETRIES,
    retryDelay: (attempt, error) =>
      error instanceof ApiError && error.retryAfterSeconds !== null
        ? Math.min(error.retryAfterSeconds * 1000, 10_000)
        : 500 * 2 ** attempt,
    onSuccess: async (result, { input }) => {
      intention.current = null;
      await onSuccess?.(result, input);
    },
    onError: (error) => {
      // A refusal (a 4xx: 409 while paused, 403…) is the gateway's answer for good under that key:
      // after it, a new try is a new intention. Anything else (no answer, a 5xx, a 429) keeps the
      // key, so that a retry counts once whatever became of the first attempt.
      const refused =
        error instanceof ApiError && error.status >= 400 && error.status < 500 && !error.retryable;
      if (refused) intention.current = null;
    },
    onSettled: () => {
      inFlight.current = false;
    },
  });
  const { mutate } = mutation;

  const submit = useCallback(
    (input: I) => {
      const print = fingerprint(input);
      if (intention.current?.fingerprint !== print) intention.current = { fingerprint: print, key: newKey() };
      // A second click while the first is on its way is the same intention, already sent.
      if (inFlight.current) return;
      inFlight.current = true;
      mutate({ input, key: intention.current.key });
    },
    [fingerprint, newKey, mutate],
  );

  return {
    submit,
    isPending: mutation.isPending,
    error: mutation.error,
    isSuccess: mutation.isSuccess,
    reset: mutation.reset,
    /** The key the next submission of this intention will carry (null before the first). */
    currentKey: () => intention.current?.key ?? null,
  };
}
