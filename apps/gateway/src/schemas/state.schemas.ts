import { z } from 'zod';
import {
  type Baseline,
  CLOSED_OUTCOMES,
  type Decision,
  type Evaluation,
  type InitiativeAnswer,
  type KpiEvaluation,
  MEASURE_KINDS,
  type Measure,
  PHASES,
  type PlanState,
  WAIT_KINDS,
  type WaitingOn,
} from '@cio/contracts';
import { KpiSchema, PolicySchema } from './definition.schemas';
import { describes } from './same-type';

/** The live state of an initiative as its workflow answers, each part tied to its type. */

export const WaitingOnSchema = describes<WaitingOn>()(
  z
    .object({
      kind: z.enum(WAIT_KINDS),
      who: z.object({
        role: z.string().optional(),
        department: z.string().optional(),
        person: z.string().optional(),
        dataSource: z.string().optional(),
      }),
      subject: z.string().optional(),
      since: z.string(),
      dueAt: z.string().nullable(),
      remindersSent: z.number(),
      escalatedTo: z.string().nullable(),
    })
    .meta({ id: 'WaitingOn' }),
);

/** A wait as the reads of initiatives answer it: the workflow's, and whom the directory has for it. */
export type ReachedWait = WaitingOn & { reaches: number | null };

export const ReachedWaitSchema = describes<ReachedWait>()(
  WaitingOnSchema.extend({
    reaches: z
      .number()
      .int()
      .min(0)
      .nullable()
      .describe(
        'how many people in the directory it reaches, delegates not counted: the holders of its role ' +
          'or its person (the more of the two), else the members of its department. 0: nobody holds ' +
          'the role, belongs to the department or is the person; null for a wait on no one (a data source)',
      ),
  }).meta({ id: 'ReachedWait' }),
);

export const DecisionSchema = describes<Decision>()(
  z
    .object({
      role: z.string(),
      by: z.string(),
      onBehalfOf: z.string().optional().describe('the approver `by` decided for, as their delegate'),
      decision: z.enum(['approved', 'rejected']),
      reason: z.string().optional(),
      at: z.string(),
      planVersion: z.number(),
    })
    .meta({ id: 'Decision' }),
);

export const MeasureSchema = describes<Measure>()(
  z.object({ title: z.string(), kind: z.enum(MEASURE_KINDS), department: z.string() }),
);

export const BaselineSchema = describes<Baseline>()(
  z
    .object({ kpi: z.string(), value: z.number(), samples: z.number(), from: z.string(), to: z.string() })
    .meta({ id: 'Baseline' }),
);

/** A baseline or target that is not a number (NaN) travels in JSON as null. */
type AsJson<T, K extends keyof T> = Omit<T, K> & { [P in K]: T[P] | null };

const KpiEvaluationSchema = describes<AsJson<KpiEvaluation, 'baseline' | 'target'>>()(
  z.object({
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
  }),
);

export const EvaluationSchema = describes<
  Omit<Evaluation, 'kpis'> & { kpis: z.output<typeof KpiEvaluationSchema>[] }
>()(
  z
    .object({
      cycle: z.number(),
      kind: z.enum(['evaluation', 'follow-up']),
      from: z.string(),
      to: z.string(),
      kpis: z.array(KpiEvaluationSchema),
      met: z.boolean(),
      inconclusive: z.boolean(),
    })
    .meta({ id: 'Evaluation' }),
);

const taskState = z.object({
  id: z.string(),
  title: z.string(),
  department: z.string(),
  dueAt: z.string(),
  doneAt: z.string().nullable(),
  doneBy: z.string().nullable(),
  remindersSent: z.number(),
  escalated: z.boolean(),
});
const traineeState = z.object({
  person: z.string(),
  department: z.string(),
  dueAt: z.string(),
  completedAt: z.string().nullable(),
  remindersSent: z.number(),
  escalated: z.boolean(),
});
export const TaskStateSchema = describes<PlanState['tasks'][number]>()(taskState);
export const TraineeStateSchema = describes<PlanState['trainees'][number]>()(traineeState);

const PlanStateSchema = describes<PlanState>()(
  z
    .object({
      version: z.number(),
      cycle: z.number(),
      submittedBy: z.string(),
      submittedAt: z.string(),
      measures: z.array(MeasureSchema),
      tasks: z.array(TaskStateSchema),
      trainees: z.array(TraineeStateSchema),
      decisions: z.array(DecisionSchema),
      approvedAt: z.string().nullable(),
    })
    .meta({ id: 'PlanState' }),
);

const WindowSchema = z
  .object({ from: z.string(), endsAt: z.string(), extended: z.boolean() })
  .meta({ id: 'MeasurementWindow' })
  .nullable();

type StateAsJson = Omit<InitiativeAnswer, 'findings' | 'evaluations'> & {
  findings: z.output<typeof EvaluationSchema> | null;
  evaluations: z.output<typeof EvaluationSchema>[];
};

export const InitiativeStateSchema = describes<StateAsJson>()(
  z
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
      baseline: z.array(BaselineSchema),
      plan: PlanStateSchema.nullable(),
      lastRejection: DecisionSchema.nullable(),
      findings: EvaluationSchema.nullable(),
      evaluations: z.array(EvaluationSchema),
      assessmentWindow: WindowSchema,
      evaluationWindow: WindowSchema,
      followUps: z.object({ done: z.number(), metInARow: z.number(), nextAt: z.string().nullable() }),
      paused: z
        .object({
          since: z.string(),
          by: z.object({
            user: z.string(),
            role: z.string(),
            department: z.string().optional(),
            onBehalfOf: z.string().optional(),
          }),
          reason: z.string(),
          resumeTo: z.enum(PHASES),
        })
        .nullable(),
      collecting: z
        .object({ dataSources: z.array(z.string()), since: z.string() })
        .nullable()
        .optional(),
      closed: z
        .object({ outcome: z.enum(CLOSED_OUTCOMES), reason: z.string(), by: z.string(), at: z.string() })
        .nullable(),
      waitingOn: z.array(WaitingOnSchema),
      approvalReminders: z.object({
        remindersSent: z.number(),
        escalated: z.boolean(),
        since: z.string().nullable(),
      }),
    })
    .meta({ id: 'InitiativeState' }),
);

/** The live state as GET /initiatives/{id} answers it: each wait with whom it reaches. */
export const ReachedStateSchema = describes<Omit<StateAsJson, 'waitingOn'> & { waitingOn: ReachedWait[] }>()(
  InitiativeStateSchema.extend({ waitingOn: z.array(ReachedWaitSchema) }).meta({ id: 'InitiativeLiveState' }),
);
