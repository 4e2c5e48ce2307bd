import { DocumentedRoutes } from './documented-routes';

describe('DocumentedRoutes', () => {
  const routes = new DocumentedRoutes({
    paths: {
      '/initiatives': {
        get: {
          parameters: [
            { in: 'query', name: 'phase' },
            { in: 'query', name: 'limit' },
          ],
        },
        post: {},
      },
      '/initiatives/{id}': { get: { parameters: [{ in: 'path', name: 'id' }] } },
      '/initiatives/{id}/plans/{version}/approvals': { post: {} },
      '/work': { get: {} },
    },
  } as never);

  it('names the methods a documented path answers, HEAD with GET', () => {
    expect(routes.allowedMethods('/initiatives')).toEqual(['GET', 'HEAD', 'POST']);
    expect(routes.allowedMethods('/initiatives/i-1/plans/2/approvals')).toEqual(['POST']);
    expect(routes.allowedMethods('/initiatives/i-1/')).toEqual(['GET', 'HEAD']);
  });

  it('knows no path that the document does not describe', () => {
    expect(routes.allowedMethods('/nowhere')).toBeNull();
    expect(routes.allowedMethods('/initiatives/i-1/plans')).toBeNull();
    expect(routes.allowedMethods('/workx')).toBeNull();
  });

  it('names prototype keys anywhere in the body or the query', () => {
    const body = JSON.parse(
      '{"title":"t","__proto__":{"admin":true},"kpis":[{"constructor":1}],"policy":{"prototype":{}}}',
    ) as unknown;
    expect(routes.unknownKeys('POST', '/initiatives', body, {}).map((p) => p.field)).toEqual([
      '__proto__',
      'kpis[0].constructor',
      'policy.prototype',
    ]);
    expect(routes.unknownKeys('GET', '/initiatives', undefined, { constructor: 'x' })).toEqual([
      { field: 'constructor', message: 'Unrecognized key: "constructor"' },
    ]);
  });

  it('names query parameters the route does not document', () => {
    expect(routes.unknownKeys('GET', '/initiatives', undefined, { phase: 'Planning', limit: '5' })).toEqual(
      [],
    );
    expect(routes.unknownKeys('GET', '/initiatives/i-1', undefined, { verbose: '1' })).toEqual([
      { field: 'verbose', message: 'Unrecognized query parameter' },
    ]);
    expect(routes.unknownKeys('POST', '/initiatives', {}, { dryRun: 'yes' })).toEqual([
      { field: 'dryRun', message: 'Unrecognized query parameter' },
    ]);
    // Paths the document does not describe (the /docs pages) keep their own parameters.
    expect(routes.unknownKeys('GET', '/docs/swagger-ui-init.js', undefined, { v: '1' })).toEqual([]);
  });

  it('refuses a body nested past the limit by name, without overflowing the stack', () => {
    const deep = JSON.parse(`${'['.repeat(6_000)}${']'.repeat(6_000)}`) as unknown;
    expect(routes.unknownKeys('POST', '/initiatives', deep, {})).toEqual([
      { field: `${'[0]'.repeat(64)}`, message: 'nests deeper than 64 levels' },
    ]);
  });
});
