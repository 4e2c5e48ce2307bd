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

/**
 * Validates bodies, queries and path parameters against the zod schema of their decorator and
 * answers 400 INVALID_INPUT with every bad field named.
 */
@Injectable()
export class SchemaValidationPipe extends StandardSchemaValidationPipe {
  override async transform<T = unknown>(value: T, metadata: ArgumentMetadata): Promise<T> {
    const schema = metadata.schema;
    if (!schema || metadata.type === 'custom') return value;
    this.stripProtoKeys(value);
    const result = await this.validate(value, schema, undefined);
    if (!result.issues) return result.value as T;
    const details: ErrorDetail[] = result.issues.slice(0, 50).map((issue) => ({
      field: fieldOf(issue, metadata),
      message: issue.message,
    }));
    const first = details[0];
    throw GatewayError.invalid(first ? `${first.field}: ${first.message}` : 'invalid input', details);
  }
}
