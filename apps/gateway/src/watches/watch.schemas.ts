import { z } from 'zod';
import type { ServiceWatchDefinition, WatchEvidence, WatchRule, WatchedKpi } from '@cio/contracts';
import { MAX_BATCH_SAMPLES, type WatchCheck, type WatchSummary } from '@cio/persistence';
import { KpiSchema } from '../schemas/definition.schemas';
import { durationMs, intParam, isoInstant, name, nonBlank } from '../schemas/fields';
import { describes } from '../schemas/same-type';

/**
 * Request and response schemas of the service watches API. A watch's id is short enough for the
 * ids of the opportunities it raises (`o-watch-<id>-<n>`) to be ids too.
 */

const WATCH_ID = /^[a-z0-9][a-z0-9-]{2,39}$/;
const watchId = z.string().regex(WATCH_ID, 'must be 3–40 lowercase letters, digits or dashes');

export const WatchIdParamSchema = watchId;

// A watched KPI is pulled from a data source, or pushed: the feedback is an initiative's own.
const [thresholdSource, ratioSource] = KpiSchema.shape.source.unwrap().options;

export const WatchedKpiSchema = describes<WatchedKpi>()(
  z
    .strictObject({
      name: KpiSchema.shape.name,
      unit: KpiSchema.shape.unit,
      direction: KpiSchema.shape.direction,
      aggregate: KpiSchema.shape.aggregate,
      source: z
        .discriminatedUnion('kind', [thresholdSource, ratioSource])
        .optional()
        .describe('the data source it is pulled from; absent, samples are pushed to the watch'),
    })
    .meta({ id: 'WatchedKpi' }),
);

export const WatchRuleSchema = describes<WatchRule>()(
  z
    .discriminatedUnion('kind', [
      z.strictObject({
        kind: z.literal('threshold'),
        value: z.number().describe('the recent aggregate worse than this is a breach'),
      }),
      z.strictObject({
        kind: z.literal('degradation'),
        alpha: z.number().gt(0).max(0.5).describe('significance level of the test'),
        minChangePercent: z.number().min(0).max(1_000).describe('worse by at least this, in percent'),
      }),
    ])
    .meta({ id: 'WatchRule' }),
);

export const CreateWatchSchema = z
  .strictObject({
    id: watchId.optional().describe('Chosen id; generated when absent'),
    title: nonBlank(200),
    service: name('IT service watched'),
    department: name('department that owns the service (and triages what the watch raises)'),
    kpi: WatchedKpiSchema,
    rule: WatchRuleSchema,
    recentPeriodMs: durationMs('the recent period each check assesses, ending at the check'),
    baselinePeriodMs: durationMs(
      'the trailing baseline before the recent period (degradation rules)',
    ).optional(),
    minSamples: z.number().int().min(2).max(1_000_000).describe('fewer samples in a period: inconclusive'),
    consecutiveChecks: z
      .number()
      .int()
      .min(1)
      .max(100)
      .describe('breaches in a row that raise an opportunity'),
    checkIntervalMs: durationMs('how often the schedule checks'),
  })
  .superRefine((body, context) => {
    if (body.rule.kind === 'degradation' && body.baselinePeriodMs === undefined) {
      context.addIssue({
        code: 'custom',
        path: ['baselinePeriodMs'],
        message: 'a degradation rule compares against a baseline period',
      });
    }
  })
  .meta({
    id: 'CreateWatch',
    example: {
      id: 'helpdesk-response',
      title: 'Help desk response time',
      service: 'customer-support',
      department: 'customer-service',
      kpi: { name: 'response_minutes', unit: 'min', direction: 'lower-is-better', aggregate: 'median' },
      rule: { kind: 'degradation', alpha: 0.05, minChangePercent: 10 },
      recentPeriodMs: 86_400_000,
      baselinePeriodMs: 28 * 86_400_000,
      minSamples: 20,
      consecutiveChecks: 3,
      checkIntervalMs: 3_600_000,
    },
  });
export type CreateWatchBody = z.infer<typeof CreateWatchSchema>;

export const ListWatchesQuerySchema = z.strictObject({
  service: name('service').optional(),
  department: name('department').optional(),
  afterId: watchId.optional().describe('nextAfterId of the previous page'),
  limit: intParam(1, 500).optional(),
});

export const ChecksQuerySchema = z.strictObject({
  before: isoInstant.optional().describe('nextBefore of the previous page'),
  limit: intParam(1, 5_000).optional(),
});

export const WatchSamplesSchema = z
  .strictObject({
    samples: z
      .array(
        z.strictObject({
          value: z.number().describe('a finite number (NaN and Infinity are refused)'),
          observedAt: isoInstant,
          clientKey: z
            .string()
            .min(1)
            .max(200)
            .optional()
            .describe('your id for the sample: re-sent, it counts once'),
        }),
      )
      .min(1)
      .max(MAX_BATCH_SAMPLES),
  })
  .meta({
    id: 'WatchSampleBatch',
    example: { samples: [{ value: 11.5, observedAt: '2026-11-24T09:00:00Z', clientKey: 'ticket-4711' }] },
  });

export const ScheduleNoteSchema = z
  .strictObject({
    note: nonBlank(500).optional().describe('why, shown with the schedule in the Temporal UI'),
  })
  .meta({ id: 'ScheduleNote' });

// --- responses ----------------------------------------------------------------------------------

const PeriodFiguresSchema = z.object({
  from: z.string(),
  to: z.string(),
  value: z.number().nullable(),
  samples: z.number(),
});

export const WatchEvidenceSchema = describes<WatchEvidence>()(
  z
    .object({
      outcome: z.enum(['breach', 'within', 'inconclusive']),
      recent: PeriodFiguresSchema,
      baseline: PeriodFiguresSchema.optional(),
      threshold: z.number().optional(),
      changePercent: z.number().optional(),
      test: z.enum(['welch', 'mann-whitney']).optional(),
      pValue: z.number().optional(),
      reason: z.string(),
    })
    .meta({ id: 'WatchEvidence' }),
);

const WatchDefinitionSchema = describes<ServiceWatchDefinition>()(
  z.object({
    id: z.string(),
    title: z.string(),
    service: z.string(),
    department: z.string(),
    kpi: WatchedKpiSchema,
    rule: WatchRuleSchema,
    recentPeriodMs: z.number(),
    baselinePeriodMs: z.number(),
    minSamples: z.number(),
    consecutiveChecks: z.number(),
    checkIntervalMs: z.number(),
  }),
);

export const WatchSummarySchema = describes<WatchSummary>()(
  z
    .object({
      id: z.string(),
      title: z.string(),
      service: z.string(),
      department: z.string(),
      definition: WatchDefinitionSchema,
      createdBy: z.string(),
      createdAt: z.string(),
      consecutiveBreaches: z.number(),
      lastCheckedAt: z.string().nullable(),
      lastOutcome: z.enum(['breach', 'within', 'inconclusive']).nullable(),
      lastEvidence: WatchEvidenceSchema.nullable(),
      openOpportunityId: z.string().nullable(),
    })
    .meta({ id: 'WatchSummary' }),
);

export const WatchCheckSchema = describes<WatchCheck>()(
  z
    .object({
      checkedAt: z.string(),
      outcome: z.enum(['breach', 'within', 'inconclusive']),
      evidence: WatchEvidenceSchema,
      consecutive: z.number(),
      act: z.enum(['raise', 'support', 'recovered', 'none']),
      opportunityId: z.string().nullable(),
    })
    .meta({ id: 'WatchCheck' }),
);

/** The watch's Temporal Schedule as ops see it; null when it is missing. */
export interface WatchSchedule {
  scheduleId: string;
  paused: boolean;
  note: string | null;
  nextRunTimes: string[];
  recentRuns: { scheduledAt: string; takenAt: string; workflowId: string }[];
}

export const WatchScheduleSchema = describes<WatchSchedule>()(
  z
    .object({
      scheduleId: z.string(),
      paused: z.boolean(),
      note: z.string().nullable(),
      nextRunTimes: z.array(z.string()),
      recentRuns: z.array(z.object({ scheduledAt: z.string(), takenAt: z.string(), workflowId: z.string() })),
    })
    .meta({ id: 'WatchSchedule' }),
);

export const WatchDetailSchema = z
  .object({
    watch: WatchSummarySchema,
    schedule: WatchScheduleSchema.nullable(),
    lastChecks: z.array(WatchCheckSchema).describe('the latest checks, newest first'),
    may: z
      .object({ manage: z.boolean().describe('pause and resume it'), pushSamples: z.boolean() })
      .describe('what you may do with it (the gateway still decides)'),
  })
  .meta({ id: 'WatchDetail' });

export const WatchPageSchema = z
  .object({
    items: z.array(WatchSummarySchema),
    nextAfterId: z.string().nullable(),
    mayCreate: z.boolean().describe('whether you may create watches (in your departments)'),
  })
  .meta({ id: 'WatchPage' });

export const WatchCheckPageSchema = z
  .object({ items: z.array(WatchCheckSchema), nextBefore: z.string().nullable() })
  .meta({ id: 'WatchCheckPage' });
