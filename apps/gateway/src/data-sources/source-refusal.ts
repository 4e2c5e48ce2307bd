import { InitiativeErrorCode, type KpiSource, type Refusal } from '@cio/contracts';
import { type DataSources, DataSourceUnavailable } from '@cio/data-sources';
import { GatewayError } from '../errors/gateway-error';

/**
 * Each pulled source's query asked once of its data source: one the source refuses is refused
 * here (422, naming the field). A source that cannot be reached now is an outage, not a bad
 * definition: 503, nothing is created, and a retry with the same Idempotency-Key tries again.
 */
export async function refuseSources(
  dataSources: DataSources,
  sources: readonly { source: Exclude<KpiSource, { kind: 'feedback' }>; field: string }[],
): Promise<Refusal | null> {
  const checks = sources.map(({ source, field }) =>
    dataSources.problems(source, field).catch((error: unknown) => {
      if (!(error instanceof DataSourceUnavailable)) throw error;
      throw GatewayError.unavailable(
        'DATA_SOURCE_UNAVAILABLE',
        `${field}: ${error.message}; nothing was created, try again`,
      );
    }),
  );
  const problems = (await Promise.all(checks)).flat();
  const [first] = problems;
  return first
    ? { code: InitiativeErrorCode.INVALID_DEFINITION, message: `${first.field}: ${first.message}`, problems }
    : null;
}
