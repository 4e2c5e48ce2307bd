import { readFileSync } from 'node:fs';
import { z } from 'zod';

/**
 * A credential from the environment. It never shows as text: JSON, logs and inspection see
 * `[secret]`; only `reveal()` gives it, where a request to the data source is made.
 */
export class Secret {
  readonly #value: string;
  constructor(value: string) {
    this.#value = value;
  }
  reveal(): string {
    return this.#value;
  }
  toJSON(): string {
    return '[secret]';
  }
  toString(): string {
    return '[secret]';
  }
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return '[secret]';
  }
}

const fromEnv = z.strictObject({
  env: z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'must name an environment variable'),
});
const sourceName = z.string().regex(/^[a-z][a-z0-9-]{0,62}$/, 'must be lowercase letters, digits or dashes');

const prometheusSchema = z.strictObject({
  name: sourceName,
  kind: z.literal('prometheus'),
  url: z.url({ protocol: /^https?$/ }),
  auth: z
    .union([
      z.strictObject({ bearer: fromEnv }),
      z.strictObject({ basic: z.strictObject({ username: z.string().min(1), password: fromEnv }) }),
    ])
    .optional(),
});

const httpJsonSchema = z.strictObject({
  name: sourceName,
  kind: z.literal('http-json'),
  /** `{query}`, `{from}`, `{to}` (ISO-8601) and `{step}` (seconds) are filled in, URL-encoded. */
  urlTemplate: z
    .string()
    .refine((t) => /^https?:\/\//.test(t) && t.includes('{query}'), 'must be an http(s) URL with {query}'),
  headers: z.record(z.string(), z.union([z.string(), fromEnv])).default({}),
  /** JSONPath to the array of points in the answer, and to each point's value and time. */
  points: z.string().min(1),
  value: z.string().min(1),
  time: z.string().min(1),
  /** How times are written: ISO-8601, or seconds or milliseconds since the epoch. */
  timeUnit: z.enum(['iso', 's', 'ms']).default('iso'),
});

const dataSourcesSchema = z.array(z.discriminatedUnion('kind', [prometheusSchema, httpJsonSchema])).max(100);

export type PrometheusSource = Omit<z.infer<typeof prometheusSchema>, 'auth'> & {
  auth?: { bearer: Secret } | { basic: { username: string; password: Secret } };
};
export type HttpJsonSource = Omit<z.infer<typeof httpJsonSchema>, 'headers'> & {
  headers: Record<string, string | Secret>;
};
export type DataSourceConfig = PrometheusSource | HttpJsonSource;

export interface DataSourceIssue {
  variable: string;
  message: string;
}

/**
 * The data sources, from DATA_SOURCES (JSON) or the file DATA_SOURCES_FILE names, with every
 * credential read from the environment variable it names (`{ "env": "PROM_TOKEN" }`).
 */
export function loadDataSources(
  env: Record<string, string | undefined>,
  inline: string | undefined,
  file: string | undefined,
): { sources: DataSourceConfig[]; issues: DataSourceIssue[] } {
  const variable = file ? 'DATA_SOURCES_FILE' : 'DATA_SOURCES';
  let text = inline ?? '[]';
  if (file) {
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      return { sources: [], issues: [{ variable, message: `cannot be read: ${(error as Error).message}` }] };
    }
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { sources: [], issues: [{ variable, message: 'is not JSON (an array of data sources)' }] };
  }
  const parsed = dataSourcesSchema.safeParse(raw);
  if (!parsed.success) {
    return {
      sources: [],
      issues: parsed.error.issues.map((issue) => ({
        variable,
        message: `${issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('')}: ${issue.message}`,
      })),
    };
  }
  const issues: DataSourceIssue[] = [];
  const secret = (ref: { env: string }, where: string) => {
    const value = env[ref.env];
    if (!value) issues.push({ variable: ref.env, message: `must be set: ${where} names it` });
    return new Secret(value ?? '');
  };
  const names = new Set<string>();
  const sources = parsed.data.map((source, i): DataSourceConfig => {
    if (names.has(source.name))
      issues.push({ variable, message: `[${i}].name: '${source.name}' is used twice` });
    names.add(source.name);
    const where = `${variable}[${i}] (${source.name})`;
    if (source.kind === 'prometheus') {
      const { auth, ...rest } = source;
      if (!auth) return rest;
      return 'bearer' in auth
        ? { ...rest, auth: { bearer: secret(auth.bearer, where) } }
        : {
            ...rest,
            auth: { basic: { username: auth.basic.username, password: secret(auth.basic.password, where) } },
          };
    }
    const headers = Object.fromEntries(
      Object.entries(source.headers).map(([name, value]) => [
        name,
        typeof value === 'string' ? value : secret(value, where),
      ]),
    );
    return { ...source, headers };
  });
  return { sources, issues };
}
