import { Client, type Connection, ScheduleAlreadyRunning } from '@temporalio/client';
import { encodeSearchAttributeIndexedValueType } from '@temporalio/common/lib/search-attributes';
import { allSearchAttributes } from '@cio/contracts';
import { required } from '@cio/domain';
import type { AppConfig, Logger } from '@cio/config';

/**
 * Registers the project's search attributes on an existing cluster (the embedded dev server gets
 * them as start flags instead). Idempotent: attributes already present are left alone.
 */
export async function ensureSearchAttributes(connection: Connection, namespace: string, logger?: Logger) {
  const existing = await connection.operatorService.listSearchAttributes({ namespace });
  const known = new Set(Object.keys(existing.customAttributes ?? {}));
  const missing = allSearchAttributes.filter((key) => !known.has(key.name));
  if (missing.length === 0) return [];
  await connection.operatorService.addSearchAttributes({
    namespace,
    searchAttributes: Object.fromEntries(
      missing.map((key) => [key.name, required(encodeSearchAttributeIndexedValueType(key.type), key.name)]),
    ),
  });
  logger?.info({ added: missing.map((key) => key.name), namespace }, 'search attributes registered');
  return missing.map((key) => key.name);
}

/** The schedule of the daily digest (one per namespace; its runs are `daily-digest-<time>`). */
export const DIGEST_SCHEDULE_ID = 'daily-digest';
export const DIGEST_WORKFLOW_TYPE = 'dailyDigestWorkflow';

/**
 * Creates the daily digest's Temporal Schedule, or brings an existing one in line with the
 * configuration (DIGEST_TIME, DIGEST_TIMEZONE, the task queue). Idempotent; run by the setup of
 * every deploy, so a changed digest time takes effect without touching Temporal by hand.
 */
export async function ensureDigestSchedule(
  connection: Connection,
  config: Pick<AppConfig, 'digest' | 'temporal'>,
  logger?: Logger,
): Promise<'created' | 'updated'> {
  const client = new Client({ connection, namespace: config.temporal.namespace });
  const { hour, minute, timeZone } = config.digest;
  const spec = { calendars: [{ hour, minute, comment: 'the daily digest' }], timezone: timeZone };
  const action = {
    type: 'startWorkflow' as const,
    workflowType: DIGEST_WORKFLOW_TYPE,
    taskQueue: config.temporal.taskQueue,
    workflowId: DIGEST_SCHEDULE_ID,
    args: [{ timeZone }],
  };
  try {
    await client.schedule.create({
      scheduleId: DIGEST_SCHEDULE_ID,
      spec,
      action,
      // A digest a few hours late is still worth sending; two of one day never run at once.
      policies: { overlap: 'SKIP', catchupWindow: '6 hours' },
      state: { note: 'created by setup' },
    });
    logger?.info({ hour, minute, timeZone }, 'daily digest scheduled');
    return 'created';
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
  }
  await client.schedule
    .getHandle(DIGEST_SCHEDULE_ID)
    .update((previous) => ({ ...previous, spec, action: { ...previous.action, ...action } }));
  return 'updated';
}
