import { Controller, Get, HttpStatus, Inject } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { type DataSourceInfo, DataSources } from '@cio/data-sources';
import { ApiErrors } from '../commands/api-decorators';
import { describes } from '../schemas/same-type';

const DataSourceSchema = describes<DataSourceInfo>()(
  z.object({ name: z.string(), kind: z.enum(['prometheus', 'http-json']), url: z.string() }),
);

const DataSourceListSchema = z
  .object({
    items: z.array(DataSourceSchema),
    stepSeconds: z.number().describe('the step of pulled samples'),
  })
  .meta({ id: 'DataSourceList' });

/** The data sources KPIs may name (configured with DATA_SOURCES); never their credentials. */
@ApiTags('data sources')
@Controller('data-sources')
export class DataSourcesController {
  constructor(@Inject(DataSources) private readonly dataSources: DataSources) {}

  @Get()
  @ApiOperation({ summary: 'The data sources a KPI may be pulled from, and the collection step' })
  @ApiResponse({
    status: HttpStatus.OK,
    description: 'The data sources.',
    standardSchema: DataSourceListSchema,
  })
  @ApiErrors(400)
  list() {
    return { items: this.dataSources.list(), stepSeconds: this.dataSources.stepSeconds };
  }
}
