import type { ApprovalPolicy, Decision } from '@cio/contracts';
import fc from 'fast-check';
import {
  approvalPolicyProblems,
  approvalsRequired,
  approvingRoles,
  pendingRoles,
  quorumReached,
} from './approval-policy';

const DAY = 86_400_000;
const ROLE_POOL = ['cs-lead', 'change-board', 'security', 'finance', 'legal', 'ops', 'hr', 'cio'];
/** Roles that are never part of a generated policy. */
const OUTSIDERS = ['visitor', 'engineer'];

function policy(mode: ApprovalPolicy['mode'], roles: string[], quorum?: number): ApprovalPolicy {
  return {
    mode,
    roles,
    ...(quorum === undefined ? {} : { quorum }),
    reminderIntervalMs: 2 * DAY,
    maxReminders: 3,
    escalateTo: 'cio',
  };
}

function decision(role: string, verdict: Decision['decision'], planVersion: number): Decision {
  return {
    role,
    by: `${role}-user`,
    decision: verdict,
    ...(verdict === 'rejected' ? { reason: 'no' } : {}),
    at: '2025-03-10T09:00:00.000Z',
    planVersion,
  };
}

/** A valid policy: 1..6 distinct roles, any mode, and with `quorum` a whole N of M. */
const policyArb: fc.Arbitrary<ApprovalPolicy> = fc
  .uniqueArray(fc.constantFrom(...ROLE_POOL), { minLength: 1, maxLength: 6 })
  .chain((roles) =>
    fc.oneof(
      fc.constant(policy('all', roles)),
      fc.constant(policy('any', roles)),
      fc.integer({ min: 1, max: roles.length }).map((quorum) => policy('quorum', roles, quorum)),
    ),
  );

const decisionArb = fc
  .record({
    role: fc.constantFrom(...ROLE_POOL, ...OUTSIDERS),
    verdict: fc.constantFrom<Decision['decision']>('approved', 'rejected'),
    planVersion: fc.integer({ min: 1, max: 3 }),
  })
  .map(({ role, verdict, planVersion }) => decision(role, verdict, planVersion));

const decisionsArb = fc.array(decisionArb, { maxLength: 20 });
const versionArb = fc.integer({ min: 1, max: 3 });

/** What the policy needs, straight from its definition (N of M for quorum). */
function needed(p: ApprovalPolicy): number {
  if (p.mode === 'all') return p.roles.length;
  if (p.mode === 'any') return 1;
  return p.quorum ?? 1;
}

/** The distinct roles of the policy that approved this version. */
function approvers(p: ApprovalPolicy, decisions: readonly Decision[], version: number): Set<string> {
  return new Set(
    decisions
      .filter((d) => d.planVersion === version && d.decision === 'approved' && p.roles.includes(d.role))
      .map((d) => d.role),
  );
}

describe('approval policy: quorum', () => {
  it('is reached iff the distinct policy roles that approved the version reach what the mode requires', () => {
    fc.assert(
      fc.property(policyArb, decisionsArb, versionArb, (p, decisions, version) => {
        const distinct = approvers(p, decisions, version);
        expect(approvalsRequired(p)).toBe(needed(p));
        expect(quorumReached(p, decisions, version)).toBe(distinct.size >= needed(p));
        expect(new Set(approvingRoles(p, decisions, version))).toEqual(distinct);
        expect(approvingRoles(p, decisions, version)).toHaveLength(distinct.size);
      }),
      { numRuns: 300 },
    );
  });

  it('means every role for `all` and one role for `any`', () => {
    fc.assert(
      fc.property(policyArb, decisionsArb, versionArb, (p, decisions, version) => {
        const distinct = approvers(p, decisions, version);
        const all = policy('all', p.roles);
        const any = policy('any', p.roles);
        expect(quorumReached(all, decisions, version)).toBe(p.roles.every((r) => distinct.has(r)));
        expect(quorumReached(any, decisions, version)).toBe(p.roles.some((r) => distinct.has(r)));
      }),
      { numRuns: 200 },
    );
  });

  it('never counts decisions on other versions, from roles outside the policy, or rejections', () => {
    const noiseArb = fc.array(
      fc.oneof(
        // Another version, by anyone.
        fc
          .record({
            role: fc.constantFrom(...ROLE_POOL, ...OUTSIDERS),
            version: fc.integer({ min: 4, max: 9 }),
          })
          .map(({ role, version }) => decision(role, 'approved', version)),
        // This version, by a role outside the policy (the version is fixed to 1 below).
        fc.constantFrom(...OUTSIDERS).map((role) => decision(role, 'approved', 1)),
        // A rejection never approves.
        fc.constantFrom(...ROLE_POOL).map((role) => decision(role, 'rejected', 1)),
      ),
      { maxLength: 12 },
    );
    fc.assert(
      fc.property(policyArb, decisionsArb, noiseArb, (p, decisions, noise) => {
        // Decisions on version 1 of roles that are not in the policy are noise too.
        const outside = ROLE_POOL.filter((r) => !p.roles.includes(r)).map((r) => decision(r, 'approved', 1));
        const noisy = [...noise, ...decisions, ...outside, ...noise];
        expect(quorumReached(p, noisy, 1)).toBe(quorumReached(p, decisions, 1));
        expect(approvingRoles(p, noisy, 1)).toEqual(approvingRoles(p, decisions, 1));
        // Noise alone never reaches a quorum.
        expect(approvingRoles(p, [...noise, ...outside], 1)).toEqual([]);
        expect(quorumReached(p, [...noise, ...outside], 1)).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  it('counts a role once however often it approved', () => {
    fc.assert(
      fc.property(policyArb, fc.integer({ min: 2, max: 5 }), (p, times) => {
        const role = p.roles[0] ?? 'cs-lead';
        const repeated = Array.from({ length: times }, () => decision(role, 'approved', 1));
        expect(approvingRoles(p, repeated, 1)).toEqual([role]);
        expect(quorumReached(p, repeated, 1)).toBe(needed(p) <= 1);
      }),
      { numRuns: 100 },
    );
  });

  it('only grows as approvals are added (monotone)', () => {
    fc.assert(
      fc.property(policyArb, decisionsArb, decisionsArb, versionArb, (p, first, more, version) => {
        if (quorumReached(p, first, version))
          expect(quorumReached(p, [...first, ...more], version)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});

describe('approval policy: pending roles', () => {
  it('excludes exactly the policy roles that decided (either way) on that version', () => {
    fc.assert(
      fc.property(policyArb, decisionsArb, versionArb, (p, decisions, version) => {
        const decided = new Set(decisions.filter((d) => d.planVersion === version).map((d) => d.role));
        const pending = pendingRoles(p, decisions, version);
        expect(pending).toEqual(p.roles.filter((r) => !decided.has(r)));
        // Pending roles and decided roles partition the policy's roles.
        for (const role of p.roles) expect(pending.includes(role)).toBe(!decided.has(role));
        for (const role of pending) expect(p.roles).toContain(role);
      }),
      { numRuns: 300 },
    );
  });

  it('ignores decisions on other versions', () => {
    fc.assert(
      fc.property(policyArb, decisionsArb, (p, decisions) => {
        const otherVersions = decisions.map((d) => ({ ...d, planVersion: d.planVersion + 10 }));
        expect(pendingRoles(p, otherVersions, 1)).toEqual(p.roles);
        expect(pendingRoles(p, [...decisions, ...otherVersions], 1)).toEqual(pendingRoles(p, decisions, 1));
      }),
      { numRuns: 200 },
    );
  });
});

describe('approval policy: examples and validation', () => {
  const retailer = policy('all', ['cs-lead', 'change-board']);

  it('needs both the cs-lead and the change board in the retailer policy', () => {
    const lead = decision('cs-lead', 'approved', 1);
    const board = decision('change-board', 'approved', 1);
    expect(quorumReached(retailer, [lead], 1)).toBe(false);
    expect(pendingRoles(retailer, [lead], 1)).toEqual(['change-board']);
    expect(quorumReached(retailer, [lead, board], 1)).toBe(true);
    expect(quorumReached(retailer, [lead, { ...board, planVersion: 2 }], 1)).toBe(false);
    expect(quorumReached(retailer, [lead, board], 2)).toBe(false);
  });

  it('needs 2 of 3 with a quorum of 2', () => {
    const p = policy('quorum', ['cs-lead', 'change-board', 'security'], 2);
    expect(approvalsRequired(p)).toBe(2);
    expect(quorumReached(p, [decision('security', 'approved', 1)], 1)).toBe(false);
    expect(
      quorumReached(p, [decision('security', 'approved', 1), decision('cs-lead', 'approved', 1)], 1),
    ).toBe(true);
  });

  it('clamps an out-of-range quorum into 1..roles, and refuses such a policy at creation', () => {
    const roles = ['cs-lead', 'change-board', 'security'];
    expect(approvalsRequired(policy('quorum', roles, 7))).toBe(3);
    expect(approvalsRequired(policy('quorum', roles, 0))).toBe(1);
    expect(approvalsRequired(policy('quorum', roles))).toBe(1);
    for (const quorum of [0, 4, 1.5, -1, undefined]) {
      expect(approvalPolicyProblems(policy('quorum', roles, quorum))).toEqual([
        {
          field: 'policy.approval.quorum',
          message: 'must be a whole number between 1 and the number of roles',
        },
      ]);
    }
  });

  it('refuses a policy without roles or with a repeated role', () => {
    expect(approvalPolicyProblems(policy('all', []))).toContainEqual({
      field: 'policy.approval.roles',
      message: 'must name at least one role',
    });
    expect(approvalPolicyProblems(policy('any', ['cs-lead', 'cs-lead']))).toContainEqual({
      field: 'policy.approval.roles',
      message: 'must not repeat a role',
    });
  });

  it('accepts every generated valid policy', () => {
    fc.assert(
      fc.property(policyArb, (p) => {
        expect(approvalPolicyProblems(p)).toEqual([]);
        expect(approvalsRequired(p)).toBeGreaterThanOrEqual(1);
        expect(approvalsRequired(p)).toBeLessThanOrEqual(p.roles.length);
      }),
      { numRuns: 100 },
    );
  });
});
