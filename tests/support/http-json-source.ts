import { createServer, type Server } from 'node:http';
import { freePort } from '@cio/testing';

/**
 * An HTTP JSON data source the test controls: `GET /points?query&from&to&step` answers
 * `{ "points": [{ "at": ISO, "value": n }] }` at the step's instants, each point the value the
 * query had at that instant (set with `set`, which takes effect from now, or for all time).
 * It can be stopped and started again on its port, or made to fail with 503.
 */
export class HttpJsonSource {
  private readonly values = new Map<string, { from: number; value: number }[]>();
  private server: Server | undefined;
  private failing = false;
  /** How many requests it answered, failures included. */
  requests = 0;
  port = 0;

  /** The query's value from `from` (default: now) on; `from: 0` for all time. */
  set(query: string, value: number, from = Date.now()): void {
    const changes = (this.values.get(query) ?? []).filter((c) => c.from < from);
    this.values.set(query, [...changes, { from, value }]);
  }

  fail(failing: boolean): void {
    this.failing = failing;
  }

  /** The source as DATA_SOURCES configures it. */
  config(name: string) {
    return {
      name,
      kind: 'http-json',
      urlTemplate: `http://127.0.0.1:${this.port}/points?query={query}&from={from}&to={to}&step={step}`,
      points: '$.points',
      value: '$.value',
      time: '$.at',
    };
  }

  private valueAt(query: string, at: number): number | undefined {
    return (this.values.get(query) ?? []).filter((c) => c.from <= at).at(-1)?.value;
  }

  async start(): Promise<void> {
    this.port ||= await freePort();
    this.server = createServer((request, response) => {
      this.requests++;
      const url = new URL(request.url ?? '/', 'http://source');
      if (this.failing || url.pathname !== '/points') {
        response.statusCode = this.failing ? 503 : 404;
        response.end();
        return;
      }
      const query = url.searchParams.get('query') ?? '';
      const from = Date.parse(url.searchParams.get('from') ?? '');
      const to = Date.parse(url.searchParams.get('to') ?? '');
      const step = Number(url.searchParams.get('step')) * 1000;
      const points: { at: string; value: number }[] = [];
      for (let at = Math.ceil(from / step) * step; at < to; at += step) {
        const value = this.valueAt(query, at);
        if (value !== undefined) points.push({ at: new Date(at).toISOString(), value });
      }
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ points }));
    });
    await new Promise<void>((resolve) => this.server?.listen(this.port, '127.0.0.1', resolve));
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
