import { z } from 'zod';
import {
  AGGREGATES,
  BENEFIT_CATEGORIES,
  BENEFIT_LEVELS,
  CLOSURE_CODES,
  DIRECTIONS,
  EFFORT_SIZES,
  OPPORTUNITY_ACTIONS,
  OPPORTUNITY_ORIGINS,
  OPPORTUNITY_STATUSES,
  RISK_LEVELS,
  TRIAGE_DECISIONS,
} from '@cio/contracts';
import type {
  OpportunityDetail,
  OpportunityEvent,
  OpportunityResult,
  OpportunitySummary,
} from '@cio/persistence';
import { intParam, name, nonBlank } from '../schemas/fields';
import { describes } from '../schemas/same-type';

/** Opportunity ids: `o-` and the rest of an id's characters. */
export const OpportunityIdSchema = z
  .string()
  .regex(/^o-[a-z0-9-]{1,80}$/, 'must be an opportunity id (o- then lowercase letters, digits, dashes)');

const objective = z
  .string()
  .trim()
  .regex(
    /^[\p{L}\p{N}][\p{L}\p{N} _.-]{0,79}$/u,
    'must be 1–80 letters, digits, spaces, dots, dashes or underscores',
  );

export const RaiseOpportunitySchema = z
  .strictObject({
    title: nonBlank(200),
    description: nonBlank(5000),
    service: name('IT service it would improve'),
    department: name('department that would own it'),
    origin: z.enum(OPPORTUNITY_ORIGINS).describe('Where it came from'),
    reference: nonBlank(500).optional().describe('An incident number, a URL, a feedback id'),
    benefit: z.strictObject({
      category: z.enum(BENEFIT_CATEGORIES),
      level: z.enum(BENEFIT_LEVELS),
      description: nonBlank(2000),
    }),
    effort: z.enum(EFFORT_SIZES),
    risk: z.enum(RISK_LEVELS),
    objectives: z
      .array(objective)
      .max(10)
      .refine((list) => new Set(list).size === list.length, 'must not name an objective twice')
      .default([]),
  })
  .meta({
    id: 'RaiseOpportunity',
    example: {
      title: 'Customers wait too long for a first answer in the chat',
      description: 'Complaints about chat waiting times doubled since the new shop opened.',
      service: 'customer-support',
      department: 'customer-service',
      origin: 'customer-feedback',
      reference: 'feedback 4711',
      benefit: { category: 'customer-satisfaction', level: 'high', description: 'Fewer abandoned chats' },
      effort: 'M',
      risk: 'low',
      objectives: ['customer-first'],
    },
  });
export type RaiseOpportunityBody = z.infer<typeof RaiseOpportunitySchema>;

export const SupportSchema = z
  .strictObject({ comment: nonBlank(2000).optional() })
  .meta({ id: 'SupportOpportunity' });
export const CommentSchema = z.strictObject({ body: nonBlank(5000) }).meta({ id: 'CommentOnOpportunity' });

export const TriageSchema = z
  .strictObject({
    decision: z.enum(TRIAGE_DECISIONS),
    reason: nonBlank(2000).optional().describe('Why (required to decline)'),
    duplicateOf: OpportunityIdSchema.optional().describe('The original (required for a duplicate)'),
  })
  .superRefine((body, ctx) => {
    if (body.decision === 'decline' && !body.reason)
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'a decline needs a reason' });
    if (body.decision === 'duplicate' && !body.duplicateOf)
      ctx.addIssue({
        code: 'custom',
        path: ['duplicateOf'],
        message: 'a duplicate names the opportunity it duplicates',
      });
    if (body.decision !== 'duplicate' && body.duplicateOf)
      ctx.addIssue({
        code: 'custom',
        path: ['duplicateOf'],
        message: 'only a duplicate names another opportunity',
      });
  })
  .meta({ id: 'TriageOpportunity' });

export const ClosureSchema = z
  .strictObject({
    code: z.enum(CLOSURE_CODES),
    reason: nonBlank(2000),
    achievedBenefit: z.enum(BENEFIT_CATEGORIES).nullable().optional(),
  })
  .meta({ id: 'SetClosure' });

export const OpportunityListQuerySchema = z.strictObject({
  status: z.enum([...OPPORTUNITY_STATUSES, 'open', 'all']).optional(),
  service: name('service').optional(),
  department: name('department').optional(),
  origin: z.enum(OPPORTUNITY_ORIGINS).optional(),
  benefitCategory: z.enum(BENEFIT_CATEGORIES).optional(),
  benefitLevel: z
    .enum(BENEFIT_LEVELS)
    .optional()
    .describe('with effort: a cell of the value-versus-effort matrix'),
  effort: z.enum(EFFORT_SIZES).optional(),
  risk: z.enum(RISK_LEVELS).optional(),
  objective: objective.optional(),
  raisedBy: name('person').optional(),
  q: nonBlank(200).optional().describe('Text in the id, title or description'),
  sort: z.enum(['score', 'newest']).optional(),
  limit: intParam(1, 200).optional(),
  cursor: z.string().max(500).optional(),
});

export const MatrixQuerySchema = OpportunityListQuerySchema.omit({
  benefitLevel: true,
  effort: true,
  sort: true,
  limit: true,
  cursor: true,
});

export const MatrixSchema = z
  .object({
    cells: z.array(
      z.object({
        benefitLevel: z.enum(BENEFIT_LEVELS),
        effort: z.enum(EFFORT_SIZES),
        count: z.number().int(),
      }),
    ),
  })
  .meta({ id: 'OpportunityMatrix' });

export const SimilarQuerySchema = z.strictObject({
  service: name('service'),
  title: nonBlank(200),
});

const ScorePartSchema = z.object({
  factor: z.enum(['benefit', 'effort', 'risk', 'support', 'objectives']),
  input: z.string(),
  weight: z.number(),
  points: z.number(),
});

const summaryShape = {
  id: z.string(),
  title: z.string(),
  description: z.string(),
  service: z.string(),
  department: z.string(),
  origin: z.enum(OPPORTUNITY_ORIGINS),
  reference: z.string().optional(),
  benefit: z.object({
    category: z.enum(BENEFIT_CATEGORIES),
    level: z.enum(BENEFIT_LEVELS),
    description: z.string(),
  }),
  effort: z.enum(EFFORT_SIZES),
  risk: z.enum(RISK_LEVELS),
  objectives: z.array(z.string()),
  status: z.enum(OPPORTUNITY_STATUSES),
  raisedBy: z.string(),
  supporters: z.number().int(),
  comments: z.number().int(),
  score: z.object({ total: z.number(), parts: z.array(ScorePartSchema) }),
  duplicateOf: z.string().nullable(),
  initiativeId: z.string().nullable(),
  watchId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
};

export const OpportunitySummarySchema = describes<OpportunitySummary>()(
  z.object(summaryShape).meta({ id: 'OpportunitySummary' }),
);

export const OpportunityPageSchema = z
  .object({ items: z.array(OpportunitySummarySchema), nextCursor: z.string().nullable() })
  .meta({ id: 'OpportunityPage' });

const ResultSchema = describes<OpportunityResult>()(
  z.object({
    initiativeId: z.string(),
    visible: z
      .boolean()
      .describe('whether you may see the initiative: else its title, cycle, verdict and reason are null'),
    title: z.string().nullable(),
    phase: z.string(),
    cycle: z.number().int().nullable(),
    lastVerdict: z.string().nullable(),
    closedOutcome: z.string().nullable(),
    closureCode: z.enum(CLOSURE_CODES).nullable(),
    closureReason: z.string().nullable(),
    achievedBenefit: z.string().nullable(),
  }),
);

const EventSchema = describes<OpportunityEvent>()(
  z.object({
    id: z.string(),
    actor: z.string(),
    role: z.string().nullable(),
    action: z.enum(OPPORTUNITY_ACTIONS),
    details: z.record(z.string(), z.unknown()),
    requestId: z.string().nullable(),
    occurredAt: z.string(),
  }),
);

const DetailSchema = describes<OpportunityDetail>()(
  z.object({
    ...summaryShape,
    triage: z.object({ by: z.string(), at: z.string(), reason: z.string().nullable() }).nullable(),
    supportedBy: z.array(
      z.object({ person: z.string(), comment: z.string().nullable(), supportedAt: z.string() }),
    ),
    commentList: z.array(
      z.object({ id: z.string(), author: z.string(), body: z.string(), createdAt: z.string() }),
    ),
    events: z.array(EventSchema),
    result: ResultSchema.nullable(),
  }),
);

export const OpportunityMaySchema = z.object({
  support: z.boolean(),
  withdrawSupport: z.boolean(),
  comment: z.boolean(),
  triage: z.boolean(),
  promote: z.boolean(),
});

export const SimilarSchema = z.object({
  id: z.string(),
  title: z.string(),
  status: z.enum(OPPORTUNITY_STATUSES),
  supporters: z.number().int(),
  similarity: z.number(),
});

export const OpportunityResponseSchema = DetailSchema.extend({
  may: OpportunityMaySchema,
  similar: z.array(SimilarSchema).describe('Open opportunities of the same service whose titles look alike'),
}).meta({ id: 'Opportunity' });

export const SimilarListSchema = z
  .object({ items: z.array(SimilarSchema) })
  .meta({ id: 'SimilarOpportunities' });

const KpiHintSchema = z.object({
  name: z.string(),
  unit: z.string(),
  direction: z.enum(DIRECTIONS),
  aggregate: z.enum(AGGREGATES),
  source: z.record(z.string(), z.unknown()).optional(),
  why: z.string(),
});

export const InitiativeDraftSchema = z
  .object({
    opportunityId: z.string(),
    title: z.string(),
    service: z.string(),
    department: z.string(),
    description: z.string(),
    kpiHints: z.array(KpiHintSchema),
  })
  .meta({ id: 'InitiativeDraft' });
