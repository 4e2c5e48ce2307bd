import {
  draftOf,
  emptyMeasure,
  emptyTask,
  emptyTrainee,
  planFieldOf,
  planOf,
  suggestTaskId,
} from './plan-draft';

describe('the plan form', () => {
  it('makes the SubmitPlan body: instants in UTC, a task id from its title when left empty', () => {
    const draft = {
      measures: [
        { ...emptyMeasure('it'), title: ' automated customer service system ', kind: 'tool' as const },
      ],
      tasks: [{ ...emptyTask('it'), title: 'Automated system is live', due: '2026-12-15T17:00:00' }],
      trainees: [{ ...emptyTrainee('customer-service'), person: 'chen', due: '2026-12-15T17:00' }],
    };
    const { plan, problems } = planOf(draft);
    expect(problems).toBeNull();
    const offset = (local: string) => new Date(local).toISOString();
    expect(plan).toEqual({
      measures: [{ title: 'automated customer service system', kind: 'tool', department: 'it' }],
      tasks: [
        {
          id: 'automated-system-is-live',
          title: 'Automated system is live',
          department: 'it',
          dueAt: offset('2026-12-15T17:00:00'),
        },
      ],
      trainees: [{ person: 'chen', department: 'customer-service', dueAt: offset('2026-12-15T17:00') }],
    });
  });

  it('names what is missing or wrong', () => {
    const { problems } = planOf({
      measures: [emptyMeasure()],
      tasks: [
        { ...emptyTask('it'), id: 'Live!', title: 'x', due: '' },
        { ...emptyTask('it'), id: 'same', title: 'y' },
        { ...emptyTask('it'), id: 'same', title: 'z' },
      ],
      trainees: [
        { ...emptyTrainee('cs'), person: 'bob' },
        { ...emptyTrainee('cs'), person: 'bob' },
      ],
    });
    expect(problems).toEqual({
      'measures.0.title': 'required',
      'measures.0.department': 'required',
      'tasks.0.id': 'taskId',
      'tasks.0.due': 'required',
      'tasks.2.id': 'duplicateTask',
      'trainees.1.person': 'duplicateTrainee',
    });
    expect(planOf({ measures: [], tasks: [], trainees: [] }).problems).toEqual({ measures: 'required' });
    // A title that makes no id (Chinese, say) leaves the id to the person.
    expect(suggestTaskId('自动化系统上线')).toBe('');
  });

  it('reworks a version with its rows as they were', () => {
    const draft = draftOf({
      measures: [{ title: 'agent training', kind: 'training', department: 'customer-service' }],
      tasks: [],
      trainees: [
        {
          person: 'alice',
          department: 'customer-service',
          dueAt: '2026-12-15T17:00:00.000Z',
          completedAt: null,
          remindersSent: 0,
          escalated: false,
        },
      ],
    });
    expect(draft.measures.map(({ key: _key, ...m }) => m)).toEqual([
      { title: 'agent training', kind: 'training', department: 'customer-service' },
    ]);
    expect(new Date(draft.trainees[0]!.due).toISOString()).toBe('2026-12-15T17:00:00.000Z');
  });

  it("places the API's field errors at the rows", () => {
    expect(planFieldOf('plan.tasks.0.dueAt')).toBe('tasks.0.due');
    expect(planFieldOf('measures.1.title')).toBe('measures.1.title');
    expect(planFieldOf('trainees')).toBe('trainees');
    expect(planFieldOf('actor')).toBeNull();
  });
});
