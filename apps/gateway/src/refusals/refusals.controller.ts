import { Controller, Get, HttpStatus, Inject, Query } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { InitiativeErrorCode, REFUSABLE_ACTIONS } from '@cio/contracts';
import { type RefusedRequestRecord, refusedRequests } from '@cio/persistence';
import { isAdmin } from '../auth/principal';
import { ApiErrors } from '../commands/api-decorators';
import type { RequestContext } from '../commands/request-context';
import { Context } from '../commands/request-context.decorator';
import { GatewayError } from '../errors/gateway-error';
import { RegisterDatabase } from '../infrastructure/register-database';
import { describes } from '../schemas/same-type';

const RefusalsQuerySchema = z.strictObject({
  afterId: z
    .string()
    .regex(/^\d{1,18}$/, 'must be a refusal id')
    .optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
});

const RefusalSchema = describes<RefusedRequestRecord>()(
  z.object({
    id: z.string(),
    actor: z.string(),
    roles: z.array(z.string()),
    departments: z.array(z.string()),
    action: z.enum(REFUSABLE_ACTIONS),
    code: z.string(),
    message: z.string(),
    subject: z.string().nullable(),
    details: z.record(z.string(), z.unknown()),
    requestId: z.string().nullable(),
    occurredAt: z.string(),
  }),
);

const RefusalPageSchema = z
  .object({ items: z.array(RefusalSchema), nextAfterId: z.string().nullable() })
  .meta({ id: 'RefusalPage' });

/**
 * Requests refused with no initiative to record them on (creating one without the rights): for
 * admins, oldest first. Refusals on an initiative are in its audit trail.
 */
@ApiTags('refusals')
@Controller('refusals')
export class RefusalsController {
  constructor(@Inject(RegisterDatabase) private readonly database: RegisterDatabase) {}

  @Get()
  @ApiOperation({ summary: 'Refused requests that concern no existing initiative (admin)' })
  @ApiResponse({
    status: HttpStatus.OK,
    description: 'A page of refusals.',
    standardSchema: RefusalPageSchema,
  })
  @ApiErrors(400, 403)
  async list(
    @Context() context: RequestContext,
    @Query({ schema: RefusalsQuerySchema }) query: z.infer<typeof RefusalsQuerySchema>,
  ) {
    if (!isAdmin(context.principal)) {
      throw GatewayError.forbidden(
        InitiativeErrorCode.ROLE_NOT_ALLOWED,
        'reading refusals needs the role admin',
      );
    }
    const limit = query.limit ?? 200;
    const items = await refusedRequests(await this.database.ready(), {
      ...(query.afterId ? { afterId: query.afterId } : {}),
      limit,
    });
    return { items, nextAfterId: items.length === limit ? (items.at(-1)?.id ?? null) : null };
  }
}
