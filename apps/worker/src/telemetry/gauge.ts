import type { MetricGauge, MetricMeter } from '@temporalio/common';

/** A gauge on the SDK's meter, exported beside its own series: integers unless told. */
export const gaugeOf = (
  meter: MetricMeter,
  name: string,
  help: string,
  valueType: 'int' | 'float' = 'int',
): MetricGauge => meter.createGauge(name, valueType, '', help);
