// A customer's comment as the start of an opportunity: the raise form filled in with the service,
// where it came from, which feedback it was, and what the customer said.
import type { ServiceFeedback } from '../api/types';
import { RAISE_LIMITS, type RaisePrefill } from '../opportunities/raise-link';

export function raisePrefillOfFeedback(
  service: string,
  feedback: Pick<ServiceFeedback['latest'][number], 'id' | 'comment'>,
): RaisePrefill {
  const description = feedback.comment?.trim().slice(0, RAISE_LIMITS.description);
  return {
    service,
    origin: 'customer-feedback',
    reference: `feedback ${feedback.id}`,
    ...(description ? { description } : {}),
  };
}
