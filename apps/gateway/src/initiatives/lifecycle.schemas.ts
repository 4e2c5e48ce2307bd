import { z } from 'zod';
import { nonBlank } from './initiative.schemas';

const reason = nonBlank(2_000, 'a reason is required');

export const PauseSchema = z
  .strictObject({ reason })
  .meta({ id: 'Pause', example: { reason: 'peak season freeze' } });
export const ResumeSchema = z.strictObject({}).optional().meta({ id: 'Resume' });
export const CancelSchema = z
  .strictObject({ reason })
  .meta({ id: 'Cancel', example: { reason: 'superseded by the contact-centre programme' } });
export const ExtendCycleLimitSchema = z
  .strictObject({ additionalCycles: z.number().int().min(1).max(20), reason: reason.optional() })
  .meta({ id: 'ExtendCycleLimit', example: { additionalCycles: 1, reason: 'close to target' } });
