import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Initiative } from '../api/types';
import { fakeFetch, json, renderRoute } from '../test/render';
import { ActingForProvider } from './acting-for';
import { DecisionForm } from './actions/DecisionForm';
import { WaitBanner } from './WaitBanner';

describe('acting for someone one stands in for', () => {
  it('sends the decision On-Behalf-Of them, and as oneself without it', async () => {
    const { requests } = fakeFetch(() => json({}));
    renderRoute({
      path: 'decide',
      url: '/decide',
      component: () => (
        <>
          <ActingForProvider person="li">
            <DecisionForm
              initiativeId="cut-response"
              title="Cut response"
              planVersion={1}
              roles={['cs-lead']}
            />
          </ActingForProvider>
          <DecisionForm initiativeId="other" title="Other" planVersion={2} roles={['cs-lead']} />
        </>
      ),
    });
    const [forLi, mine] = await screen.findAllByRole('button', { name: 'Approve' });
    await userEvent.click(forLi!);
    await userEvent.click(mine!);
    await waitFor(() => expect(requests.filter((r) => r.method === 'POST')).toHaveLength(2));
    const sent = requests
      .filter((r) => r.method === 'POST')
      .map((r) => [new URL(r.url).pathname, r.headers.get('on-behalf-of')]);
    expect(sent).toEqual([
      ['/initiatives/cut-response/plans/1/approvals', 'li'],
      ['/initiatives/other/plans/2/approvals', null],
    ]);
  });
});

describe('a wait that reaches nobody', () => {
  const stateWaitingOn = (waitingOn: unknown[]) =>
    ({
      phase: 'AwaitingApproval',
      paused: null,
      closed: null,
      waitingOn,
      definition: {
        policy: { approval: { escalateTo: 'cio', maxReminders: 2 }, implementationMaxReminders: 2 },
      },
    }) as unknown as Initiative['state'];
  const wait = (who: object, reaches: number | null) => ({
    kind: 'approval',
    who,
    since: '2026-12-01T09:00:00Z',
    dueAt: null,
    remindersSent: 0,
    escalatedTo: null,
    reaches,
  });

  it('says whom the directory lacks: a role, a department, a person', async () => {
    renderRoute({
      path: 'banner',
      url: '/banner',
      component: () => (
        <WaitBanner
          state={stateWaitingOn([
            wait({ role: 'change-board' }, 0),
            wait({ department: 'legal' }, 0),
            wait({ person: 'ghost' }, 0),
            wait({ role: 'cs-lead' }, 2),
          ])}
        />
      ),
    });
    await screen.findByText('Nobody holds the role change-board.');
    screen.getByText('Nobody is in the department legal.');
    screen.getByText('ghost is not in the directory.');
    expect(screen.getAllByText('Reaches nobody')).toHaveLength(3);
  });
});
