import { z } from 'zod';

export const TaskIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be a task id');
export const PersonSchema = z.string().trim().min(1).max(100);
/** Confirmations carry no body fields (an empty object, or no body). */
export const EmptySchema = z.strictObject({}).optional().meta({ id: 'Confirmation' });
