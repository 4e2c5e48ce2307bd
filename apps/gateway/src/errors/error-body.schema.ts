import { z } from 'zod';

/** The body of every error the gateway answers. */
export const ErrorBodySchema = z
  .object({
    code: z.string().describe('stable error code, e.g. ROLE_NOT_IN_POLICY, INVALID_INPUT'),
    message: z.string(),
    details: z.array(z.object({ field: z.string().optional(), message: z.string() })),
    requestId: z.string().describe('also in the X-Request-Id header and the logs'),
  })
  .meta({
    id: 'Error',
    example: {
      code: 'INVALID_INPUT',
      message: 'samples[3].value: Invalid input: expected number, received string',
      details: [{ field: 'samples[3].value', message: 'Invalid input: expected number, received string' }],
      requestId: '5f0c1c8e-1b2a-4d55-9a7e-0b8b5f3c9d21',
    },
  });
