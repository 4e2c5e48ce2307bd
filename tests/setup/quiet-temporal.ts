// The SDK logs every worker state change at INFO; the suites only want warnings and errors.
import { DefaultLogger, makeTelemetryFilterString, Runtime } from '@temporalio/worker';

try {
  Runtime.install({
    logger: new DefaultLogger('WARN'),
    telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: 'ERROR' }) } },
  });
} catch {
  // Already installed in this process by an earlier suite.
}
