import { renderHook } from '@testing-library/react';
import type { OpportunityEvent } from '../api/types';
import { useTrailText } from './trail-text';

const event = (action: OpportunityEvent['action'], details: Record<string, unknown>): OpportunityEvent => ({
  id: '1',
  action,
  actor: 'watch:helpdesk',
  role: null,
  details,
  requestId: null,
  occurredAt: '2026-11-24T09:00:00Z',
});

describe("an opportunity's trail in words", () => {
  it("shows why a service watch's check breached or recovered: its evidence's reason", () => {
    const { result } = renderHook(() => useTrailText());
    const evidence = (reason: string) => ({
      checkedAt: '2026-11-24T09:00:00Z',
      consecutive: 4,
      evidence: { reason },
    });
    expect(result.current.actionName('watch-breach')).toBe('Service watch in breach');
    expect(
      result.current.details(event('watch-breach', evidence('median 42 min is worse than 30 min'))),
    ).toEqual(['evidence: “median 42 min is worse than 30 min”']);
    expect(result.current.actionName('watch-recovered')).toBe('Service watch recovered');
    expect(
      result.current.details(event('watch-recovered', evidence('median 20 min is within 30 min'))),
    ).toEqual(['evidence: “median 20 min is within 30 min”']);
  });
});
