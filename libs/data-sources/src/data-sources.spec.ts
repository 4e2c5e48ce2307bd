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
