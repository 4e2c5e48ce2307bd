import { AllowedMethods } from './allowed-methods';

describe('AllowedMethods', () => {
  const allowed = new AllowedMethods({
    paths: {
      '/initiatives': { get: {}, post: {} },
      '/initiatives/{id}': { get: {} },
      '/initiatives/{id}/plans/{version}/approvals': { post: {} },
      '/work': { get: {} },
    },
  } as never);

  it('names the methods a documented path answers, HEAD with GET', () => {
    expect(allowed.of('/initiatives')).toEqual(['GET', 'HEAD', 'POST']);
    expect(allowed.of('/initiatives/i-1/plans/2/approvals')).toEqual(['POST']);
    expect(allowed.of('/initiatives/i-1/')).toEqual(['GET', 'HEAD']);
  });

  it('knows no path that the document does not describe', () => {
    expect(allowed.of('/nowhere')).toBeNull();
    expect(allowed.of('/initiatives/i-1/plans')).toBeNull();
    expect(allowed.of('/workx')).toBeNull();
  });
});
