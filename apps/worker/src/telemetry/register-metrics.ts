import type { MetricGauge, MetricMeter, MetricTags } from '@temporalio/common';
import type { DataSource } from 'typeorm';
import type { Logger } from '@cio/config';
import { DELIVERY_CHANNELS, DELIVERY_STATUSES, PHASES } from '@cio/contracts';
import { registerGauges } from '@cio/persistence';
import { gaugeOf } from './gauge';

/** The outbox's statuses, and `dropped`: failed on purpose (no address, or no longer reached). */
const REPORTED_STATUSES = [...DELIVERY_STATUSES, 'dropped'] as const;

/** One series of a gauge: its labels and its value. */
type Series = [MetricTags, number];

/** How often the register is read for the gauges (a handful of GROUP BY queries on indexed tables). */
export const REGISTER_METRICS_INTERVAL_MS = 15_000;

/**
 * Our series next to the SDK's: initiatives by phase, overdue waits, notifications by kind and
 * status (reminders, escalations…), deliveries by channel and status, evaluation outcomes, pulled
 * KPIs' collection windows by data source, waits that reach nobody. They are read from the
 * register, so every worker replica reports the same totals (aggregate with max, not sum).
 */
export class RegisterMetrics {
  private timer: NodeJS.Timeout | undefined;
  /** The label sets each gauge has reported, by their JSON. */
  private readonly reported = new Map<MetricGauge, Map<string, MetricTags>>();
  private readonly initiatives;
  private readonly overdue;
  private readonly notifications;
  private readonly deliveries;
  private readonly evaluations;
  private readonly unreached;
  private readonly collecting;
  private readonly collectionFailing;

  constructor(
    meter: MetricMeter,
    private readonly dataSource: DataSource,
    private readonly logger: Logger,
    /** The configured data sources' names: each is reported from the start, zero included. */
    private readonly dataSources: readonly string[] = [],
  ) {
    this.initiatives = gaugeOf(meter, 'cio_initiatives', 'Initiatives by phase');
    this.overdue = gaugeOf(meter, 'cio_waits_overdue', 'Initiatives with a wait past its deadline');
    this.notifications = gaugeOf(
      meter,
      'cio_notifications',
      'Notifications (reminders, escalations, results) by kind and delivery status',
    );
    this.deliveries = gaugeOf(
      meter,
      'cio_deliveries',
      'Deliveries of notifications (webhook calls, emails) by channel and status',
    );
    this.evaluations = gaugeOf(meter, 'cio_evaluations', 'KPI evaluations by kind and verdict');
    this.collecting = gaugeOf(
      meter,
      'cio_collection_windows',
      'Open assessment and evaluation windows whose pulled KPIs are being collected, by data source',
    );
    this.collectionFailing = gaugeOf(
      meter,
      'cio_collection_windows_failing',
      'Open collection windows whose last pull from the data source failed, by data source',
    );
    this.unreached = gaugeOf(
      meter,
      'cio_waits_unreached',
      'Waits of open initiatives that reach nobody: a role nobody holds, a department nobody is in, a person the directory lacks',
    );
  }

  async collect(): Promise<void> {
    const { phases, overdue, notifications, deliveries, evaluations, collection, unreached } =
      await registerGauges(this.dataSource);
    // Every phase is reported, zero included, so dashboards and alerts see a series from the start.
    this.report(
      this.initiatives,
      PHASES.map((phase) => [{ phase }, phases.find((p) => p.phase === phase)?.n ?? 0]),
    );
    this.overdue.set(overdue);
    this.report(
      this.notifications,
      notifications.map(({ kind, status, n }) => [{ kind, status }, n]),
    );
    // Every channel and status too: the alert on failing deliveries compares with the last hour.
    this.report(
      this.deliveries,
      DELIVERY_CHANNELS.flatMap((channel) =>
        REPORTED_STATUSES.map((status): Series => [
          { channel, status },
          deliveries.find((d) => d.channel === channel && d.status === status)?.n ?? 0,
        ]),
      ),
    );
    this.report(
      this.evaluations,
      evaluations.map(({ kind, verdict, n }) => [{ kind, verdict }, n]),
    );
    const sources = [...new Set([...this.dataSources, ...collection.map((c) => c.dataSource)])];
    const windowsOf = (source: string) => collection.find((c) => c.dataSource === source);
    this.report(
      this.collecting,
      sources.map((source) => [{ data_source: source }, windowsOf(source)?.open ?? 0]),
    );
    this.report(
      this.collectionFailing,
      sources.map((source) => [{ data_source: source }, windowsOf(source)?.failing ?? 0]),
    );
    this.report(
      this.unreached,
      (['role', 'department', 'person'] as const).map((kind) => [
        { kind },
        unreached.find((u) => u.kind === kind)?.n ?? 0,
      ]),
    );
  }

  /**
   * Sets a gauge's series, and 0 on each it reported before that is absent now: the SDK keeps a
   * series' last value, so a count that dropped to no rows (the last pending notification of a
   * kind delivered) would otherwise show its old value until the worker restarts.
   */
  private report(gauge: MetricGauge, series: Series[]): void {
    const before = this.reported.get(gauge) ?? new Map<string, MetricTags>();
    const now = new Set<string>();
    for (const [tags, value] of series) {
      const key = JSON.stringify(tags);
      now.add(key);
      before.set(key, tags);
      gauge.set(value, tags);
    }
    for (const [key, tags] of before) if (!now.has(key)) gauge.set(0, tags);
    this.reported.set(gauge, before);
  }

  start(): void {
    const tick = () => {
      this.collect()
        .catch((error: unknown) => this.logger.warn({ err: error }, 'register metrics not collected'))
        .finally(() => {
          if (this.timer) this.timer = setTimeout(tick, REGISTER_METRICS_INTERVAL_MS);
        });
    };
    this.timer = setTimeout(tick, 0);
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
