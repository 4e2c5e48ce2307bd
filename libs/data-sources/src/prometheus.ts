import type { PrometheusSource } from '@cio/config';
import { DataSourceRefused, DataSourceUnavailable } from './data-source-errors';
import { type Point, type PullRange, stepInstants } from './points';

/** Prometheus refuses a range query of more points per series than this. */
export const PROMETHEUS_MAX_POINTS = 11_000;

interface PrometheusAnswer {
  status?: string;
  errorType?: string;
  error?: string;
  data?: {
    resultType?: string;
    result?: { metric?: Record<string, string>; values?: [number, string][]; value?: [number, string] }[];
  };
}

/** The HTTP API of one Prometheus (query and query_range), with its credentials. */
export class PrometheusClient {
  constructor(
    private readonly source: PrometheusSource,
    private readonly timeoutMs: number,
  ) {}

  /**
   * The one series `query` gives over the range, at step-aligned instants; a range of more than
   * Prometheus' 11,000 points is asked for in parts. NaN and infinite values are left out.
   */
  async range(query: string, range: PullRange): Promise<Point[]> {
    const instants = stepInstants(range);
    if (!instants) return [];
    const step = range.stepSeconds * 1000;
    const points: Point[] = [];
    for (let start = instants.first; start <= instants.last; start += PROMETHEUS_MAX_POINTS * step) {
      const end = Math.min(instants.last, start + (PROMETHEUS_MAX_POINTS - 1) * step);
      const answer = await this.get('query_range', {
        query,
        start: String(start / 1000),
        end: String(end / 1000),
        step: String(range.stepSeconds),
      });
      points.push(...this.oneSeries(answer, query));
    }
    return points;
  }

  /**
   * Asks the query once, now: a query Prometheus refuses is refused by its message, and so is one
   * that gives no series (a misspelt metric; unless that is fine, as for a counter's increase right
   * after its first scrape) or several (a KPI is one number per instant).
   */
  async check(query: string, { noSeriesIsFine = false } = {}): Promise<void> {
    const answer = await this.get('query', { query });
    const result = answer.data?.result;
    const type = answer.data?.resultType;
    const series = type === 'scalar' ? 1 : Array.isArray(result) ? result.length : 0;
    if (series === 0 && !noSeriesIsFine)
      throw new DataSourceRefused(
        this.source.name,
        `'${query}' gives no series now (is every metric name right?)`,
      );
    if (series > 1)
      throw new DataSourceRefused(
        this.source.name,
        `'${query}' gives ${series} series; aggregate them into one (e.g. with sum or max)`,
      );
  }

  private oneSeries(answer: PrometheusAnswer, query: string): Point[] {
    const result = answer.data?.result;
    if (answer.data?.resultType !== 'matrix' || !Array.isArray(result))
      throw new DataSourceRefused(this.source.name, `'${query}' gives no range of values`);
    // No series in this part of the window (before the metric existed, past the retention, an
    // exporter down): no points, and the window's sample count decides what that means.
    if (result.length === 0) return [];
    if (result.length > 1)
      throw new DataSourceRefused(
        this.source.name,
        `'${query}' gives ${result.length} series; aggregate them into one (e.g. with sum or max)`,
      );
    return (result[0]?.values ?? []).flatMap(([t, v]) => {
      const value = Number(v);
      return Number.isFinite(value) ? [{ at: Math.round(t * 1000), value }] : [];
    });
  }

  private async get(
    path: 'query' | 'query_range',
    params: Record<string, string>,
  ): Promise<PrometheusAnswer> {
    const url = new URL(
      `api/v1/${path}`,
      this.source.url.endsWith('/') ? this.source.url : `${this.source.url}/`,
    );
    for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
    let response: Response;
    try {
      response = await fetch(url, { headers: this.headers(), signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (error) {
      throw new DataSourceUnavailable(this.source.name, `unreachable (${(error as Error).message})`);
    }
    let answer: PrometheusAnswer;
    try {
      answer = (await response.json()) as PrometheusAnswer;
    } catch {
      if (response.status >= 500 || response.status === 429)
        throw new DataSourceUnavailable(this.source.name, `answered ${response.status}`);
      throw new DataSourceRefused(this.source.name, `answered ${response.status} without JSON`);
    }
    // JSON that is no object (null, a number) is an answer without a status or a reason.
    const { status, errorType, error } = answer !== null && typeof answer === 'object' ? answer : {};
    if (response.ok && status === 'success') return answer;
    const why = `${errorType ?? `HTTP ${response.status}`}: ${error ?? 'no reason given'}`;
    if (response.status >= 500 || response.status === 429 || errorType === 'timeout')
      throw new DataSourceUnavailable(this.source.name, why);
    throw new DataSourceRefused(this.source.name, why);
  }

  private headers(): Record<string, string> {
    const auth = this.source.auth;
    if (!auth) return {};
    if ('bearer' in auth) return { authorization: `Bearer ${auth.bearer.reveal()}` };
    const basic = Buffer.from(`${auth.basic.username}:${auth.basic.password.reveal()}`).toString('base64');
    return { authorization: `Basic ${basic}` };
  }
}
