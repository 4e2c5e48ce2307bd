import type { MetricMeter } from '@temporalio/common';
import type { DataSource } from 'typeorm';
import type { Logger } from '@cio/config';
import { PHASES } from '@cio/contracts';
import { registerGauges } from '@cio/persistence';

const DELIVERY_CHANNELS = ['webhook', 'email'] as const;
const DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;

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
    this.initiatives = meter.createGauge('cio_initiatives', 'int', '', 'Initiatives by phase');
    this.overdue = meter.createGauge(
      'cio_waits_overdue',
      'int',
      '',
      'Initiatives with a wait past its deadline',
    );
    this.notifications = meter.createGauge(
      'cio_notifications',
      'int',
      '',
      'Notifications (reminders, escalations, results) by kind and delivery status',
    );
    this.deliveries = meter.createGauge(
      'cio_deliveries',
      'int',
      '',
      'Deliveries of notifications (webhook calls, emails) by channel and status',
    );
    this.evaluations = meter.createGauge('cio_evaluations', 'int', '', 'KPI evaluations by kind and verdict');
    this.collecting = meter.createGauge(
      'cio_collection_windows',
      'int',
      '',
      'Open assessment and evaluation windows whose pulled KPIs are being collected, by data source',
    );
    this.collectionFailing = meter.createGauge(
      'cio_collection_windows_failing',
      'int',
      '',
      'Open collection windows whose last pull from the data source failed, by data source',
    );
    this.unreached = meter.createGauge(
      'cio_waits_unreached',
      'int',
      '',
      'Waits of open initiatives that reach nobody: a role nobody holds, a department nobody is in, a person the directory lacks',
    );
  }

  async collect(): Promise<void> {
    const { phases, overdue, notifications, deliveries, evaluations, collection, unreached } =
      await registerGauges(this.dataSource);
    // Every phase is reported, zero included, so dashboards and alerts see a series from the start.
    for (const phase of PHASES)
      this.initiatives.set(phases.find((p) => p.phase === phase)?.n ?? 0, { phase });
    this.overdue.set(overdue);
    for (const { kind, status, n } of notifications) this.notifications.set(n, { kind, status });
    // Every channel and status too: the alert on failing deliveries compares with an hour ago.
    for (const channel of DELIVERY_CHANNELS)
      for (const status of DELIVERY_STATUSES)
        this.deliveries.set(deliveries.find((d) => d.channel === channel && d.status === status)?.n ?? 0, {
          channel,
          status,
        });
    for (const { kind, verdict, n } of evaluations) this.evaluations.set(n, { kind, verdict });
    const sources = new Set([...this.dataSources, ...collection.map((c) => c.dataSource)]);
    for (const source of sources) {
      const windows = collection.find((c) => c.dataSource === source);
      this.collecting.set(windows?.open ?? 0, { data_source: source });
      this.collectionFailing.set(windows?.failing ?? 0, { data_source: source });
    }
    for (const kind of ['role', 'department', 'person'] as const)
      this.unreached.set(unreached.find((u) => u.kind === kind)?.n ?? 0, { kind });
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
