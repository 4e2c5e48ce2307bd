import { formFromDraft, toCreateBody } from '../new-initiative/form-model';
import { raiseFieldOf, raiseFormOf, toRaiseBody } from './raise-form';
import { parseRaiseSearch } from './raise-link';

describe('the raise form', () => {
  it('is filled in from a link, with what the API would take only', () => {
    const prefill = parseRaiseSearch({
      service: 'customer-support',
      origin: 'customer-feedback',
      reference: 'feedback 42',
      description: 'The chat took ages',
      title: 'x'.repeat(300),
      effort: 'S',
    });
    expect(prefill).toEqual({
      service: 'customer-support',
      origin: 'customer-feedback',
      reference: 'feedback 42',
      description: 'The chat took ages',
      title: 'x'.repeat(200),
    });
    expect(parseRaiseSearch({ origin: 'rumour' })).toEqual({});
    const form = raiseFormOf(prefill, ['customer-service']);
    expect(form).toMatchObject({ department: 'customer-service', origin: 'customer-feedback', effort: '' });
    expect(raiseFormOf({}).origin).toBe('idea');
  });

  it('names every field left empty, and objectives the API would refuse', () => {
    expect(toRaiseBody(raiseFormOf({})).problems).toEqual({
      title: 'required',
      description: 'required',
      service: 'required',
      department: 'required',
      benefitCategory: 'required',
      benefitLevel: 'required',
      benefitDescription: 'required',
      effort: 'required',
      risk: 'required',
    });
    const filled = {
      ...raiseFormOf({ title: 'Slow chat', description: 'd', service: 's', department: 'cs' }),
      benefitCategory: 'time' as const,
      benefitLevel: 'high' as const,
      benefitDescription: 'faster',
      effort: 'S' as const,
      risk: 'low' as const,
    };
    expect(toRaiseBody({ ...filled, objectives: '#1, ok' }).problems).toEqual({ objectives: 'objective' });
    expect(
      toRaiseBody({ ...filled, objectives: Array.from({ length: 11 }, (_, i) => `o${i}`).join(',') })
        .problems,
    ).toEqual({
      objectives: 'tooManyObjectives',
    });
    expect(
      toRaiseBody({ ...filled, objectives: 'customer-first，digital first, customer-first' }).body,
    ).toEqual({
      title: 'Slow chat',
      description: 'd',
      service: 's',
      department: 'cs',
      origin: 'idea',
      benefit: { category: 'time', level: 'high', description: 'faster' },
      effort: 'S',
      risk: 'low',
      objectives: ['customer-first', 'digital first'],
    });
  });

  it('places the API’s field errors at the form’s fields', () => {
    expect(raiseFieldOf('benefit.level')).toBe('benefitLevel');
    expect(raiseFieldOf('benefit.description')).toBe('benefitDescription');
    expect(raiseFieldOf('objectives.2')).toBe('objectives');
    expect(raiseFieldOf('title')).toBe('title');
    expect(raiseFieldOf('score')).toBeNull();
  });
});

describe('the initiative an opportunity becomes', () => {
  it('starts from its draft: title, service, department and KPI hints; targets are left to set; it names the opportunity', () => {
    const form = formFromDraft(
      {
        opportunityId: 'o-abc',
        title: 'Slow chat',
        service: 'customer-support',
        department: 'customer-service',
        description: 'd',
        kpiHints: [
          { name: 'csat', unit: 'score', direction: 'higher-is-better', aggregate: 'mean', why: 'scores' },
          {
            name: 'wait_p90',
            unit: 'minutes',
            direction: 'lower-is-better',
            aggregate: 'p90',
            source: { kind: 'threshold', dataSource: 'prom', query: 'max(x)' },
            why: 'watched',
          },
        ],
      },
      ['it'],
    );
    expect(form).toMatchObject({
      title: 'Slow chat',
      department: 'customer-service',
      opportunityId: 'o-abc',
    });
    expect(form.kpis.map((k) => [k.name, k.direction, k.aggregate, k.sourceKind, k.target, k.why])).toEqual([
      ['csat', 'higher-is-better', 'mean', 'push', '', 'scores'],
      ['wait_p90', 'lower-is-better', 'p90', 'threshold', '', 'watched'],
    ]);
    expect(form.kpis[1]).toMatchObject({ dataSource: 'prom', query: 'max(x)' });
    expect(toCreateBody(form).problems).toEqual({
      'kpis.0.target': { problem: 'required' },
      'kpis.1.target': { problem: 'required' },
    });
    const done = { ...form, kpis: form.kpis.map((k) => ({ ...k, target: '4' })) };
    expect(toCreateBody(done).body).toMatchObject({ opportunityId: 'o-abc', title: 'Slow chat' });
  });
});
