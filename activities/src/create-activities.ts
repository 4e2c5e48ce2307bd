import type { DataSource } from 'typeorm';
import type { Logger } from '@cio/config';
import { DataSources } from '@cio/data-sources';
import { createCollectionActivities } from './collection.activities';
import { createInitiativeActivities } from './initiative.activities';
import { createMeasurementActivities } from './measurement.activities';
import { createRegisterCheckActivities } from './register-check.activities';

export interface ActivityDeps {
  dataSource: DataSource;
  logger: Logger;
  /** The data sources pulled KPIs come from; none configured when absent. */
  dataSources?: DataSources;
}

/** Every activity the worker registers, wired to its dependencies in one place. */
export function createActivities(deps: ActivityDeps) {
  return {
    ...createRegisterCheckActivities(deps),
    ...createInitiativeActivities(deps),
    ...createMeasurementActivities(deps),
    ...createCollectionActivities({
      dataSource: deps.dataSource,
      dataSources:
        deps.dataSources ??
        new DataSources({ sources: [], stepMs: 60_000, pollIntervalMs: 5_000, timeoutMs: 10_000 }),
    }),
  };
}

export type RegisterActivities = ReturnType<typeof createActivities>;
