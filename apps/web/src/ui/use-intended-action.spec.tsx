import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { ApiError } from '../api/api-error';
import { api, unwrap } from '../api/client';
import { session } from '../auth/session';
import { fakeFetch, json } from '../test/render';
import { useIntendedAction } from './use-intended-action';

function wrapper({ children }: { children: ReactNode }) {
  const client = new QueryClient({ defaultOptions: { mutations: { retry: false } } });
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('one Idempotency-Key per intended action', () => {
  let counter = 0;
  const newKey = () => `key-${++counter}`;
  beforeEach(() => {
    counter = 0;
  });

  it('sends a double click once, with one key', async () => {
    const answer = deferred<string>();
    const run = jest.fn((_input: { comment: string }, _key: string) => answer.promise);
    const { result } = renderHook(() => useIntendedAction({ run, newKey }), { wrapper });
    act(() => {
      result.current.submit({ comment: 'ok' });
      result.current.submit({ comment: 'ok' });
    });
    await waitFor(() => expect(run).toHaveBeenCalledTimes(1));
    expect(run).toHaveBeenCalledWith({ comment: 'ok' }, 'key-1');
    act(() => answer.resolve('done'));
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('retries a failed attempt with the same key, and the next intention gets a new one', async () => {
    const run = jest
      .fn<Promise<string>, [string, string]>()
      .mockRejectedValueOnce(new ApiError(500, 'INTERNAL', 'the gateway failed'))
      .mockResolvedValueOnce('approved')
      .mockResolvedValueOnce('approved again');
    const onSuccess = jest.fn();
    const { result } = renderHook(() => useIntendedAction({ run, newKey, onSuccess }), { wrapper });

    act(() => result.current.submit('approve v2'));
    await waitFor(() => expect(result.current.error).toBeInstanceOf(ApiError));
    act(() => result.current.submit('approve v2'));
    await waitFor(() => expect(onSuccess).toHaveBeenCalledWith('approved', 'approve v2'));
    expect(run.mock.calls.map(([, key]) => key)).toEqual(['key-1', 'key-1']);

    // Done: the same words again are a new intention (e.g. pausing a second time).
    act(() => result.current.submit('approve v2'));
    await waitFor(() => expect(run).toHaveBeenCalledTimes(3));
    expect(run.mock.calls[2]?.[1]).toBe('key-2');
  });

  it('tries again after a refusal under a new key (the gateway would only repeat its answer)', async () => {
    const run = jest
      .fn<Promise<string>, [string, string]>()
      .mockRejectedValueOnce(new ApiError(409, 'INITIATIVE_PAUSED', 'the initiative is paused'))
      .mockResolvedValueOnce('done');
    const onSuccess = jest.fn();
    const { result } = renderHook(() => useIntendedAction({ run, newKey, onSuccess }), { wrapper });
    act(() => result.current.submit('task done'));
    await waitFor(() => expect(result.current.error).toBeInstanceOf(ApiError));
    // Resumed meanwhile: the same click again is a new try, which the gateway now accepts.
    act(() => result.current.submit('task done'));
    await waitFor(() => expect(onSuccess).toHaveBeenCalledWith('done', 'task done'));
    expect(run.mock.calls.map(([, key]) => key)).toEqual(['key-1', 'key-2']);
  });

  it('gives a changed input a new key (the gateway refuses a key reused for another body)', async () => {
    const run = jest.fn().mockRejectedValue(new ApiError(422, 'REASON_REQUIRED', 'reason'));
    const { result } = renderHook(() => useIntendedAction({ run, newKey }), { wrapper });
    act(() => result.current.submit({ reason: 'no rollback' }));
    await waitFor(() => expect(result.current.error).toBeTruthy());
    act(() => result.current.submit({ reason: 'no rollback plan' }));
    await waitFor(() => expect(run).toHaveBeenCalledTimes(2));
    expect(run.mock.calls.map(([, key]) => key)).toEqual(['key-1', 'key-2']);
  });

  it('retries by itself when the gateway did not answer, under the same key', async () => {
    const run = jest
      .fn<Promise<string>, [string, string]>()
      .mockRejectedValueOnce(ApiError.network(new TypeError('fetch failed')))
      .mockResolvedValueOnce('ok');
    const { result } = renderHook(() => useIntendedAction({ run, newKey }), { wrapper });
    act(() => result.current.submit('confirm'));
    await waitFor(() => expect(result.current.isSuccess).toBe(true), { timeout: 3_000 });
    expect(run.mock.calls.map(([, key]) => key)).toEqual(['key-1', 'key-1']);
  });
});

describe('the API client', () => {
  afterEach(() => session.end('signed-out'));

  it('sends the bearer token, and the caller’s key on a write (one of its own when none is given)', async () => {
    session.start({
      token: 'token-li',
      via: 'development',
      expiresAt: null,
      person: { sub: 'li', name: null, roles: ['cs-lead'], departments: ['customer-service'] },
    });
    const { requests } = fakeFetch(() => json({ items: [] }));
    await unwrap(api.GET('/me/work'));
    await unwrap(
      api.POST('/initiatives/{id}/pause', {
        params: { path: { id: 'cut-response-time' }, header: { 'Idempotency-Key': 'mine' } },
        body: { reason: 'freeze' },
      }),
    );
    await unwrap(
      api.POST('/initiatives/{id}/resume', { params: { path: { id: 'cut-response-time' } }, body: {} }),
    );
    expect(requests.map((r) => [r.method, new URL(r.url).pathname, r.headers.get('authorization')])).toEqual([
      ['GET', '/me/work', 'Bearer token-li'],
      ['POST', '/initiatives/cut-response-time/pause', 'Bearer token-li'],
      ['POST', '/initiatives/cut-response-time/resume', 'Bearer token-li'],
    ]);
    expect(requests[0]?.headers.get('idempotency-key')).toBeNull();
    expect(requests[1]?.headers.get('idempotency-key')).toBe('mine');
    expect(requests[2]?.headers.get('idempotency-key')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('turns an error body into an ApiError with its request id, and a 401 ends the session', async () => {
    session.start({
      token: 'stale',
      via: 'token',
      expiresAt: null,
      person: { sub: 'li', name: null, roles: [], departments: [] },
    });
    fakeFetch(() =>
      json({ code: 'UNAUTHENTICATED', message: 'token expired', details: [], requestId: 'req-42' }, 401),
    );
    const failure = await unwrap(api.GET('/me/work')).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ApiError);
    expect(failure).toMatchObject({ status: 401, code: 'UNAUTHENTICATED', requestId: 'req-42' });
    expect(session.current()).toBeNull();
    expect(session.takeEndReason()).toBe('expired');
  });
});
