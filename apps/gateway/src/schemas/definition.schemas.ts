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
    })
    .meta({ id: 'Policy' }),
);
