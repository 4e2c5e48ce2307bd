import { JSONPath } from 'jsonpath-plus';
import type { HttpJsonSource } from '@cio/config';
import { DataSourceRefused, DataSourceUnavailable } from './data-source-errors';
import { type Point, type PullRange, stepInstants } from './points';

/**
 * An HTTP service that answers JSON points for a query and a range: the URL template is filled
 * in, the points found with the source's JSONPaths (evaluated safely: no code runs).
 */
export class HttpJsonClient {
  constructor(
    private readonly source: HttpJsonSource,
    private readonly timeoutMs: number,
  ) {}

  async range(query: string, range: PullRange): Promise<Point[]> {
    const instants = stepInstants(range);
    if (!instants) return [];
    const body = await this.fetch(query, new Date(range.from), new Date(range.to), range.stepSeconds);
    if (body === null || typeof body !== 'object')
      throw new DataSourceRefused(
        this.source.name,
        `answered ${body === null ? 'null' : typeof body}, not a JSON object or array`,
      );
    const found = JSONPath({
      path: this.source.points,
      json: body as object,
      eval: 'safe',
      wrap: true,
    }) as unknown[] | undefined;
    const points = (Array.isArray(found?.[0]) ? found[0] : (found ?? [])) as unknown[];
    return points.flatMap((point) => {
      const value = Number(this.one(this.source.value, point));
      const at = this.time(this.one(this.source.time, point));
      return Number.isFinite(value) && at !== null && at >= range.from && at < range.to
        ? [{ at, value }]
        : [];
    });
  }

  /**
   * Asks for the last ten minutes once, at the minute: an answer without a point where the
   * source's paths say (a misspelt query, paths that do not fit the answer) is refused.
   */
  async check(query: string): Promise<void> {
    const to = Math.floor(Date.now() / 60_000) * 60_000;
    const points = await this.range(query, { from: to - 600_000, to, stepSeconds: 60 });
    if (points.length === 0)
      throw new DataSourceRefused(
        this.source.name,
        `'${query}' gives no points for the last ten minutes (is the query right, and are the source's paths?)`,
      );
  }

  private one(path: string, point: unknown): unknown {
    // A point that is no object or array (null, a bare number) has nothing at a path.
    if (point === null || typeof point !== 'object') return undefined;
    const found = JSONPath({ path, json: point, eval: 'safe', wrap: true }) as unknown[] | undefined;
    return found?.[0];
  }

  private time(raw: unknown): number | null {
    const unit = this.source.timeUnit;
    const ms = unit === 'iso' ? Date.parse(String(raw)) : Number(raw) * (unit === 's' ? 1000 : 1);
    return Number.isFinite(ms) ? Math.round(ms) : null;
  }

  private async fetch(query: string, from: Date, to: Date, stepSeconds: number): Promise<unknown> {
    const fill: Record<string, string> = {
      query,
      from: from.toISOString(),
      to: to.toISOString(),
      step: String(stepSeconds),
    };
    const url = this.source.urlTemplate.replace(/\{(query|from|to|step)\}/g, (_, name: string) =>
      encodeURIComponent(fill[name] ?? ''),
    );
    const headers = Object.fromEntries(
      Object.entries(this.source.headers).map(([name, value]) => [
        name,
        typeof value === 'string' ? value : value.reveal(),
      ]),
    );
    let response: Response;
    try {
      response = await fetch(url, { headers, signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (error) {
      throw new DataSourceUnavailable(this.source.name, `unreachable (${(error as Error).message})`);
    }
    if (response.status >= 500 || response.status === 429)
      throw new DataSourceUnavailable(this.source.name, `answered ${response.status}`);
    if (!response.ok) throw new DataSourceRefused(this.source.name, `answered ${response.status}`);
    try {
      return await response.json();
    } catch {
      throw new DataSourceRefused(this.source.name, 'answered something that is not JSON');
    }
  }
}
