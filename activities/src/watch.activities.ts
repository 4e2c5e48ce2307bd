import { ApplicationFailure } from '@temporalio/activity';
import type { DataSource } from 'typeorm';
import {
  ActivityErrorType,
  type PriorityWeights,
  RegisterErrorCode,
  type ServiceWatchDefinition,
  type WatchEvidence,
} from '@cio/contracts';
import { DataSourceRefused, type DataSources, DataSourceUnavailable } from '@cio/data-sources';
import { assessWatch, type WatchPeriod, watchPeriods } from '@cio/domain';
import {
  getWatch,
  recordWatchCheck,
  RegisterError,
  type WatchCheckResult,
  watchSampleValues,
} from '@cio/persistence';
import { classifyDatabaseError } from './register-errors';

export interface CheckWatchInput {
  watchId: string;
  /** The check's instant (the schedule's): with the watch, the check's idempotency key. */
  at: string;
}

/**
 * One scheduled check of a service watch: the KPI's recent period (and the baseline before it)
 * from its data source or from the samples pushed to it, assessed against the rule, recorded once
 * per instant with what it did to the watch's opportunity. A retry finds its check recorded and
 * answers with it. A query its source refuses makes the check inconclusive (in the history, for
 * ops to see); a source that cannot be reached fails the attempt, to be retried.
 */
export function createWatchActivities(deps: {
  dataSource: DataSource;
  dataSources: DataSources;
  weights: PriorityWeights;
}) {
  async function valuesOf(
    watch: ServiceWatchDefinition,
    period: { from: string; to: string },
  ): Promise<number[]> {
    if (!watch.kpi.source) return watchSampleValues(deps.dataSource, watch.id, period);
    return (await deps.dataSources.pull(watch.kpi.source, period)).map((sample) => sample.value);
  }

  async function assess(watch: ServiceWatchDefinition, at: Date): Promise<WatchEvidence> {
    const periods = watchPeriods(watch, at);
    try {
      const recent: WatchPeriod = { ...periods.recent, values: await valuesOf(watch, periods.recent) };
      const baseline: WatchPeriod | undefined = periods.baseline && {
        ...periods.baseline,
        values: await valuesOf(watch, periods.baseline),
      };
      return assessWatch(watch, recent, baseline);
    } catch (error) {
      if (error instanceof DataSourceRefused) {
        return {
          outcome: 'inconclusive',
          recent: { ...periods.recent, value: null, samples: 0 },
          reason: `the data source refused the query: ${error.message}`,
        };
      }
      if (error instanceof DataSourceUnavailable) {
        throw ApplicationFailure.create({
          type: ActivityErrorType.DATA_SOURCE_UNAVAILABLE,
          message: error.message,
          nonRetryable: false,
        });
      }
      throw error;
    }
  }

  return {
    async checkWatch(input: CheckWatchInput): Promise<WatchCheckResult> {
      const watch = await getWatch(deps.dataSource, input.watchId).catch(classifyWatchError);
      const evidence = await assess(watch.definition, new Date(input.at));
      return recordWatchCheck(
        deps.dataSource,
        { watchId: input.watchId, checkedAt: input.at, evidence },
        deps.weights,
      ).catch(classifyWatchError);
    },
  };
}

/** A watch the register does not know (its schedule outlived it) is for good; the rest as any register write. */
function classifyWatchError(error: unknown): never {
  if (error instanceof RegisterError && error.code === RegisterErrorCode.WATCH_NOT_FOUND) {
    throw ApplicationFailure.create({
      type: ActivityErrorType.WATCH_NOT_FOUND,
      message: error.message,
      nonRetryable: true,
    });
  }
  return classifyDatabaseError(error);
}
