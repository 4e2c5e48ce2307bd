import { Controller, Get, HttpCode, HttpStatus, Res } from '@nestjs/common';
import { Public } from '../auth/public.decorator';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { LivenessSchema, ReadinessSchema } from './health.schemas';
import { HealthService, type Readiness } from './health.service';

@Public()
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  /** The process is up and serving HTTP. */
  @Get('live')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ description: 'The gateway process is alive.', standardSchema: LivenessSchema })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** The gateway can reach both PostgreSQL and Temporal. */
  @Get('ready')
  @ApiOkResponse({ description: 'PostgreSQL and Temporal are reachable.', standardSchema: ReadinessSchema })
  @ApiServiceUnavailableResponse({
    description: 'A dependency is down; the body says which.',
    standardSchema: ReadinessSchema,
  })
  async ready(@Res({ passthrough: true }) response: Response): Promise<Readiness> {
    const readiness = await this.health.readiness();
    response.status(readiness.status === 'ok' ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return readiness;
  }
}
