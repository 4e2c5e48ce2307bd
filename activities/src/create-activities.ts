import type { DataSource } from 'typeorm';
import type { Logger } from '@cio/config';
import { createInitiativeActivities } from './initiative.activities';
import { createMeasurementActivities } from './measurement.activities';
import { createRegisterCheckActivities } from './register-check.activities';

export interface ActivityDeps {
  dataSource: DataSource;
  logger: Logger;
}

/** Every activity the worker registers, wired to its dependencies in one place. */
export function createActivities(deps: ActivityDeps) {
  return {
    ...createRegisterCheckActivities(deps),
    ...createInitiativeActivities(deps),
    ...createMeasurementActivities(deps),
  };
}

export type RegisterActivities = ReturnType<typeof createActivities>;
