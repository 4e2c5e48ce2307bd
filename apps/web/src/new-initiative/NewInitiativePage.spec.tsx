import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { session } from '../auth/session';
import { fakeFetch, json, renderRoute } from '../test/render';
import { NewInitiativePage } from './NewInitiativePage';

function signInAsMaria() {
  session.start({
    token: 'token-maria',
    via: 'development',
    expiresAt: null,
    person: {
      sub: 'maria',
      name: 'Maria',
      roles: ['improvement-manager'],
      departments: ['customer-service'],
    },
  });
}

async function fillRequired() {
  await userEvent.type(await screen.findByLabelText('Title'), 'Cut customer response time');
  await userEvent.type(screen.getByLabelText(/^Service/), 'customer-support');
  await userEvent.type(screen.getByLabelText(/^Name/), 'response_minutes');
  await userEvent.type(screen.getByLabelText('Unit'), 'minutes');
  await userEvent.type(screen.getByLabelText('Target value'), '5');
}

describe('the new-initiative page', () => {
  afterEach(() => act(() => session.end('signed-out')));

  it('sends the policy in milliseconds and shows the API’s field errors at their fields', async () => {
    signInAsMaria();
    const { requests } = fakeFetch(() =>
      json(
        {
          code: 'INVALID_DEFINITION',
          message: 'policy.approval.reminderIntervalMs: must be at least 1000 ms',
          details: [
            { field: 'policy.approval.reminderIntervalMs', message: 'must be at least 1000 ms' },
            { field: 'kpis[0].name', message: 'is not a KPI key' },
          ],
          requestId: 'req-7',
        },
        422,
      ),
    );
    renderRoute({ path: 'new', url: '/new', component: NewInitiativePage });
    await fillRequired();
    const reminders = screen.getByLabelText('Approval reminders every');
    await userEvent.clear(reminders);
    await userEvent.type(reminders, '0.5');
    await userEvent.selectOptions(screen.getByLabelText('Unit of “Approval reminders every”'), 'seconds');
    await userEvent.click(screen.getByRole('button', { name: 'Create the initiative' }));

    await waitFor(() => expect(requests).toHaveLength(1));
    const body = await requests[0]!.json();
    expect(body.policy.approval.reminderIntervalMs).toBe(500);
    expect(body.policy.evaluationWindowMs).toBe(14 * 86_400_000);
    expect(requests[0]!.headers.get('idempotency-key')).toMatch(/^[0-9a-f-]{36}$/);

    const field = await screen.findByText('must be at least 1000 ms');
    expect(reminders.getAttribute('aria-invalid')).toBe('true');
    expect(reminders.getAttribute('aria-describedby')).toContain(field.id);
    expect(screen.getByText('is not a KPI key')).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toContain('2 fields need your attention.');
  });

  it('checks the fields before sending anything', async () => {
    signInAsMaria();
    const { requests } = fakeFetch(() => json({}));
    renderRoute({ path: 'new', url: '/new', component: NewInitiativePage });
    await userEvent.click(await screen.findByRole('button', { name: 'Create the initiative' }));
    expect(requests).toHaveLength(0);
    expect(screen.getByLabelText('Title').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getAllByText('Fill this in.').length).toBeGreaterThanOrEqual(4);
  });

  it('says plainly when the gateway refuses the creation (403), with the request id', async () => {
    signInAsMaria();
    fakeFetch(() =>
      json(
        {
          code: 'DEPARTMENT_NOT_ALLOWED',
          message: 'you may not create initiatives for department it',
          details: [{ field: 'department', message: 'not one of your departments' }],
          requestId: 'req-403',
        },
        403,
      ),
    );
    renderRoute({ path: 'new', url: '/new', component: NewInitiativePage });
    await fillRequired();
    const department = screen.getByLabelText(/^Owning department/);
    await userEvent.clear(department);
    await userEvent.type(department, 'it');
    await userEvent.click(screen.getByRole('button', { name: 'Create the initiative' }));
    expect(await screen.findByText('You may not create this initiative.')).toBeTruthy();
    expect(
      screen.getByText('You may only create initiatives owned by one of your departments.'),
    ).toBeTruthy();
    expect(screen.getByText('req-403')).toBeTruthy();
    expect(screen.getByText('not one of your departments')).toBeTruthy();
  });
});
