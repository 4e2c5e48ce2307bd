import { act, fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Me, NotificationPreferences } from '../api/types';
import { session } from '../auth/session';
import { fakeFetch, json, renderRoute } from '../test/render';
import { KIND_GROUPS, kindsOf } from './preference-kinds';
import { SettingsPage } from './SettingsPage';

const everyKind = Object.fromEntries(
  KIND_GROUPS.flatMap(kindsOf).map((kind) => [kind, 'immediate']),
) as unknown as NotificationPreferences;

const li = {
  id: 'li',
  email: 'li@example.com',
  displayName: 'Li',
  locale: 'en' as const,
  roles: ['cs-lead'],
  departments: ['customer-service'],
  source: 'token' as const,
  lastSeenAt: '2026-12-01T09:00:00Z',
  updatedAt: '2026-12-01T09:00:00Z',
};
const alice = { ...li, id: 'alice', email: null, displayName: 'Alice', roles: ['agent'] };
const me: Me = {
  person: li,
  preferences: { ...everyKind, 'daily-digest': 'immediate' },
  delegations: { given: [], received: [] },
  standingInFor: [],
};

function signInAsLi() {
  session.start({
    token: 'token-li',
    via: 'development',
    expiresAt: null,
    person: { sub: 'li', name: 'Li', roles: ['cs-lead'], departments: ['customer-service'] },
  });
}

/** The page renders a table of 45 choices and a form typed into: on a busy machine, more than jest's 5 s. */
const PAGE_TEST_MS = 20_000;

describe('the settings page', () => {
  afterEach(() => act(() => session.end('signed-out')));

  it(
    'offers every kind at once, in the digest or off, and saves the choices',
    async () => {
      signInAsLi();
      const { requests } = fakeFetch(async (request) => {
        if (request.method === 'PUT') {
          const body = (await request.clone().json()) as { preferences: NotificationPreferences };
          return json(body.preferences);
        }
        return json(me);
      });
      renderRoute({ path: 'settings', url: '/settings', component: SettingsPage });
      const table = await screen.findByRole('table', {
        name: 'Each kind of notification and how you hear of it',
      });
      // Every kind has its three choices, named for the kind.
      expect(within(table).getAllByRole('radio')).toHaveLength(15 * 3);
      const checked = (name: string) => (screen.getByRole('radio', { name }) as HTMLInputElement).checked;
      expect(checked('Approval reminders: At once')).toBe(true);
      await userEvent.click(screen.getByRole('radio', { name: 'Approval reminders: In the daily digest' }));
      await userEvent.click(screen.getByRole('checkbox', { name: 'Send me the daily digest' }));
      await screen.findByText(/The daily digest is off: the 1 kind you chose/);
      await userEvent.click(screen.getByRole('button', { name: 'Save your choices' }));

      await screen.findByText('Your choices of how you hear of things are saved.');
      const put = requests.find((r) => r.method === 'PUT');
      expect(new URL(put!.url).pathname).toBe('/me/preferences');
      const { preferences } = (await put!.json()) as { preferences: NotificationPreferences };
      expect([
        preferences['approval-reminder'],
        preferences['daily-digest'],
        preferences['task-reminder'],
      ]).toEqual(['digest', 'off', 'immediate']);
    },
    PAGE_TEST_MS,
  );

  it(
    'delegates to someone found in the directory, with the problems at their fields',
    async () => {
      signInAsLi();
      const { requests } = fakeFetch((request) => {
        const url = new URL(request.url);
        if (url.pathname === '/people') return json({ items: [li, alice], nextCursor: null });
        if (request.method === 'POST')
          return json(
            {
              code: 'INVALID_DEFINITION',
              message: 'endsAt must be in the future',
              details: [{ field: 'endsAt', message: 'must be in the future' }],
              requestId: 'req-1',
            },
            422,
          );
        return json(me);
      });
      renderRoute({ path: 'settings', url: '/settings', component: SettingsPage });
      await userEvent.click(await screen.findByRole('button', { name: 'Delegate' }));
      await screen.findByText('3 fields need your attention.');
      screen.getByText('Choose who stands in for you.');

      await userEvent.type(screen.getByLabelText('Who stands in for you'), 'ali');
      // Li herself is never offered.
      const alicesChoice = await screen.findByRole('radio', { name: /Alice \(alice\)/ });
      expect(screen.queryByRole('radio', { name: /Li \(li\)/ })).toBeNull();
      await userEvent.click(alicesChoice);
      // jsdom types nothing into a datetime-local field: its value is set as the browser would.
      fireEvent.change(screen.getByLabelText('From'), { target: { value: '2020-01-01T09:00' } });
      fireEvent.change(screen.getByLabelText('Until'), { target: { value: '2020-01-02T09:00' } });
      await userEvent.type(screen.getByLabelText('Why'), 'On leave');
      await userEvent.click(screen.getByRole('button', { name: 'Delegate' }));

      await screen.findByText('must be in the future');
      expect(screen.getByLabelText('Until').getAttribute('aria-invalid')).toBe('true');
      const post = requests.find((r) => r.method === 'POST');
      expect(await post!.json()).toEqual(
        expect.objectContaining({ delegate: 'alice', endsAt: new Date('2020-01-02T09:00').toISOString() }),
      );
      expect(
        new URL(requests.find((r) => new URL(r.url).pathname === '/people')!.url).searchParams.get('q'),
      ).toBe('ali');
    },
    PAGE_TEST_MS,
  );
});
