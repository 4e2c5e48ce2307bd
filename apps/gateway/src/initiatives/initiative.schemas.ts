import { z } from 'zod';
import { PHASES } from '@cio/contracts';

/**
 * Request and response schemas of the initiatives API (zod): the validation pipe checks requests
 * against them and @nestjs/swagger renders them into /openapi.json. Unknown fields are refused.
 */
/**
 * Text that must say something: trimmed, at least one non-blank character (a pattern, so that
 * /openapi.json says it too), at most `max` characters.
 */
export const nonBlank = (max: number, message = 'must not be blank') =>
  z.string().trim().regex(/\S/, message).max(max);
const name = (what: string) => nonBlank(100).describe(what);
const text = (max: number) => nonBlank(max);
const durationMs = (what: string) =>
  z
    .number()
    .int()
    .positive()
    .max(10 * 366 * 86_400_000)
    .describe(`${what}, in milliseconds`);
export const isoInstant = z.iso
  .datetime({ offset: true })
  .describe('ISO-8601 instant, e.g. 2026-11-24T09:00:00Z');

export const KpiSchema = z
  .strictObject({
    name: z
      .string()
      .regex(/^[a-z][a-z0-9_]{0,62}$/, 'must be snake_case: a letter, then letters, digits or _')
      .describe('KPI key, used by measurements'),
    unit: text(40),
    direction: z.enum(['lower-is-better', 'higher-is-better']),
    aggregate: z.enum(['mean', 'median', 'p90', 'p95', 'rate', 'last']),
    target: z.discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('absolute'), value: z.number() }),
      z.strictObject({ kind: z.literal('relative'), improvementPercent: z.number().gt(0).max(100) }),
    ]),
  })
  .meta({ id: 'Kpi' });

export const PolicySchema = z
  .strictObject({
    approval: z.strictObject({
      mode: z.enum(['all', 'any', 'quorum']),
      roles: z.array(name('role')).min(1).max(20),
      quorum: z.number().int().positive().optional(),
      reminderIntervalMs: durationMs('time between approval reminders'),
      maxReminders: z.number().int().min(0).max(50),
      escalateTo: name('role the wait escalates to'),
    }),
    managerRoles: z.array(name('role')).min(1).max(20),
    assessmentPeriodMs: durationMs('assessment period (baseline window)'),
    evaluationWindowMs: durationMs('evaluation window'),
    minSamples: z.number().int().min(1).max(1_000_000),
    maxCycles: z.number().int().min(1).max(100),
    followUpIntervalMs: durationMs('time between follow-up reviews'),
    followUpsToComplete: z.number().int().min(1).max(100),
    implementationReminderIntervalMs: durationMs('time between reminders on overdue tasks and trainings'),
    implementationMaxReminders: z.number().int().min(0).max(50),
  })
  .meta({ id: 'Policy' });

export const CreateInitiativeSchema = z
  .strictObject({
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{2,62}$/, 'must be 3–63 lowercase letters, digits or dashes')
      .optional()
      .describe('Chosen id; generated when absent'),
    title: text(200),
    service: name('IT service the initiative improves'),
    department: name('owning department'),
    owner: name('improvement manager (person); the caller when absent').optional(),
    kpis: z.array(KpiSchema).min(1).max(20),
    policy: PolicySchema,
  })
  .meta({
    id: 'CreateInitiative',
    example: {
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
          reminderIntervalMs: 172800000,
          maxReminders: 3,
          escalateTo: 'cio',
        },
        managerRoles: ['improvement-manager'],
        assessmentPeriodMs: 604800000,
        evaluationWindowMs: 1209600000,
        minSamples: 30,
        maxCycles: 3,
        followUpIntervalMs: 2592000000,
        followUpsToComplete: 6,
        implementationReminderIntervalMs: 172800000,
        implementationMaxReminders: 3,
      },
    },
  });
export type CreateInitiativeBody = z.infer<typeof CreateInitiativeSchema>;

export const IdParamSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{2,62}$/, 'must be an initiative id (lowercase letters, digits, dashes)');

const intParam = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

// Query schemas carry no component id: @nestjs/swagger documents each field as a query parameter
// only when it sees the object itself, not a $ref to it.
export const ListQuerySchema = z.strictObject({
  phase: z.enum(PHASES).optional(),
  service: name('service').optional(),
  owner: name('owner').optional(),
  department: name('department').optional(),
  cycle: intParam(1, 1000).optional(),
  cycleAtLeast: intParam(1, 1000).optional(),
  q: text(100).optional().describe('text in id, title, service, department or owner'),
  limit: intParam(1, 200).optional(),
  cursor: z.string().max(500).optional().describe('nextCursor of the previous page'),
});

export const AuditQuerySchema = z.strictObject({
  afterId: z
    .string()
    .regex(/^\d{1,18}$/, 'must be an audit entry id')
    .optional(),
  limit: intParam(1, 1000).optional(),
});

// --- responses ----------------------------------------------------------------------------------

const WhoSchema = z.object({
  role: z.string().optional(),
  department: z.string().optional(),
  person: z.string().optional(),
});

export const WaitingOnSchema = z
  .object({
    kind: z.string(),
    who: WhoSchema,
    subject: z.string().optional(),
    since: z.string(),
    dueAt: z.string().nullable(),
    remindersSent: z.number(),
    escalatedTo: z.string().nullable(),
  })
  .meta({ id: 'WaitingOn' });

const DecisionSchema = z.object({
  role: z.string(),
  by: z.string(),
  decision: z.enum(['approved', 'rejected']),
  reason: z.string().optional(),
  at: z.string(),
  planVersion: z.number(),
});

const MeasureSchema = z.object({ title: z.string(), kind: z.string(), department: z.string() });

const KpiEvaluationSchema = z.object({
  kpi: z.string(),
  baseline: z.number().nullable(),
  target: z.number().nullable(),
  observed: z.number().nullable(),
  samples: z.number(),
  verdict: z.enum(['met', 'not-met', 'inconclusive']),
  comparison: z
    .object({
      changeAbsolute: z.number(),
      changePercent: z.number().nullable(),
      test: z.enum(['welch-t', 'mann-whitney-u']).nullable(),
      pValue: z.number().nullable(),
      ci: z.tuple([z.number(), z.number()]).nullable(),
      confidence: z.number(),
    })
    .optional(),
});

const EvaluationSchema = z
  .object({
    cycle: z.number(),
    kind: z.enum(['evaluation', 'follow-up']),
    from: z.string(),
    to: z.string(),
    kpis: z.array(KpiEvaluationSchema),
    met: z.boolean(),
    inconclusive: z.boolean(),
  })
  .meta({ id: 'Evaluation' });

const WindowSchema = z.object({ from: z.string(), endsAt: z.string(), extended: z.boolean() }).nullable();

/** The live state of an initiative, as its workflow answers. */
export const InitiativeStateSchema = z
  .object({
    definition: z.object({
      id: z.string(),
      title: z.string(),
      service: z.string(),
      department: z.string(),
      owner: z.string(),
      kpis: z.array(KpiSchema),
      policy: PolicySchema,
    }),
    phase: z.enum(PHASES),
    phaseSince: z.string(),
    cycle: z.number(),
    maxCycles: z.number(),
    baseline: z.array(
      z.object({ kpi: z.string(), value: z.number(), samples: z.number(), from: z.string(), to: z.string() }),
    ),
    plan: z
      .object({
        version: z.number(),
        cycle: z.number(),
        submittedBy: z.string(),
        submittedAt: z.string(),
        measures: z.array(MeasureSchema),
        tasks: z.array(
          z.object({
            id: z.string(),
            title: z.string(),
            department: z.string(),
            dueAt: z.string(),
            doneAt: z.string().nullable(),
            doneBy: z.string().nullable(),
            remindersSent: z.number(),
            escalated: z.boolean(),
          }),
        ),
        trainees: z.array(
          z.object({
            person: z.string(),
            department: z.string(),
            dueAt: z.string(),
            completedAt: z.string().nullable(),
            remindersSent: z.number(),
            escalated: z.boolean(),
          }),
        ),
        decisions: z.array(DecisionSchema),
        approvedAt: z.string().nullable(),
      })
      .nullable(),
    lastRejection: DecisionSchema.nullable(),
    findings: EvaluationSchema.nullable(),
    evaluations: z.array(EvaluationSchema),
    assessmentWindow: WindowSchema,
    evaluationWindow: WindowSchema,
    followUps: z.object({ done: z.number(), metInARow: z.number(), nextAt: z.string().nullable() }),
    paused: z
      .object({
        since: z.string(),
        by: z.object({ user: z.string(), role: z.string(), department: z.string().optional() }),
        reason: z.string(),
        resumeTo: z.string(),
      })
      .nullable(),
    closed: z.object({ outcome: z.string(), reason: z.string(), by: z.string(), at: z.string() }).nullable(),
    waitingOn: z.array(WaitingOnSchema),
    approvalReminders: z.object({
      remindersSent: z.number(),
      escalated: z.boolean(),
      since: z.string().nullable(),
    }),
  })
  .meta({ id: 'InitiativeState' });

export const InitiativeSummarySchema = z
  .object({
    id: z.string(),
    workflowId: z.string(),
    title: z.string(),
    service: z.string(),
    department: z.string(),
    owner: z.string(),
    phase: z.string(),
    phaseSince: z.string().nullable(),
    cycle: z.number(),
    waitingOn: z.array(WaitingOnSchema),
    nextDueAt: z.string().nullable(),
    closedOutcome: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'InitiativeSummary' });

export const InitiativePageSchema = z
  .object({ items: z.array(InitiativeSummarySchema), nextCursor: z.string().nullable() })
  .meta({ id: 'InitiativePage' });

const EvaluationRecordSchema = z
  .object({
    cycle: z.number(),
    kind: z.enum(['evaluation', 'follow-up']),
    reviewNumber: z.number(),
    kpi: z.string(),
    aggregate: z.string(),
    baseline: z.number().nullable(),
    target: z.number().nullable(),
    observed: z.number().nullable(),
    samples: z.number(),
    verdict: z.enum(['met', 'not-met', 'inconclusive']),
    windowFrom: z.string(),
    windowTo: z.string(),
    changeAbsolute: z.number().nullable(),
    changePercent: z.number().nullable(),
    test: z.string().nullable(),
    pValue: z.number().nullable(),
    ciLow: z.number().nullable(),
    ciHigh: z.number().nullable(),
    recordedAt: z.string(),
  })
  .meta({ id: 'EvaluationRecord' });

export const EvaluationListSchema = z
  .object({ items: z.array(EvaluationRecordSchema) })
  .meta({ id: 'EvaluationList' });

const RegisterHistorySchema = z.object({
  baselines: z.array(
    z.object({ kpi: z.string(), value: z.number(), samples: z.number(), from: z.string(), to: z.string() }),
  ),
  cycles: z.array(
    z.object({
      cycle: z.number(),
      startedAt: z.string(),
      endedAt: z.string().nullable(),
      outcome: z.string().nullable(),
    }),
  ),
  planVersions: z.array(
    z.object({
      version: z.number(),
      cycle: z.number(),
      status: z.string(),
      submittedBy: z.string(),
      submittedAt: z.string(),
      approvedAt: z.string().nullable(),
      measures: z.array(MeasureSchema),
      tasks: z.array(z.record(z.string(), z.unknown())),
      trainees: z.array(z.record(z.string(), z.unknown())),
      decisions: z.array(
        z.object({
          role: z.string(),
          decision: z.enum(['approved', 'rejected']),
          decidedBy: z.string(),
          reason: z.string().nullable(),
          decidedAt: z.string(),
        }),
      ),
    }),
  ),
  evaluations: z.array(EvaluationRecordSchema),
  followUps: z.array(
    z.object({
      number: z.number(),
      cycle: z.number(),
      outcome: z.enum(['met', 'regression', 'inconclusive']),
      windowFrom: z.string(),
      windowTo: z.string(),
      recordedAt: z.string(),
    }),
  ),
});

export const InitiativeResponseSchema = z
  .object({
    state: InitiativeStateSchema.describe('live state from the workflow'),
    register: InitiativeSummarySchema.extend(RegisterHistorySchema.shape).describe(
      'history from the register',
    ),
  })
  .meta({ id: 'Initiative' });

export const AuditPageSchema = z
  .object({
    items: z.array(
      z.object({
        id: z.string(),
        cycle: z.number(),
        sequence: z.number().nullable(),
        actor: z.string(),
        role: z.string().nullable(),
        action: z.string(),
        outcome: z.enum(['accepted', 'refused']),
        details: z.record(z.string(), z.unknown()),
        requestId: z.string().nullable(),
        occurredAt: z.string(),
      }),
    ),
    nextAfterId: z.string().nullable(),
  })
  .meta({ id: 'AuditPage' });
