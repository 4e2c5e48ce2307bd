import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DataSources } from './data-sources';

describe('the data sources anyone may see', () => {
  it('shows where each is, never a credential written into its URL', () => {
    const sources = new DataSources({
      sources: [
        {
          name: 'prometheus',
          kind: 'prometheus',
          url: 'https://reader:s3cret@prom.example:9090/prom/?token=abc',
        },
        {
          name: 'support-api',
          kind: 'http-json',
          urlTemplate: 'https://api.example/series?q={query}&key=abc&from={from}',
          headers: {},
          points: '$.points',
          value: '$.v',
          time: '$.t',
          timeUnit: 'iso',
        },
      ],
      stepMs: 60_000,
      pollIntervalMs: 5_000,
      timeoutMs: 10_000,
    });
    expect(sources.list()).toEqual([
      { name: 'prometheus', kind: 'prometheus', url: 'https://prom.example:9090/prom' },
      { name: 'support-api', kind: 'http-json', url: 'https://api.example' },
    ]);
    expect(sources.stepSeconds).toBe(60);
  });
});

describe('answers a data source gives', () => {
  let server: Server;
  let origin = '';
  let answer: unknown = null;
  const asked: string[] = [];
  beforeAll(async () => {
    server = createServer((request, response) => {
      asked.push(request.url ?? '');
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify(answer));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => (asked.length = 0));

  const sources = () =>
    new DataSources({
      sources: [
        { name: 'prom', kind: 'prometheus', url: origin },
        {
          name: 'api',
          kind: 'http-json',
          urlTemplate: `${origin}/series?q={query}`,
          headers: {},
          points: '$.points[*]',
          value: '$.v',
          time: '$.t',
          timeUnit: 'ms',
        },
      ],
      stepMs: 60_000,
      pollIntervalMs: 5_000,
      timeoutMs: 5_000,
    });

  it('refuses a counter with a PromQL comment without asking Prometheus (it is wrapped in increase)', async () => {
    answer = { status: 'success', data: { resultType: 'vector', result: [{ value: [0, '4'] }] } };
    const problems = await sources().problems(
      { kind: 'ratio', dataSource: 'prom', good: 'ok_total # )', total: 'all_total' },
      'kpis[0].source',
    );
    expect(problems).toEqual([
      { field: 'kpis[0].source.good', message: expect.stringContaining('a # comment is not allowed') },
    ]);
    expect(asked.map((url) => decodeURIComponent(url))).toEqual([
      expect.stringContaining('query=sum(all_total)'),
      expect.stringContaining('query=sum(increase(all_total[60s]))'),
    ]);
  });

  it('tries a ratio’s counters for being there, and says what a counter must be', async () => {
    answer = { status: 'success', data: { resultType: 'vector', result: [] } };
    const problems = await sources().problems(
      { kind: 'ratio', dataSource: 'prom', good: 'ok_total', total: 'all_total' },
      'kpis[1].source',
    );
    expect(problems.map((p) => p.field)).toEqual(['kpis[1].source.good', 'kpis[1].source.total']);
    expect(problems[0]?.message).toMatch(/gives no series now.*scraped at least twice in 60 s/);
  });

  it('counts a part of a window without a series as no points, not as a refusal', async () => {
    answer = { status: 'success', data: { resultType: 'matrix', result: [] } };
    const to = Date.UTC(2026, 11, 1, 12);
    await expect(
      sources().pull(
        { kind: 'threshold', dataSource: 'prom', query: 'up' },
        { from: new Date(to - 3_600_000).toISOString(), to: new Date(to).toISOString() },
      ),
    ).resolves.toEqual([]);
  });

  it('refuses a Prometheus answer that is no object with a message, not a crash', async () => {
    answer = null;
    const problems = await sources().problems(
      { kind: 'threshold', dataSource: 'prom', query: 'up' },
      'kpis[0].source',
    );
    expect(problems).toEqual([
      { field: 'kpis[0].source.query', message: expect.stringMatching(/no reason given/) },
    ]);
  });

  it.each([null, 0, 'text'])(
    'refuses an HTTP JSON answer of %j with a message, not a crash',
    async (body) => {
      answer = body;
      const problems = await sources().problems(
        { kind: 'threshold', dataSource: 'api', query: 'first_response' },
        'kpis[0].source',
      );
      expect(problems).toEqual([
        { field: 'kpis[0].source.query', message: expect.stringMatching(/not a JSON object or array/) },
      ]);
    },
  );

  it('leaves out points that are not objects', async () => {
    const to = Math.floor(Date.now() / 60_000) * 60_000;
    answer = { points: [null, 5, { t: to - 60_000, v: 3 }] };
    await expect(
      sources().pull(
        { kind: 'threshold', dataSource: 'api', query: 'q' },
        { from: new Date(to - 600_000).toISOString(), to: new Date(to).toISOString() },
      ),
    ).resolves.toEqual([{ observedAt: new Date(to - 60_000).toISOString(), value: 3 }]);
  });
});
