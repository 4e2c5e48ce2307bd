import { z } from 'zod';
import { CLOSURE_CODES, DIRECTIONS, PHASES } from '@cio/contracts';
import type { Portfolio, ServiceFeedback } from '@cio/persistence';
import { intParam, name } from '../schemas/fields';
import { describes } from '../schemas/same-type';
import { WaitingOnSchema } from '../schemas/state.schemas';

const VerdictSchema = z.enum(['met', 'not-met', 'inconclusive']);

export const PortfolioSchema = describes<Portfolio>()(
  z
    .object({
      phases: z.array(
        z.object({ phase: z.string().describe(`one of ${PHASES.join(', ')}`), count: z.number().int() }),
      ),
      overdue: z.array(
        z.object({
          initiativeId: z.string(),
          title: z.string(),
          service: z.string(),
          department: z.string(),
          wait: WaitingOnSchema,
        }),
      ),
      cycles: z.array(z.object({ verdict: VerdictSchema, count: z.number().int() })),
      improvements: z.array(
        z.object({
          initiativeId: z.string(),
          title: z.string(),
          service: z.string(),
          department: z.string(),
          kpi: z.string(),
          direction: z.enum(DIRECTIONS),
          baseline: z.number(),
          observed: z.number().nullable(),
          changePercent: z.number().nullable(),
          improvementPercent: z.number().nullable().describe('the change, signed so that better is positive'),
          verdict: VerdictSchema,
          recordedAt: z.string(),
        }),
      ),
      benefits: z.array(
        z.object({
          month: z.string().describe('YYYY-MM the initiative first met its targets'),
          service: z.string(),
          department: z.string(),
          objective: z.string().nullable(),
          category: z.string().nullable(),
          initiatives: z.number().int(),
        }),
      ),
      closureCodes: z.array(z.object({ code: z.enum(CLOSURE_CODES), count: z.number().int() })),
    })
    .meta({ id: 'Portfolio' }),
);

export const FeedbackSchema = describes<ServiceFeedback>()(
  z
    .object({
      service: z.string(),
      trend: z.array(z.object({ week: z.string(), mean: z.number(), count: z.number().int() })),
      latest: z.array(
        z.object({
          id: z.string(),
          initiativeId: z.string(),
          initiativeTitle: z.string(),
          score: z.number().nullable(),
          comment: z.string().nullable(),
          submittedBy: z.string(),
          submittedAt: z.string(),
        }),
      ),
    })
    .meta({ id: 'ServiceFeedback' }),
);

export const PortfolioQuerySchema = z.strictObject({
  service: name('service').optional(),
  department: name('department').optional(),
});
export const FeedbackQuerySchema = z.strictObject({
  weeks: intParam(1, 260).optional().describe('How many weeks of trend (default 26)'),
  latest: intParam(1, 200).optional().describe('How many of the latest comments (default 20)'),
});
export const ServiceParamSchema = z
  .string()
  .regex(/^[\p{L}\p{N}][\p{L}\p{N} _.-]{0,99}$/u, 'must be a service name');
