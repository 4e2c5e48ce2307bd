import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeFetch, json, renderRoute } from '../test/render';
import { parseRegisterSearch, parseSearchString, stringifySearch, withFilter } from './filters';
import { RegisterPage } from './RegisterPage';

describe("the register's filters in the URL", () => {
  it('reads the filters the API takes, and drops what it would refuse', () => {
    expect(
      parseRegisterSearch({
        phase: 'Planning',
        service: ' customer-support ',
        department: 'it',
        owner: 'maria',
        cycle: '2',
        q: 'response',
        limit: '5',
      }),
    ).toEqual({
      phase: 'Planning',
      service: 'customer-support',
      department: 'it',
      owner: 'maria',
      cycle: 2,
      q: 'response',
    });
    expect(parseRegisterSearch({ phase: 'Nonsense', cycle: '0', q: '   ', owner: 'x'.repeat(150) })).toEqual({
      owner: 'x'.repeat(100),
    });
    expect(parseRegisterSearch({ cycle: '2.5' })).toEqual({});
    // A number-looking text stays text.
    expect(parseRegisterSearch(parseSearchString('?q=123'))).toEqual({ q: '123' });
  });

  it('writes plain name=value pairs, so a filtered view is a shareable link', () => {
    expect(stringifySearch({ phase: 'AwaitingApproval', q: 'cut time', cycle: 2, service: undefined })).toBe(
      '?phase=AwaitingApproval&q=cut+time&cycle=2',
    );
    expect(stringifySearch({})).toBe('');
    expect(parseSearchString('?phase=AwaitingApproval&q=cut+time&cycle=2')).toEqual({
      phase: 'AwaitingApproval',
      q: 'cut time',
      cycle: '2',
    });
  });

  it('sets and clears one filter', () => {
    const filters = { phase: 'Planning' as const, q: 'x' };
    expect(withFilter(filters, 'q', '')).toEqual({ phase: 'Planning' });
    expect(withFilter(filters, 'cycle', 3)).toEqual({ phase: 'Planning', q: 'x', cycle: 3 });
  });

  it('asks the API for what the URL says, and puts a new filter into the URL', async () => {
    const item = {
      id: 'cut-response-time',
      workflowId: 'initiative-cut-response-time',
      title: 'Cut customer response time',
      service: 'customer-support',
      department: 'customer-service',
      owner: 'maria',
      phase: 'Planning',
      phaseSince: '2026-11-24T09:00:00Z',
      cycle: 2,
      maxCycles: 3,
      lastVerdict: 'not-met',
      waitingOn: [],
      nextDueAt: null,
      closedOutcome: null,
      createdAt: '2026-11-24T09:00:00Z',
      updatedAt: '2026-11-24T09:00:00Z',
    };
    const { requests } = fakeFetch((request) =>
      new URL(request.url).searchParams.has('cursor')
        ? json({ items: [{ ...item, id: 'second-page', title: 'Second page' }], nextCursor: null })
        : json({ items: [item], nextCursor: 'page-2' }),
    );
    const { router } = renderRoute({
      path: 'register',
      url: '/register?phase=Planning&q=response&cycle=2',
      component: RegisterPage,
      validateSearch: parseRegisterSearch,
    });
    expect(await screen.findByRole('link', { name: 'Cut customer response time' })).toBeTruthy();
    const asked = new URL(requests[0]!.url);
    expect(asked.pathname).toBe('/initiatives');
    expect(Object.fromEntries(asked.searchParams)).toEqual({
      phase: 'Planning',
      q: 'response',
      cycle: '2',
      limit: '50',
    });
    expect((screen.getByLabelText('Search') as HTMLInputElement).value).toBe('response');
    expect((screen.getByLabelText('Phase') as HTMLSelectElement).value).toBe('Planning');
    expect(screen.getByText('cycle 2 of 3')).toBeTruthy();
    expect(screen.getByText('Not met')).toBeTruthy();

    await userEvent.type(screen.getByLabelText('Owner'), 'maria');
    await userEvent.click(screen.getByRole('button', { name: 'Apply filters' }));
    await waitFor(() =>
      expect(router.state.location.href).toBe('/register?phase=Planning&q=response&owner=maria&cycle=2'),
    );
    await waitFor(() => expect(new URL(requests.at(-1)!.url).searchParams.get('owner')).toBe('maria'));

    // Keyset paging: the next page asks with the cursor the last one gave.
    fireEvent.click(screen.getByRole('button', { name: 'Show more' }));
    expect(await screen.findByRole('link', { name: 'Second page' })).toBeTruthy();
    expect(new URL(requests.at(-1)!.url).searchParams.get('cursor')).toBe('page-2');
    expect(screen.queryByRole('button', { name: 'Show more' })).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    await waitFor(() => expect(router.state.location.href).toBe('/register'));
  });
});
