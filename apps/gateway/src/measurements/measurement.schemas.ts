import { z } from 'zod';
import { MAX_BATCH_SAMPLES } from '@cio/persistence';
import { isoInstant, nonBlank } from '../schemas/fields';

export const SamplesSchema = z
  .strictObject({
    samples: z
      .array(
        z.strictObject({
          kpi: nonBlank(100),
          value: z.number().describe('a finite number (NaN and Infinity are refused)'),
          observedAt: isoInstant,
          clientKey: z
            .string()
            .min(1)
            .max(200)
            .optional()
            .describe('your id for the sample: re-sent, it counts once'),
          source: z.string().min(1).max(100).optional(),
        }),
      )
      .min(1)
      .max(MAX_BATCH_SAMPLES),
  })
  .meta({
    id: 'MeasurementBatch',
    example: {
      samples: [
        {
          kpi: 'response_minutes',
          value: 11.5,
          observedAt: '2026-11-24T09:00:00Z',
          clientKey: 'ticket-4711',
        },
      ],
    },
  });

export const IngestResultSchema = z
  .object({ received: z.number(), accepted: z.number(), duplicates: z.number() })
  .meta({ id: 'IngestResult' });

export const FeedbackSchema = z
  .strictObject({
    score: z.number().min(-1e9).max(1e9).optional(),
    comment: nonBlank(4_000).optional(),
    clientKey: z.string().min(1).max(200).optional(),
  })
  .meta({
    id: 'Feedback',
    example: { score: 4, comment: 'answers come much faster now', clientKey: 'survey-17' },
  });

export const FeedbackResultSchema = z.object({ stored: z.boolean() }).meta({ id: 'FeedbackResult' });
