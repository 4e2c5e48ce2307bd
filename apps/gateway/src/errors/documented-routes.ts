import type { OpenAPIObject } from '@nestjs/swagger';

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

/**
 * The methods each documented path answers, from the OpenAPI document, so that a known path asked
 * with another method gets 405 and an `Allow` header (RFC 9110 §15.5.6) instead of a 404.
 */
export class AllowedMethods {
  private readonly routes: { pattern: RegExp; methods: string[] }[];

  constructor(document: Pick<OpenAPIObject, 'paths'>) {
    this.routes = Object.entries(document.paths).map(([template, item]) => {
      const methods = HTTP_METHODS.filter((m) => m in item).map((m) => m.toUpperCase());
      // Express answers HEAD wherever it answers GET.
      if (methods.includes('GET') && !methods.includes('HEAD')) methods.push('HEAD');
      const pattern = template
        .split(/\{[^}]+\}/)
        .map((literal) => literal.replace(/[.*+?^$()|[\]\\]/g, '\\$&'))
        .join('[^/]+');
      return { pattern: new RegExp(`^${pattern}/?$`), methods };
    });
  }

  /** The methods `path` answers, or null when no documented path matches it. */
  of(path: string): string[] | null {
    const methods = new Set(this.routes.filter((r) => r.pattern.test(path)).flatMap((r) => r.methods));
    return methods.size > 0 ? [...methods].sort() : null;
  }
}
