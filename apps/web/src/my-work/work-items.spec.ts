import type { InitiativeSummary, WaitingOn } from '../api/types';
import { arrangeWork } from './work-items';

const summary = (id: string): InitiativeSummary => ({
  id,
  workflowId: `initiative-${id}`,
  title: id,
  service: 'customer-support',
  department: 'customer-service',
  owner: 'maria',
  phase: 'Implementing',
  phaseSince: '2026-11-24T09:00:00Z',
  cycle: 1,
  maxCycles: 3,
  lastVerdict: null,
  waitingOn: [],
  nextDueAt: null,
  closedOutcome: null,
  createdAt: '2026-11-24T09:00:00Z',
  updatedAt: '2026-11-24T09:00:00Z',
});
const wait = (
  kind: WaitingOn['kind'],
  who: WaitingOn['who'],
  dueAt: string | null,
  more: Partial<WaitingOn> = {},
): WaitingOn => ({
  kind,
  who,
  since: '2026-11-24T09:00:00Z',
  dueAt,
  remindersSent: 0,
  escalatedTo: null,
  ...more,
});

describe('my work', () => {
  const alice = { sub: 'alice', name: null, roles: ['agent'], departments: ['customer-service'] };
  const cio = { sub: 'wei', name: null, roles: ['cio'], departments: ['it'] };
  const items = [
    {
      initiative: summary('b'),
      waits: [
        wait('training', { person: 'bob', department: 'customer-service' }, '2026-11-25T09:00:00Z', {
          subject: 'bob',
        }),
        wait('training', { person: 'alice', department: 'customer-service' }, '2026-11-26T09:00:00Z', {
          subject: 'alice',
        }),
        wait('task', { department: 'it' }, '2026-11-24T10:00:00Z', {
          subject: 'automation-live',
          escalatedTo: 'cio',
        }),
      ],
    },
    {
      initiative: summary('a'),
      waits: [
        wait('evaluation-window', { department: 'customer-service' }, '2026-11-24T12:00:00Z'),
        wait('training', { person: 'alice', department: 'customer-service' }, '2026-11-24T11:00:00Z', {
          subject: 'alice',
        }),
      ],
    },
  ];

  it("is the caller's own training, soonest first; other trainees and time waits only concern them", () => {
    const work = arrangeWork(items, alice);
    expect(work.actionable.map((e) => [e.initiative.id, e.wait.kind, e.wait.subject])).toEqual([
      ['a', 'training', 'alice'],
      ['b', 'training', 'alice'],
    ]);
    expect(work.watching.map((e) => [e.initiative.id, e.wait.kind, e.wait.subject])).toEqual([
      ['b', 'task', 'automation-live'],
      ['a', 'evaluation-window', undefined],
      ['b', 'training', 'bob'],
    ]);
  });

  it('includes waits escalated to a role the caller holds', () => {
    const work = arrangeWork(items, cio);
    expect(work.actionable.map((e) => [e.wait.kind, e.escalatedToMe])).toEqual([['task', true]]);
  });

  it('offers approvals to the role, and the plan to its manager', () => {
    const li = { sub: 'li', name: null, roles: ['cs-lead'], departments: ['customer-service'] };
    const maria = {
      sub: 'maria',
      name: null,
      roles: ['improvement-manager'],
      departments: ['customer-service'],
    };
    const waiting = [
      {
        initiative: summary('c'),
        waits: [
          wait('approval', { role: 'cs-lead' }, null),
          wait('approval', { role: 'change-board' }, null),
          wait('plan', { role: 'improvement-manager', person: 'maria' }, null),
        ],
      },
    ];
    expect(arrangeWork(waiting, li).actionable.map((e) => e.wait.who.role)).toEqual(['cs-lead']);
    expect(arrangeWork(waiting, maria).actionable.map((e) => e.wait.kind)).toEqual(['plan']);
  });

  it('judges the waits of someone the caller stands in for as theirs, marked as delegated', () => {
    const alice = { sub: 'alice', name: null, roles: ['agent'], departments: ['customer-service'] };
    const li = { sub: 'li', name: 'Li', roles: ['cs-lead'], departments: ['customer-service'] };
    const delegated = [
      {
        initiative: summary('d'),
        onBehalfOf: 'li',
        waits: [wait('approval', { role: 'cs-lead' }, '2026-11-25T09:00:00Z')],
      },
      { initiative: summary('e'), waits: [wait('approval', { role: 'cs-lead' }, null)] },
    ];
    const work = arrangeWork(delegated, alice, [li]);
    expect(work.actionable.map((e) => [e.initiative.id, e.onBehalfOf])).toEqual([['d', 'li']]);
    expect(work.watching.map((e) => [e.initiative.id, e.onBehalfOf])).toEqual([['e', null]]);
    // Until the caller's delegators are known, their items wait, and say for whom.
    expect(arrangeWork(delegated, alice)).toMatchObject({ actionable: [], unknownDelegators: ['li'] });
    expect(work.unknownDelegators).toEqual([]);
  });
});
