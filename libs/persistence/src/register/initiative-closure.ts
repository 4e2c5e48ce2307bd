import type { DataSource } from 'typeorm';
import { type BenefitCategory, type ClosureCode, RegisterErrorCode } from '@cio/contracts';
import { CLOSURE_CODE_OF_OUTCOME } from '@cio/domain';
import { initiativeNotFound, RegisterError } from './register-error';

/**
 * An initiative's closure code in SQL, as `closureCodeOf` gives it: the code set on it, else the
 * one its outcome gives (null while it is open).
 */
export const closureCodeSql = (alias: string) =>
  `COALESCE(${alias}.closure_code, CASE ${alias}.closed_outcome ${Object.entries(CLOSURE_CODE_OF_OUTCOME)
    .map(([outcome, code]) => `WHEN '${outcome}' THEN '${code}'`)
    .join(' ')} END)`;

/**
 * Sets a closed initiative's closure code (else derived from its outcome) and the benefit it
 * achieved, with the reason, in its trail and on the opportunity it came from.
 */
export async function setInitiativeClosure(
  db: DataSource,
  input: {
    initiativeId: string;
    code: ClosureCode;
    reason: string;
    achievedBenefit: BenefitCategory | null;
    actor: string;
    role: string | null;
    requestId: string | null;
  },
): Promise<void> {
  await db.transaction(async (tx) => {
    const [row]: { phase: string; cycle: number; workflowId: string; opportunityId: string | null }[] =
      await tx.query(
        `SELECT phase, cycle, workflow_id AS "workflowId", opportunity_id AS "opportunityId"
         FROM initiatives WHERE id = $1 FOR UPDATE`,
        [input.initiativeId],
      );
    if (!row) throw initiativeNotFound(input.initiativeId);
    if (row.phase !== 'Closed') {
      throw new RegisterError(
        RegisterErrorCode.INITIATIVE_NOT_CLOSED,
        `initiative '${input.initiativeId}' is ${row.phase}: a closure code is set once it is closed`,
      );
    }
    await tx.query(
      `UPDATE initiatives SET closure_code = $2, closure_reason = $3, closure_by = $4, achieved_benefit = $5
        WHERE id = $1`,
      [input.initiativeId, input.code, input.reason, input.actor, input.achievedBenefit],
    );
    const details = { code: input.code, reason: input.reason, achievedBenefit: input.achievedBenefit };
    await tx.query(
      `INSERT INTO audit_entries (initiative_id, workflow_id, cycle, sequence, actor, role, action, outcome, details,
                                  request_id, occurred_at)
       VALUES ($1, $2, $3, NULL, $4, $5, 'set-closure', 'accepted', $6, $7, now())`,
      [
        input.initiativeId,
        row.workflowId,
        row.cycle,
        input.actor,
        input.role,
        JSON.stringify(details),
        input.requestId,
      ],
    );
    if (row.opportunityId) {
      await tx.query(
        `INSERT INTO opportunity_events (opportunity_id, actor, role, action, details, request_id)
         VALUES ($1, $2, $3, 'initiative-result', $4, $5)`,
        [
          row.opportunityId,
          input.actor,
          input.role,
          JSON.stringify({ initiativeId: input.initiativeId, ...details }),
          input.requestId,
        ],
      );
    }
  });
}
