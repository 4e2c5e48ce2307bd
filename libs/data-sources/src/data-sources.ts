import type { AppConfig, DataSourceConfig } from '@cio/config';
import type { FieldProblem, PulledKpi } from '@cio/contracts';
import { DataSourceRefused } from './data-source-errors';
import { HttpJsonClient } from './http-json';
import type { Point, PullRange } from './points';
import { PrometheusClient } from './prometheus';

type PulledSource = PulledKpi['source'];

/** A pulled sample: the value at an instant of the collection step (the register keys it by KPI and instant). */
export interface PulledSample {
  observedAt: string;
  value: number;
}

/** What a data source is, as anyone may see it: never its credentials. */
export interface DataSourceInfo {
  name: string;
  kind: DataSourceConfig['kind'];
  url: string;
}

/** The configured data sources, and what pulling a KPI from one of them takes. */
export class DataSources {
  private readonly byName: Map<string, DataSourceConfig>;

  constructor(private readonly config: AppConfig['dataCollection']) {
    this.byName = new Map(config.sources.map((s) => [s.name, s]));
  }

  /** The sources as anyone may see them: where they are, never a credential in a URL's user part or query. */
  list(): DataSourceInfo[] {
    return this.config.sources.map((s) => {
      const url = new URL(s.kind === 'prometheus' ? s.url : s.urlTemplate.replace(/\{[a-z]+\}/g, 'x'));
      return {
        name: s.name,
        kind: s.kind,
        url: s.kind === 'prometheus' ? `${url.origin}${url.pathname.replace(/\/$/, '')}` : url.origin,
      };
    });
  }

  /** The step of pulled samples, in seconds. */
  get stepSeconds(): number {
    return Math.round(this.config.stepMs / 1000);
  }

  /** The KPI's samples over [from, to) at the collection step. */
  async pull(kpi: PulledSource, window: { from: string; to: string }): Promise<PulledSample[]> {
    const range: PullRange = {
      from: Date.parse(window.from),
      to: Date.parse(window.to),
      stepSeconds: this.stepSeconds,
    };
    const points =
      kpi.kind === 'threshold'
        ? await this.client(kpi.dataSource).range(kpi.query, range)
        : await this.ratio(kpi, range);
    // On the step's grid: a source that answers off it (another resampling for a short pull than
    // for the window's backfill) must not store one moment twice. The last point of a step wins.
    const stepMs = range.stepSeconds * 1000;
    const byInstant = new Map<number, number>();
    for (const { at, value } of points) byInstant.set(Math.floor(at / stepMs) * stepMs, value);
    return [...byInstant]
      .filter(([at]) => at >= range.from && at < range.to)
      .map(([at, value]) => ({ observedAt: new Date(at).toISOString(), value }));
  }

  /**
   * What is wrong with a KPI's source, named by field (e.g. `kpis[0].source.query`): a source not
   * configured, a ratio from a source without counters, a query the source refuses now. A source
   * that cannot be reached says nothing about the query: DataSourceUnavailable is thrown.
   */
  async problems(kpi: PulledSource, field: string): Promise<FieldProblem[]> {
    const source = this.byName.get(kpi.dataSource);
    if (!source)
      return [
        {
          field: `${field}.dataSource`,
          message: `no data source '${kpi.dataSource}' (configured: ${[...this.byName.keys()].join(', ') || 'none'})`,
        },
      ];
    if (kpi.kind === 'ratio' && source.kind !== 'prometheus')
      return [
        { field: `${field}.kind`, message: `a ratio needs counters: '${source.name}' is ${source.kind}` },
      ];
    const queries =
      kpi.kind === 'threshold'
        ? [['query', kpi.query]]
        : [
            ['good', kpi.good],
            ['total', kpi.total],
          ];
    const problems: FieldProblem[] = [];
    for (const [name, query = ''] of queries) {
      // A counter is tried for being there (summed), then as it will be pulled, its increase over
      // one step: Prometheus refuses that of anything but a selector, which would never be
      // collected. Its increase may still be empty now (a counter scraped once so far).
      if (kpi.kind === 'ratio' && query.includes('#')) {
        problems.push({
          field: `${field}.${name}`,
          message: 'a counter is a selector (e.g. logins_total{result="ok"}); a # comment is not allowed',
        });
        continue;
      }
      try {
        const client = this.client(kpi.dataSource);
        if (kpi.kind === 'threshold') await client.check(query);
        else if (client instanceof PrometheusClient) {
          await client.check(`sum(${query})`);
          await client.check(this.increase(query), { noSeriesIsFine: true });
        }
      } catch (error) {
        if (!(error instanceof DataSourceRefused)) throw error;
        const hint =
          kpi.kind === 'ratio'
            ? ` (a counter selector, scraped at least twice in ${this.stepSeconds} s, the collection step)`
            : '';
        problems.push({ field: `${field}.${name}`, message: `${error.message}${hint}` });
      }
    }
    return problems;
  }

  /** Good over total at each step, from the increase of two counters over the step. */
  private async ratio(kpi: Extract<PulledSource, { kind: 'ratio' }>, range: PullRange): Promise<Point[]> {
    const client = this.client(kpi.dataSource);
    const [good, total] = await Promise.all([
      client.range(this.increase(kpi.good), range),
      client.range(this.increase(kpi.total), range),
    ]);
    const goodAt = new Map(good.map((p) => [p.at, p.value]));
    return total.flatMap(({ at, value }) => {
      const g = goodAt.get(at);
      return g !== undefined && value > 0 ? [{ at, value: g / value }] : [];
    });
  }

  /** A counter's increase over one step, summed into one series (resets handled by Prometheus). */
  private increase(counter: string): string {
    return `sum(increase(${counter}[${this.stepSeconds}s]))`;
  }

  private client(name: string): PrometheusClient | HttpJsonClient {
    const source = this.byName.get(name);
    if (!source) throw new DataSourceRefused(name, 'is not configured');
    return source.kind === 'prometheus'
      ? new PrometheusClient(source, this.config.timeoutMs)
      : new HttpJsonClient(source, this.config.timeoutMs);
  }
}
