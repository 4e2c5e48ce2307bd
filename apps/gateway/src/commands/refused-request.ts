import type { DataSource } from 'typeorm';
import type { RefusableAction, Refusal } from '@cio/contracts';
import { recordRefusedRequest } from '@cio/persistence';
import { STATUS_OF_CODE } from '../errors/error-codes';
import { GatewayError } from '../errors/gateway-error';
import type { RequestContext } from './request-context';

/**
 * Records a refusal that has no initiative's trail to go to (a creation, a triage, a watch) and
 * answers it: the refusal's status, code and fields.
 */
export async function refuseRequest(
  db: DataSource,
  context: RequestContext,
  refused: { action: RefusableAction; subject: string; refusal: Refusal; details?: Record<string, unknown> },
): Promise<never> {
  const { user, roles, departments } = context.principal;
  const { refusal } = refused;
  await recordRefusedRequest(db, {
    actor: user,
    roles,
    departments,
    action: refused.action,
    code: refusal.code,
    message: refusal.message,
    subject: refused.subject,
    details: refused.details ?? {},
    requestId: context.requestId || null,
  });
  throw new GatewayError(STATUS_OF_CODE[refusal.code], refusal.code, refusal.message, refusal.problems);
}
