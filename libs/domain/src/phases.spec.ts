import { type Phase, PHASES } from '@cio/contracts';
import fc from 'fast-check';
import { canTransition, IllegalTransitionError, isPausable, transition, TRANSITIONS } from './phases';

const phaseArb = fc.constantFrom(...PHASES);
const ACTIVE = PHASES.filter((p) => p !== 'Paused' && p !== 'Closed');

describe('phases', () => {
  it('transition returns the target for a legal move and throws IllegalTransitionError otherwise', () => {
    fc.assert(
      fc.property(phaseArb, phaseArb, (from, to) => {
        if (canTransition(from, to)) {
          expect(transition(from, to)).toBe(to);
        } else {
          expect(() => transition(from, to)).toThrow(IllegalTransitionError);
          expect(() => transition(from, to)).toThrow(`illegal phase transition ${from} -> ${to}`);
        }
      }),
    );
  });

  it('lists every phase, and moves only to other known phases', () => {
    expect(Object.keys(TRANSITIONS).sort()).toEqual([...PHASES].sort());
    for (const [from, targets] of Object.entries(TRANSITIONS)) {
      for (const to of targets) {
        expect(PHASES).toContain(to);
        expect(to).not.toBe(from);
      }
    }
  });

  it('never leaves Closed', () => {
    for (const to of PHASES) expect(canTransition('Closed', to)).toBe(false);
  });

  it('can pause and close from every active phase, and resume to each of them', () => {
    for (const phase of ACTIVE) {
      expect(isPausable(phase)).toBe(true);
      expect(canTransition(phase, 'Paused')).toBe(true);
      expect(canTransition(phase, 'Closed')).toBe(true);
      expect(canTransition('Paused', phase)).toBe(true);
    }
    expect(isPausable('Paused')).toBe(false);
    expect(isPausable('Closed')).toBe(false);
    expect(canTransition('Paused', 'Closed')).toBe(true);
  });

  it('follows the ITIL loop: assess, plan, approve, implement, evaluate, sustain or plan again', () => {
    const loop: [Phase, Phase][] = [
      ['Assessing', 'Planning'],
      ['Planning', 'AwaitingApproval'],
      ['AwaitingApproval', 'Implementing'],
      ['AwaitingApproval', 'Planning'],
      ['Implementing', 'Evaluating'],
      ['Evaluating', 'Sustaining'],
      ['Evaluating', 'Planning'],
      ['Evaluating', 'CycleLimitReached'],
      ['Sustaining', 'Planning'],
      ['CycleLimitReached', 'Planning'],
    ];
    for (const [from, to] of loop) expect(canTransition(from, to)).toBe(true);
    expect(canTransition('Assessing', 'Implementing')).toBe(false);
    expect(canTransition('Planning', 'Implementing')).toBe(false);
    expect(canTransition('Implementing', 'Sustaining')).toBe(false);
  });
});
