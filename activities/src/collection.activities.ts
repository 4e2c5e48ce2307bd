import { ApplicationFailure } from '@temporalio/activity';
import type { DataSource } from 'typeorm';
import { ActivityErrorType } from '@cio/contracts';
import { DataSourceRefused, type DataSources, DataSourceUnavailable } from '@cio/data-sources';
import { recordPull, storePulledSamples } from '@cio/persistence';
import type { CollectWindowInput, CollectWindowResult } from './activity-contracts';
import { classifyDatabaseError } from './register-errors';

/**
 * The backfill of a window's pulled KPIs from one data source at the window's end, before it is
 * judged: the whole window, stored by KPI and instant (what the worker's collector pulled already
 * is kept once). A query the source refuses is reported; a source that cannot be reached fails the
 * attempt, retried with backoff until the window's patience runs out (the workflow runs one such
 * activity per source, so one source down holds up only its own KPIs).
 */
export function createCollectionActivities(deps: { dataSource: DataSource; dataSources: DataSources }) {
  return {
    async collectWindow(input: CollectWindowInput): Promise<CollectWindowResult> {
      const result: CollectWindowResult = { stored: 0, uncollected: [] };
      const unavailable: string[] = [];
      for (const kpi of input.kpis) {
        try {
          const samples = await deps.dataSources.pull(kpi.source, input);
          result.stored += await storePulledSamples(deps.dataSource, {
            initiativeId: input.initiativeId,
            kpi: kpi.name,
            dataSource: kpi.source.dataSource,
            samples,
          }).catch(classifyDatabaseError);
          await recordPull(deps.dataSource, {
            initiativeId: input.initiativeId,
            kpi: kpi.name,
            windowFrom: input.from,
            until: input.to,
            nextInMs: 0,
          }).catch(classifyDatabaseError);
        } catch (error) {
          if (error instanceof DataSourceRefused) {
            result.uncollected.push({
              kpi: kpi.name,
              dataSource: kpi.source.dataSource,
              error: error.message,
            });
          } else if (error instanceof DataSourceUnavailable) {
            unavailable.push(error.message);
          } else {
            throw error;
          }
        }
      }
      if (unavailable.length > 0) {
        throw ApplicationFailure.create({
          type: ActivityErrorType.DATA_SOURCE_UNAVAILABLE,
          message: unavailable.join('; '),
          nonRetryable: false,
        });
      }
      return result;
    },
  };
}
