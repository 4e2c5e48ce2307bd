import { type ArgumentMetadata, Injectable, StandardSchemaValidationPipe } from '@nestjs/common';
import type { StandardSchemaV1 } from '@standard-schema/spec';
import { type ErrorDetail, GatewayError } from './gateway-error';

/** `samples[3].value` from a schema issue's path. */
function fieldOf(issue: StandardSchemaV1.Issue, metadata: ArgumentMetadata): string {
  const path = (issue.path ?? []).map((segment) => (typeof segment === 'object' ? segment.key : segment));
  const base =
    metadata.type === 'param' || (metadata.type === 'query' && metadata.data) ? (metadata.data ?? '') : '';
  return (
    path.reduce<string>(
      (field, key) =>
        typeof key === 'number' ? `${field}[${key}]` : field ? `${field}.${String(key)}` : String(key),
      base,
    ) || (metadata.type === 'body' ? 'body' : metadata.type)
  );
}

// A NUL character, or half of a UTF-16 surrogate pair without the other half.
const UNSTORABLE = /\0|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * The strings of a validated value that PostgreSQL cannot store (text refuses NUL, jsonb also
 * unpaired surrogates): refused at the edge rather than failing in the register as a 500.
 */
function unstorableText(value: unknown, path: PropertyKey[] = []): StandardSchemaV1.Issue[] {
  if (typeof value === 'string') {
    return UNSTORABLE.test(value)
      ? [{ message: 'must not contain NUL characters or unpaired surrogates', path }]
      : [];
  }
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, item]) =>
    unstorableText(item, [...path, Array.isArray(value) ? Number(key) : key]),
  );
}

/**
 * Validates bodies, queries and path parameters against the zod schema of their decorator, then
 * their text against what the register can store, and answers 400 INVALID_INPUT with every bad
 * field named.
 */
@Injectable()
export class SchemaValidationPipe extends StandardSchemaValidationPipe {
  override async transform<T = unknown>(value: T, metadata: ArgumentMetadata): Promise<T> {
    const schema = metadata.schema;
    if (!schema || metadata.type === 'custom') return value;
    this.stripProtoKeys(value);
    const result = await this.validate(value, schema, undefined);
    if (result.issues) throw invalidInput(result.issues, metadata);
    const unstorable = unstorableText(result.value);
    if (unstorable.length > 0) throw invalidInput(unstorable, metadata);
    return result.value as T;
  }
}

/** 400 INVALID_INPUT naming each bad field (the first 50). */
function invalidInput(issues: readonly StandardSchemaV1.Issue[], metadata: ArgumentMetadata): GatewayError {
  const details: ErrorDetail[] = issues.slice(0, 50).map((issue) => ({
    field: fieldOf(issue, metadata),
    message: issue.message,
  }));
  const first = details[0];
  return GatewayError.invalid(first ? `${first.field}: ${first.message}` : 'invalid input', details);
}
