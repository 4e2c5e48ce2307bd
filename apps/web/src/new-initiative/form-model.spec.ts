import { ApiError } from '../api/api-error';
import { fieldErrorsOf } from '../ui/field-paths';
import { fromMilliseconds, toMilliseconds } from './durations';
import { defaultForm, formFieldOf, formOf, type InitiativeForm, toCreateBody } from './form-model';

const DAY = 86_400_000;

function retailerForm(): InitiativeForm {
  const form = defaultForm(['customer-service']);
  const [kpi] = form.kpis;
  return {
    ...form,
    title: 'Cut customer response time',
    service: 'customer-support',
    kpis: [{ ...kpi!, name: 'response_minutes', unit: 'minutes', target: '5' }],
  };
}

describe('policy durations in human units', () => {
  it.each([
    [{ amount: '2', unit: 'days' as const }, 2 * DAY],
    [{ amount: '90', unit: 'minutes' as const }, 5_400_000],
    [{ amount: '1.5', unit: 'hours' as const }, 5_400_000],
    [{ amount: '5', unit: 'seconds' as const }, 5_000],
    [{ amount: '0,5', unit: 'seconds' as const }, 500],
    [{ amount: '1,000', unit: 'seconds' as const }, 1_000_000],
    [{ amount: '1,500.5', unit: 'seconds' as const }, 1_500_500],
  ])('%j is %d ms', (input, ms) => {
    expect(toMilliseconds(input)).toBe(ms);
  });

  it.each(['', '0', '-1', 'abc', '1e3', '4000'])('refuses %j days', (amount) => {
    expect(toMilliseconds({ amount, unit: 'days' })).toBeNull();
  });

  it('shows milliseconds back in the largest whole unit', () => {
    expect(fromMilliseconds(2 * DAY)).toEqual({ amount: '2', unit: 'days' });
    expect(fromMilliseconds(36 * 3_600_000)).toEqual({ amount: '36', unit: 'hours' });
    expect(fromMilliseconds(90_000)).toEqual({ amount: '90', unit: 'seconds' });
    expect(fromMilliseconds(1_500)).toEqual({ amount: '1.5', unit: 'seconds' });
  });
});

describe('the new-initiative form', () => {
  it("starts from the retailer's policy", () => {
    const form = defaultForm(['customer-service', 'it']);
    expect(form.department).toBe('customer-service');
    expect(form.approvalRoles).toBe('cs-lead, change-board');
    expect(form.approvalMode).toBe('all');
    expect([form.reminderInterval, form.maxReminders, form.escalateTo]).toEqual([
      { amount: '2', unit: 'days' },
      '3',
      'cio',
    ]);
    expect([form.assessmentPeriod, form.evaluationWindow, form.minSamples, form.maxCycles]).toEqual([
      { amount: '7', unit: 'days' },
      { amount: '14', unit: 'days' },
      '30',
      '3',
    ]);
    expect([form.followUpInterval, form.followUpsToComplete]).toEqual([{ amount: '30', unit: 'days' }, '6']);
    expect([form.implementationReminderInterval, form.implementationMaxReminders]).toEqual([
      { amount: '2', unit: 'days' },
      '3',
    ]);
  });

  it('makes the API body in milliseconds', () => {
    const form = {
      ...retailerForm(),
      assessmentPeriod: { amount: '5', unit: 'seconds' as const },
      followUpInterval: { amount: '6', unit: 'seconds' as const },
    };
    const { body, problems } = toCreateBody(form);
    expect(problems).toBeNull();
    expect(body).toEqual({
      title: 'Cut customer response time',
      service: 'customer-support',
      department: 'customer-service',
      kpis: [
        {
          name: 'response_minutes',
          unit: 'minutes',
          direction: 'lower-is-better',
          aggregate: 'median',
          target: { kind: 'absolute', value: 5 },
        },
      ],
      policy: {
        approval: {
          mode: 'all',
          roles: ['cs-lead', 'change-board'],
          reminderIntervalMs: 2 * DAY,
          maxReminders: 3,
          escalateTo: 'cio',
        },
        managerRoles: ['improvement-manager'],
        assessmentPeriodMs: 5_000,
        evaluationWindowMs: 14 * DAY,
        minSamples: 30,
        maxCycles: 3,
        followUpIntervalMs: 6_000,
        followUpsToComplete: 6,
        implementationReminderIntervalMs: 2 * DAY,
        implementationMaxReminders: 3,
      },
    });
  });

  it('round-trips a definition through the form', () => {
    const { body } = toCreateBody({
      ...retailerForm(),
      id: 'cut-response-time',
      approvalMode: 'quorum',
      quorum: '1',
    });
    expect(body).not.toBeNull();
    expect(toCreateBody(formOf(body!)).body).toEqual(body);
  });

  it('reads a target written with thousands separators, as English and Chinese write it', () => {
    const form = retailerForm();
    const body = toCreateBody({ ...form, kpis: [{ ...form.kpis[0]!, target: '1,000' }] });
    expect(body.problems).toBeNull();
    expect(body.body?.kpis[0]?.target).toEqual({ kind: 'absolute', value: 1000 });
  });

  it('names where a KPI is pulled from, with the patience for a source that is down', () => {
    const form = retailerForm();
    const threshold = {
      ...form.kpis[0]!,
      sourceKind: 'threshold' as const,
      dataSource: 'prometheus',
      query: 'max(x)',
    };
    const body = toCreateBody({
      ...form,
      kpis: [threshold],
      collectionPatience: { amount: '2', unit: 'hours' },
    });
    expect(body.body?.kpis[0]?.source).toEqual({
      kind: 'threshold',
      dataSource: 'prometheus',
      query: 'max(x)',
    });
    expect(body.body?.policy.collectionPatienceMs).toBe(2 * 3_600_000);
    expect(formOf(body.body!).kpis[0]).toMatchObject({ sourceKind: 'threshold', query: 'max(x)' });
    // Pushed KPIs send no source and no patience.
    expect(toCreateBody(form).body?.kpis[0]?.source).toBeUndefined();
    expect(toCreateBody(form).body?.policy.collectionPatienceMs).toBeUndefined();
    // A ratio needs its source and both counters; the API's errors land at those fields.
    const ratio = toCreateBody({ ...form, kpis: [{ ...form.kpis[0]!, sourceKind: 'ratio' }] });
    expect(Object.keys(ratio.problems ?? {})).toEqual(['kpis.0.dataSource', 'kpis.0.good', 'kpis.0.total']);
    expect(formFieldOf('kpis[0].source.query')).toBe('kpis.0.query');
    expect(formFieldOf('kpis[1].source.kind')).toBe('kpis.1.sourceKind');
    expect(formFieldOf('policy.collectionPatienceMs')).toBe('policy.collectionPatience');
  });

  it('names each field at fault', () => {
    const form = retailerForm();
    const { problems } = toCreateBody({
      ...form,
      title: ' ',
      id: 'X',
      kpis: [
        { ...form.kpis[0]!, name: 'Response Time', target: '' },
        { ...form.kpis[0]!, key: 'other', targetKind: 'relative', target: '150' },
      ],
      approvalRoles: ' , ',
      reminderInterval: { amount: '0', unit: 'days' },
      maxReminders: '2.5',
      maxCycles: '0',
    });
    expect(problems).toEqual({
      title: { problem: 'required' },
      id: { problem: 'id' },
      'kpis.0.name': { problem: 'kpiName' },
      'kpis.0.target': { problem: 'required' },
      'kpis.1.target': { problem: 'percent' },
      'policy.approval.roles': { problem: 'required' },
      'policy.approval.reminderInterval': { problem: 'duration' },
      'policy.approval.maxReminders': { problem: 'whole', min: 0, max: 50 },
      'policy.maxCycles': { problem: 'whole', min: 1, max: 100 },
    });
  });

  it("places the API's field errors at the form's fields", () => {
    expect(formFieldOf('kpis[0].name')).toBe('kpis.0.name');
    expect(formFieldOf('kpis[2].target.improvementPercent')).toBe('kpis.2.target');
    expect(formFieldOf('policy.approval.reminderIntervalMs')).toBe('policy.approval.reminderInterval');
    expect(formFieldOf('policy.followUpIntervalMs')).toBe('policy.followUpInterval');
    expect(formFieldOf('policy.minSamples')).toBe('policy.minSamples');
    expect(formFieldOf('policy.approval.roles[1]')).toBe('policy.approval.roles');
    expect(formFieldOf('department')).toBe('department');
    expect(formFieldOf('seenUpdateIds')).toBeNull();

    const refusal = new ApiError(422, 'INVALID_DEFINITION', 'bad', [
      { field: 'policy.approval.reminderIntervalMs', message: 'must be at least 1000 ms' },
      { field: 'kpis[0].name', message: 'is used twice' },
      { message: 'the policy cannot be satisfied' },
    ]);
    expect(fieldErrorsOf(refusal, formFieldOf)).toEqual({
      fields: {
        'policy.approval.reminderInterval': 'must be at least 1000 ms',
        'kpis.0.name': 'is used twice',
      },
      other: ['the policy cannot be satisfied'],
    });
  });
});
