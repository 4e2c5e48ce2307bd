import { z } from 'zod';
import { nonBlank } from '../schemas/fields';

export const TaskIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be a task id');
export const PersonSchema = nonBlank(100);
/** Confirmations carry no body fields (an empty object, or no body). */
export const EmptySchema = z.strictObject({}).optional().meta({ id: 'Confirmation' });
