import { z } from 'zod';
import { MAX_ADDITIONAL_CYCLES } from '@cio/contracts';
import { nonBlank } from '../schemas/fields';

const reason = nonBlank(2_000, 'a reason is required');

export const PauseSchema = z
  .strictObject({ reason })
  .meta({ id: 'Pause', example: { reason: 'peak season freeze' } });
export const ResumeSchema = z.strictObject({}).optional().meta({ id: 'Resume' });
export const CancelSchema = z
  .strictObject({ reason })
  .meta({ id: 'Cancel', example: { reason: 'superseded by the contact-centre programme' } });
export const ExtendCycleLimitSchema = z
  .strictObject({
    additionalCycles: z.number().int().min(1).max(MAX_ADDITIONAL_CYCLES),
    reason: reason.optional(),
  })
  .meta({ id: 'ExtendCycleLimit', example: { additionalCycles: 1, reason: 'close to target' } });
