import { z } from 'zod';
import { AGGREGATES, DIRECTIONS, type InitiativePolicy, type KpiDefinition } from '@cio/contracts';
import { durationMs, name, nonBlank } from './fields';
import { describes } from './same-type';

/** What an initiative is made of: asked for at creation, answered in its state. */
export const KpiSchema = describes<KpiDefinition>()(
  z
    .strictObject({
      name: z
        .string()
        .regex(/^[a-z][a-z0-9_]{0,62}$/, 'must be snake_case: a letter, then letters, digits or _')
        .describe('KPI key, used by measurements'),
      unit: nonBlank(40),
      direction: z.enum(DIRECTIONS),
      aggregate: z.enum(AGGREGATES),
      target: z.discriminatedUnion('kind', [
        z.strictObject({ kind: z.literal('absolute'), value: z.number() }),
        z.strictObject({ kind: z.literal('relative'), improvementPercent: z.number().gt(0).max(100) }),
      ]),
      source: z
        .discriminatedUnion('kind', [
          z.strictObject({
            kind: z.literal('threshold'),
            dataSource: name('a configured data source (GET /data-sources)'),
            query: nonBlank(4_000).describe(
              "PromQL (or the http-json source's query) whose value is the sample",
            ),
          }),
          z.strictObject({
            kind: z.literal('ratio'),
            dataSource: name('a configured data source of kind prometheus'),
            good: nonBlank(4_000).describe('counter of good events, e.g. logins_total{result="ok"}'),
            total: nonBlank(4_000).describe('counter of all events, e.g. logins_total'),
          }),
          z.strictObject({
            kind: z.literal('feedback'),
            scale: z
              .strictObject({ min: z.number().min(-1e6).max(1e6), max: z.number().min(-1e6).max(1e6) })
              .refine((s) => s.min < s.max, { message: 'min must be below max', path: ['max'] })
              .optional()
              .describe('the scores a person may give (default 0 to 10); others are refused'),
          }),
        ])
        .optional()
        .describe('where the samples come from when nobody pushes them'),
    })
    .meta({ id: 'Kpi' }),
);

export const PolicySchema = describes<InitiativePolicy>()(
  z
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
      collectionPatienceMs: durationMs(
        "how long a window's end waits (retrying) for its pulled KPIs' data sources; default an hour",
      ).optional(),
    })
    .meta({ id: 'Policy' }),
);
