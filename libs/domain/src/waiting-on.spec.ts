import { SEARCH_ATTRIBUTE_VALUE_MAX_BYTES, type WaitingOn } from '@cio/contracts';
import { waitingOnKeywords } from './waiting-on';

const approval = (role: string): WaitingOn => ({
  kind: 'approval',
  who: { role },
  subject: 'plan version 1',
  since: '2026-01-01T00:00:00.000Z',
  dueAt: null,
  remindersSent: 0,
  escalatedTo: null,
});

describe('waitingOnKeywords', () => {
  it('names every role, department and person once, in order', () => {
    expect(
      waitingOnKeywords([
        approval('change-board'),
        approval('cs-lead'),
        { ...approval('cs-lead'), kind: 'training', who: { person: 'chen', department: 'customer-service' } },
      ]),
    ).toEqual(['change-board', 'chen', 'cs-lead', 'customer-service']);
  });

  it('keeps to what one search attribute value may hold', () => {
    const roles = Array.from({ length: 200 }, (_, i) => `approver-${String(i).padStart(3, '0')}`);
    const keywords = waitingOnKeywords(roles.map(approval));
    const bytes = Buffer.byteLength(JSON.stringify(keywords));
    expect(bytes).toBeLessThanOrEqual(SEARCH_ATTRIBUTE_VALUE_MAX_BYTES);
    expect(bytes).toBeGreaterThan(SEARCH_ATTRIBUTE_VALUE_MAX_BYTES - 20);
    expect(keywords).toEqual(roles.slice(0, keywords.length));
    const multiByte = Array.from({ length: 200 }, (_, i) => `Prüfer-${i}`);
    expect(Buffer.byteLength(JSON.stringify(waitingOnKeywords(multiByte.map(approval))))).toBeLessThanOrEqual(
      SEARCH_ATTRIBUTE_VALUE_MAX_BYTES,
    );
  });
});
