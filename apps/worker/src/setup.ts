import type { Connection } from '@temporalio/client';
import { encodeSearchAttributeIndexedValueType } from '@temporalio/common/lib/search-attributes';
import { allSearchAttributes } from '@cio/contracts';
import { required } from '@cio/domain';
import type { Logger } from '@cio/config';

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
