import fc from 'fast-check';
import { BENEFIT_LEVELS, EFFORT_SIZES, type PriorityWeights, RISK_LEVELS } from '@cio/contracts';
import {
  DEFAULT_PRIORITY_WEIGHTS,
  priorityScore,
  type ScoredOpportunity,
  scoreModelOf,
} from './priority-score';

const weights = fc.record<PriorityWeights>({
  benefit: fc.integer({ min: 0, max: 50 }),
  effort: fc.integer({ min: 0, max: 50 }),
  risk: fc.integer({ min: 0, max: 50 }),
  support: fc.integer({ min: 0, max: 50 }),
  objectives: fc.integer({ min: 0, max: 50 }),
});
const opportunity = fc.record<ScoredOpportunity>({
  benefit: fc.record({ level: fc.constantFrom(...BENEFIT_LEVELS) }),
  effort: fc.constantFrom(...EFFORT_SIZES),
  risk: fc.constantFrom(...RISK_LEVELS),
  objectives: fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd', 'e'), { maxLength: 5 }),
  supporters: fc.integer({ min: 0, max: 10_000 }),
});
const next = <T>(levels: readonly T[], level: T): T | undefined => levels[levels.indexOf(level) + 1];
const total = (o: ScoredOpportunity, w: PriorityWeights) => priorityScore(o, w).total;

describe('priority score', () => {
  it('explains itself: the total is the sum of its parts', () => {
    fc.assert(
      fc.property(opportunity, weights, (o, w) => {
        const score = priorityScore(o, w);
        const sum = score.parts.reduce((s, p) => s + p.points, 0);
        expect(score.total).toBeCloseTo(sum, 1);
        expect(score.parts.map((p) => p.factor)).toEqual([
          'benefit',
          'effort',
          'risk',
          'support',
          'objectives',
        ]);
      }),
    );
  });

  it('never falls with more benefit, more support or more objectives served', () => {
    fc.assert(
      fc.property(opportunity, weights, (o, w) => {
        const level = next(BENEFIT_LEVELS, o.benefit.level);
        if (level) expect(total({ ...o, benefit: { level } }, w)).toBeGreaterThanOrEqual(total(o, w));
        expect(total({ ...o, supporters: o.supporters + 1 }, w)).toBeGreaterThanOrEqual(total(o, w));
        expect(total({ ...o, objectives: [...o.objectives, 'new'] }, w)).toBeGreaterThanOrEqual(total(o, w));
      }),
    );
  });

  it('never rises with more effort or more risk', () => {
    fc.assert(
      fc.property(opportunity, weights, (o, w) => {
        const effort = next(EFFORT_SIZES, o.effort);
        if (effort) expect(total({ ...o, effort }, w)).toBeLessThanOrEqual(total(o, w));
        const risk = next(RISK_LEVELS, o.risk);
        if (risk) expect(total({ ...o, risk }, w)).toBeLessThanOrEqual(total(o, w));
      }),
    );
  });

  it('moves in each weight’s direction: a heavier weight lifts benefit and support, presses effort and risk', () => {
    fc.assert(
      fc.property(opportunity, weights, fc.integer({ min: 1, max: 20 }), (o, w, more) => {
        const heavier = (factor: keyof PriorityWeights) => total(o, { ...w, [factor]: w[factor] + more });
        expect(heavier('benefit')).toBeGreaterThan(total(o, w));
        expect(heavier('support')).toBeGreaterThanOrEqual(total(o, w));
        expect(heavier('objectives')).toBeGreaterThanOrEqual(total(o, w));
        expect(heavier('effort')).toBeLessThanOrEqual(total(o, w));
        expect(heavier('risk')).toBeLessThanOrEqual(total(o, w));
      }),
    );
  });

  it('ranks a quick, safe, high-benefit win above a large, risky, modest one with the defaults', () => {
    const quickWin: ScoredOpportunity = {
      benefit: { level: 'high' },
      effort: 'S',
      risk: 'low',
      objectives: [],
      supporters: 0,
    };
    const bigBet: ScoredOpportunity = {
      benefit: { level: 'medium' },
      effort: 'XL',
      risk: 'high',
      objectives: ['a'],
      supporters: 3,
    };
    expect(total(quickWin, DEFAULT_PRIORITY_WEIGHTS)).toBe(30);
    expect(total(bigBet, DEFAULT_PRIORITY_WEIGHTS)).toBe(20 - 18 - 10 + 6 + 2);
    expect(scoreModelOf(DEFAULT_PRIORITY_WEIGHTS)).toBe('b10-e6-r5-s3-o2');
  });

  it('counts an objective named twice once, and no more than three', () => {
    const base: ScoredOpportunity = {
      benefit: { level: 'low' },
      effort: 'S',
      risk: 'low',
      objectives: [],
      supporters: 0,
    };
    const five = total({ ...base, objectives: ['a', 'b', 'c', 'd', 'e'] }, DEFAULT_PRIORITY_WEIGHTS);
    expect(five).toBe(total({ ...base, objectives: ['a', 'b', 'c'] }, DEFAULT_PRIORITY_WEIGHTS));
    expect(total({ ...base, objectives: ['a', 'a'] }, DEFAULT_PRIORITY_WEIGHTS)).toBe(
      total({ ...base, objectives: ['a'] }, DEFAULT_PRIORITY_WEIGHTS),
    );
  });
});
