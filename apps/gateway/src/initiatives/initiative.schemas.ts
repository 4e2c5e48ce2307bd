import { z } from 'zod';
import { AGGREGATES, CLOSURE_CODES, PHASES } from '@cio/contracts';
import type { PermittedActions } from '@cio/domain';
import { retailerInitiative } from '@cio/domain/fixtures';
import type {
  AuditRecord,
  CollectionStatus,
  EvaluationRecord,
  InitiativeDetail,
  InitiativeSummary,
  KpiSeries,
} from '@cio/persistence';
import { OpportunityIdSchema } from '../opportunities/opportunity.schemas';
import { KpiSchema, PolicySchema } from '../schemas/definition.schemas';
import { intParam, isoInstant, name, nonBlank } from '../schemas/fields';
import { describes } from '../schemas/same-type';
import type { Reached } from '../people/reach';
import {
  BaselineSchema,
  MeasureSchema,
  ReachedStateSchema,
  ReachedWaitSchema,
  TaskStateSchema,
  TraineeStateSchema,
} from '../schemas/state.schemas';

/**
 * Request and response schemas of the initiatives API (zod): the validation pipe checks requests
 * against them and @nestjs/swagger renders them into /openapi.json. Unknown fields are refused;
 * each response schema is tied to the type it documents (../schemas/same-type.ts).
 */

const { id: _id, owner: _owner, ...retailerExample } = retailerInitiative();

export const CreateInitiativeSchema = z
  .strictObject({
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{2,62}$/, 'must be 3–63 lowercase letters, digits or dashes')
      .optional()
      .describe('Chosen id; generated when absent'),
    title: nonBlank(200),
    service: name('IT service the initiative improves'),
    department: name('owning department'),
    owner: name('improvement manager (person); the caller when absent').optional(),
    kpis: z.array(KpiSchema).min(1).max(20),
    policy: PolicySchema,
    opportunityId: OpportunityIdSchema.optional().describe(
      'The opportunity it is promoted from (one initiative per opportunity; needs its department’s manager)',
    ),
  })
  .meta({
    id: 'CreateInitiative',
    // The retailer of the seed, as one would create it.
    example: retailerExample,
  });
export type CreateInitiativeBody = z.infer<typeof CreateInitiativeSchema>;

// Query schemas carry no component id: @nestjs/swagger documents each field as a query parameter
// only when it sees the object itself, not a $ref to it.
export const ListQuerySchema = z.strictObject({
  phase: z.enum(PHASES).optional(),
  service: name('service').optional(),
  owner: name('owner').optional(),
  department: name('department').optional(),
  cycle: intParam(1, 1000).optional(),
  cycleAtLeast: intParam(1, 1000).optional(),
  q: nonBlank(100).optional().describe('text in id, title, service, department or owner'),
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

export const InitiativeSummarySchema = describes<Reached<InitiativeSummary>>()(
  z.object({
    id: z.string(),
    workflowId: z.string(),
    title: z.string(),
    service: z.string(),
    department: z.string(),
    owner: z.string(),
    phase: z.string(),
    phaseSince: z.string().nullable(),
    cycle: z.number(),
    maxCycles: z.number(),
    lastVerdict: z.enum(['met', 'not-met', 'inconclusive']).nullable(),
    waitingOn: z.array(ReachedWaitSchema),
    nextDueAt: z.string().nullable(),
    closedOutcome: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  }),
).meta({ id: 'InitiativeSummary' });

export const InitiativePageSchema = z
  .object({ items: z.array(InitiativeSummarySchema), nextCursor: z.string().nullable() })
  .meta({ id: 'InitiativePage' });

/** A baseline or target that is not a number (NaN) travels in JSON as null. */
type EvaluationRecordAsJson = Omit<EvaluationRecord, 'baseline' | 'target'> & {
  baseline: number | null;
  target: number | null;
};

const EvaluationRecordSchema = describes<EvaluationRecordAsJson>()(
  z.object({
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
  }),
).meta({ id: 'EvaluationRecord' });

export const EvaluationListSchema = z
  .object({ items: z.array(EvaluationRecordSchema) })
  .meta({ id: 'EvaluationList' });

type RegisterHistory = Omit<InitiativeDetail, keyof InitiativeSummary | 'kpis' | 'policy' | 'evaluations'> & {
  evaluations: EvaluationRecordAsJson[];
  collection: CollectionStatus[];
};

const RegisterHistorySchema = describes<RegisterHistory>()(
  z.object({
    baselines: z.array(BaselineSchema),
    collection: z
      .array(
        z.object({
          kpi: z.string(),
          dataSource: z.string(),
          windowFrom: z.string(),
          windowTo: z.string(),
          open: z.boolean(),
          collectedUntil: z.string().describe('samples before this instant are collected'),
          lastPullAt: z.string().nullable(),
          lastError: z.string().nullable(),
          failingSince: z.string().nullable().describe('the source has failed since then'),
        }),
      )
      .describe("each pulled KPI's collection of its latest window"),
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
        tasks: z.array(TaskStateSchema),
        trainees: z.array(TraineeStateSchema),
        decisions: z.array(
          z.object({
            role: z.string(),
            decision: z.enum(['approved', 'rejected']),
            decidedBy: z.string(),
            onBehalfOf: z
              .string()
              .nullable()
              .meta({ description: 'set when a delegate decided: whom they stood in for' }),
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
    opportunityId: z.string().nullable().describe('the opportunity it was promoted from'),
    closure: z
      .object({
        code: z.enum(CLOSURE_CODES),
        set: z.boolean().describe('false while the code is the one its outcome gives'),
        reason: z.string().nullable(),
        by: z.string().nullable(),
        achievedBenefit: z.string().nullable(),
      })
      .nullable()
      .describe('how it ended (closed initiatives only)'),
  }),
);

const PermittedActionsSchema = describes<PermittedActions>()(
  z.object({
    submitPlan: z.boolean(),
    decide: z.object({ planVersion: z.number(), roles: z.array(z.string()) }).nullable(),
    completeTasks: z.array(z.string()),
    completeTrainings: z.array(z.string()),
    pause: z.boolean(),
    resume: z.boolean(),
    cancel: z.boolean(),
    extendCycleLimit: z.boolean(),
    pushMeasurements: z.boolean(),
    setClosure: z.boolean(),
  }),
).meta({ id: 'PermittedActions' });

export const InitiativeResponseSchema = z
  .object({
    state: ReachedStateSchema.describe('live state from the workflow, each wait with whom it reaches'),
    may: PermittedActionsSchema.describe('what the caller may do now (the initiative still decides)'),
    register: InitiativeSummarySchema.extend(RegisterHistorySchema.shape).describe(
      'history from the register',
    ),
  })
  .meta({ id: 'Initiative' });

const AuditRecordSchema = describes<AuditRecord>()(
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
);

export const AuditPageSchema = z
  .object({ items: z.array(AuditRecordSchema), nextAfterId: z.string().nullable() })
  .meta({ id: 'AuditPage' });

export const SeriesQuerySchema = z.strictObject({
  from: isoInstant.optional().describe('start of the series (default: when the initiative was created)'),
  to: isoInstant.optional().describe('end of the series, exclusive (default: now)'),
  points: intParam(1, 2000).optional().describe('at most this many buckets (default 500)'),
});

export const KpiNameParamSchema = z.string().regex(/^[a-z][a-z0-9_]{0,62}$/, 'must be a KPI name');

export const KpiSeriesSchema = describes<KpiSeries>()(
  z.object({
    aggregate: z.enum(AGGREGATES),
    from: z.string(),
    to: z.string(),
    bucketMs: z.number().describe('width of each bucket'),
    points: z.array(
      z.object({
        at: z.string().describe('start of the bucket'),
        value: z.number().describe("the KPI's aggregate over the bucket"),
        samples: z.number(),
      }),
    ),
  }),
).meta({ id: 'KpiSeries' });
