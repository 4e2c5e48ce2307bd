import type { DataSource } from 'typeorm';
import type { Logger } from '@cio/config';
import type { PriorityWeights } from '@cio/contracts';
import { DataSources } from '@cio/data-sources';
import { DEFAULT_PRIORITY_WEIGHTS } from '@cio/domain';
import { createCollectionActivities } from './collection.activities';
import { createDigestActivities } from './digest.activities';
import { createInitiativeActivities } from './initiative.activities';
import { createMeasurementActivities } from './measurement.activities';
import { createRegisterCheckActivities } from './register-check.activities';
import { createWatchActivities } from './watch.activities';

export interface ActivityDeps {
  dataSource: DataSource;
  logger: Logger;
  /** The data sources pulled KPIs come from; none configured when absent. */
  dataSources?: DataSources;
  /** The priority model opportunities are scored with; the domain's defaults when absent. */
  priorityWeights?: PriorityWeights;
}

/** Every activity the worker registers, wired to its dependencies in one place. */
export function createActivities(deps: ActivityDeps) {
  const dataSources =
    deps.dataSources ??
    new DataSources({ sources: [], stepMs: 60_000, pollIntervalMs: 5_000, timeoutMs: 10_000 });
  return {
    ...createRegisterCheckActivities(deps),
    ...createInitiativeActivities(deps),
    ...createMeasurementActivities(deps),
    ...createDigestActivities(deps),
    ...createCollectionActivities({ dataSource: deps.dataSource, dataSources }),
    ...createWatchActivities({
      dataSource: deps.dataSource,
      dataSources,
      weights: deps.priorityWeights ?? DEFAULT_PRIORITY_WEIGHTS,
    }),
  };
}

export type RegisterActivities = ReturnType<typeof createActivities>;
