import { z } from 'zod';
import { MEASURE_KINDS } from '@cio/contracts';
import { isoInstant, nonBlank } from '../schemas/fields';

const name = nonBlank(100);

export const SubmitPlanSchema = z
  .strictObject({
    measures: z
      .array(
        z.strictObject({
          title: nonBlank(200),
          kind: z.enum(MEASURE_KINDS),
          department: name,
        }),
      )
      .min(1)
      .max(50),
    tasks: z
      .array(
        z.strictObject({
          id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be lowercase letters, digits or dashes'),
          title: nonBlank(200),
          department: name,
          dueAt: isoInstant,
        }),
      )
      .max(100)
      .default([]),
    trainees: z
      .array(z.strictObject({ person: name, department: name, dueAt: isoInstant }))
      .max(500)
      .default([]),
  })
  .meta({
    id: 'SubmitPlan',
    example: {
      measures: [
        { title: 'automated customer service system', kind: 'tool', department: 'it' },
        { title: 'agent training', kind: 'training', department: 'customer-service' },
      ],
      tasks: [
        {
          id: 'automation-live',
          title: 'automated system is live',
          department: 'it',
          dueAt: '2026-12-15T17:00:00Z',
        },
      ],
      trainees: [{ person: 'alice', department: 'customer-service', dueAt: '2026-12-15T17:00:00Z' }],
    },
  });

export const PlanVersionParamSchema = z.coerce.number().int().min(1).max(10_000);

const role = name.optional().describe('the role you decide as, when you hold several approving roles');

export const ApproveSchema = z
  .strictObject({ role, comment: nonBlank(2_000).optional() })
  .meta({ id: 'Approve', example: { comment: 'rollback plan attached' } });

export const RejectSchema = z
  .strictObject({ role, reason: nonBlank(2_000, 'a reason is required') })
  .meta({ id: 'Reject', example: { reason: 'no rollback plan' } });
