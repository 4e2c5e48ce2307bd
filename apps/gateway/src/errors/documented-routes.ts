import type { OpenAPIObject } from '@nestjs/swagger';
import type { ErrorDetail } from './gateway-error';

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

/** Keys that would reach an object's prototype if code ever merged a request into an object. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

interface DocumentedRoute {
  pattern: RegExp;
  /** Each documented method with the names of its query parameters. */
  queries: Map<string, Set<string>>;
}

/**
 * The routes of the OpenAPI document, to answer what no route handler sees: a known path asked
 * with another method gets 405 and an `Allow` header (RFC 9110 §15.5.6) instead of a 404, and a
 * query parameter the route does not document is refused by name.
 */
export class DocumentedRoutes {
  private readonly routes: DocumentedRoute[];

  constructor(document: Pick<OpenAPIObject, 'paths'>) {
    this.routes = Object.entries(document.paths).map(([template, item]) => {
      const queries = new Map<string, Set<string>>();
      for (const method of HTTP_METHODS) {
        const operation = item[method];
        if (!operation) continue;
        const names = (operation.parameters ?? []).flatMap((p) =>
          'in' in p && p.in === 'query' ? [p.name] : [],
        );
        queries.set(method.toUpperCase(), new Set(names));
      }
      // Express answers HEAD wherever it answers GET.
      const get = queries.get('GET');
      if (get && !queries.has('HEAD')) queries.set('HEAD', get);
      const pattern = template
        .split(/\{[^}]+\}/)
        .map((literal) => literal.replace(/[.*+?^$()|[\]\\]/g, '\\$&'))
        .join('[^/]+');
      return { pattern: new RegExp(`^${pattern}/?$`), queries };
    });
  }

  /** The methods `path` answers, or null when no documented path matches it. */
  allowedMethods(path: string): string[] | null {
    const methods = new Set(
      this.routes.filter((r) => r.pattern.test(path)).flatMap((r) => [...r.queries.keys()]),
    );
    return methods.size > 0 ? [...methods].sort() : null;
  }

  /**
   * Keys no route accepts, each named by its field: prototype keys (`__proto__`, `constructor`,
   * `prototype`) anywhere in the body or the query, and query parameters the documented route
   * does not take. Routes the document does not describe (the docs pages) are not checked.
   */
  unknownKeys(method: string, path: string, body: unknown, query: Record<string, unknown>): ErrorDetail[] {
    const problems = [...prototypeKeys(body, ''), ...prototypeKeys(query, '')];
    const route = this.routes.find((r) => r.pattern.test(path) && r.queries.has(method));
    const documented = route?.queries.get(method);
    if (documented) {
      for (const key of Object.keys(query)) {
        if (!documented.has(key) && !PROTOTYPE_KEYS.has(key))
          problems.push({ field: key, message: 'Unrecognized query parameter' });
      }
    }
    return problems;
  }
}

/** Deeper than this, a body is refused: no request of this API nests so far. */
export const MAX_NESTING = 64;

/** Prototype keys anywhere in the value, and nesting past MAX_NESTING, walked without recursion. */
function prototypeKeys(value: unknown, path: string): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path, depth: 0 }];
  while (stack.length > 0) {
    const item = stack.pop();
    if (!item || typeof item.value !== 'object' || item.value === null) continue;
    if (item.depth >= MAX_NESTING) {
      problems.push({ field: item.path || 'body', message: `nests deeper than ${MAX_NESTING} levels` });
      continue;
    }
    const container = item.value as Record<string, unknown>;
    for (const key of Object.keys(container)) {
      const field = Array.isArray(container)
        ? `${item.path}[${key}]`
        : item.path
          ? `${item.path}.${key}`
          : key;
      if (PROTOTYPE_KEYS.has(key)) problems.push({ field, message: `Unrecognized key: "${key}"` });
      else stack.push({ value: container[key], path: field, depth: item.depth + 1 });
    }
  }
  return problems.sort((a, b) => (a.field ?? '').localeCompare(b.field ?? ''));
}
