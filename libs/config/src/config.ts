import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { DEFAULT_PRIORITY_WEIGHTS, DEFAULT_TASK_QUEUE, type PriorityWeights } from '@cio/contracts';
import { type DataSourceConfig, loadDataSources } from './data-sources';

/**
 * The repository root (in an image, the app's folder): the nearest folder above this module with a
 * package.json, whether it runs from source or compiled under dist/node. Relative paths in the
 * configuration are resolved against it.
 */
export const workspaceRoot = nearestPackageRoot(__dirname);

function nearestPackageRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

const port = z.coerce.number().int().min(1).max(65535);
const positiveInt = z.coerce.number().int().positive();
const optionalString = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const DEV_WEBHOOK_SECRET = 'dev-webhook-secret-change-me';

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The development signing secret `npm run token` uses; refused when NODE_ENV=production. */
export const DEV_JWT_SECRET = 'dev-only-jwt-secret-do-not-use-in-production';

/**
 * Every environment variable any process reads, with its default. README's configuration table
 * is written from this schema; nothing else in the code base reads `process.env`.
 */
export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** `pretty`: readable lines (the default in development); `json`: one JSON object a line (otherwise). */
  LOG_FORMAT: optionalString.pipe(z.enum(['pretty', 'json']).optional()),
  DATA_DIR: z.string().default('.data'),

  TEMPORAL_ADDRESS: optionalString.pipe(
    z
      .string()
      .regex(/^[^\s:/]+:\d{1,5}$/, 'must be host:port, e.g. temporal:7233')
      .optional(),
  ),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default(DEFAULT_TASK_QUEUE),
  TEMPORAL_DEV_PORT: port.default(7233),
  TEMPORAL_UI_PORT: port.default(8233),
  TEMPORAL_CLI_PATH: z.string().default('.tools/venv/bin/temporal'),
  TEMPORAL_TEST_SERVER_PATH: z.string().default('.tools/venv/bin/temporal-test-server'),

  DATABASE_URL: optionalString.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\/.+/, 'must be a postgres:// URL')
      .optional(),
  ),
  EMBEDDED_PG_PORT: port.default(54329),
  DB_POOL_SIZE: positiveInt.max(200).default(10),
  DB_STATEMENT_TIMEOUT_MS: positiveInt.default(15_000),
  DB_CONNECT_TIMEOUT_MS: positiveInt.default(5_000),

  GATEWAY_HOST: z.string().min(1).default('127.0.0.1'),
  GATEWAY_PORT: port.default(3000),
  /** Largest request body in bytes (a batch of 10,000 samples is about 1.2 MB). */
  GATEWAY_BODY_LIMIT_BYTES: positiveInt.default(2_000_000),
  /** State-changing requests per caller per minute. */
  GATEWAY_WRITE_RATE_LIMIT: positiveInt.default(600),
  /** Measurement and feedback requests per caller per minute (monitoring tools push often). */
  GATEWAY_INGEST_RATE_LIMIT: positiveInt.default(60_000),
  /** How long a state-changing request waits for the initiative to apply and record the change. */
  GATEWAY_UPDATE_TIMEOUT_MS: positiveInt.default(10_000),

  // Who may create initiatives, and the shortest reminder and follow-up interval a policy may set.
  INITIATIVE_CREATOR_ROLES: z
    .string()
    .default('improvement-manager')
    .transform((value) =>
      value
        .split(',')
        .map((role) => role.trim())
        .filter((role) => role !== ''),
    )
    .pipe(z.array(z.string()).min(1, 'must name at least one role')),
  /** Unset: 15 minutes in production, 1 second otherwise. */
  POLICY_MIN_INTERVAL_MS: optionalString.pipe(
    z
      .string()
      .regex(/^\d{1,12}$/, 'must be a whole number of milliseconds')
      .transform(Number)
      .optional(),
  ),

  /** JSON weights of the opportunities' priority model, e.g. {"benefit":12,"effort":4}; unset ones keep their default. */
  OPPORTUNITY_SCORE_WEIGHTS: optionalString.pipe(
    z
      .string()
      .transform((text, ctx) => {
        try {
          return JSON.parse(text) as unknown;
        } catch {
          ctx.addIssue({ code: 'custom', message: 'must be a JSON object of weights' });
          return z.NEVER;
        }
      })
      .pipe(
        z.strictObject({
          benefit: z.number().min(0).max(1000).optional(),
          effort: z.number().min(0).max(1000).optional(),
          risk: z.number().min(0).max(1000).optional(),
          support: z.number().min(0).max(1000).optional(),
          objectives: z.number().min(0).max(1000).optional(),
        }),
      )
      .optional(),
  ),

  // Bearer tokens: HS256 with the shared secret, or asymmetric keys from a JWKS URL when set.
  AUTH_JWT_SECRET: z.string().min(32, 'must be at least 32 characters').default(DEV_JWT_SECRET),
  AUTH_JWKS_URL: optionalString.pipe(z.url({ protocol: /^https?$/ }).optional()),
  AUTH_ISSUER: z.string().min(1).default('continual-improvement'),
  AUTH_AUDIENCE: z.string().min(1).default('cio-gateway'),
  // Signing in to the web app through an OpenID provider (authorization code flow with PKCE).
  AUTH_OIDC_ISSUER: optionalString.pipe(z.url({ protocol: /^https?$/ }).optional()),
  AUTH_OIDC_CLIENT_ID: optionalString,
  AUTH_OIDC_SCOPES: z.string().min(1).default('openid profile email'),
  /** Sent as `resource` (RFC 8707) when the provider issues access tokens for a named API. */
  AUTH_OIDC_RESOURCE: optionalString,
  /** Where the web app links an initiative's workflow; unset, the embedded dev server's UI. */
  TEMPORAL_UI_URL: optionalString.pipe(z.url({ protocol: /^https?$/ }).optional()),
  /** The built web app the gateway serves under /app/ (`npm run build:web`). */
  WEB_DIST_DIR: z.string().default('dist/web'),

  WORKER_SHUTDOWN_GRACE_MS: positiveInt.default(30_000),
  /**
   * Initiatives the worker keeps in memory between their steps (about 0.3 MB each). Unset: the
   * SDK sizes it from the heap limit. Past it, the least recently used is evicted and replays its
   * history on its next step.
   */
  WORKER_MAX_CACHED_WORKFLOWS: optionalString.pipe(
    z
      .string()
      .regex(/^\d{1,9}$/, 'must be a whole number (0 turns the cache off)')
      .transform(Number)
      .optional(),
  ),
  /** host:port of the worker's Prometheus endpoint (the SDK's metrics and ours). */
  WORKER_METRICS_ADDRESS: z
    .string()
    .regex(/^[^\s:/]+:\d{1,5}$/, 'must be host:port, e.g. 0.0.0.0:9464')
    .default('127.0.0.1:9464'),
  WORKFLOW_BUNDLE_PATH: optionalString,

  // Measurements: samples older or further in the future than this are refused at ingest.
  MEASUREMENT_MAX_AGE_DAYS: positiveInt.default(400),
  MEASUREMENT_MAX_FUTURE_MS: z.coerce.number().int().min(0).default(300_000),

  // Data sources the worker pulls sourced KPIs from while a window is open (see README).
  DATA_SOURCES: optionalString,
  DATA_SOURCES_FILE: optionalString,
  /** The step of pulled samples and how often an open window is pulled. */
  DATA_COLLECTION_STEP_MS: positiveInt.min(1_000).default(60_000),
  /** How often the worker looks for windows due for a pull. */
  DATA_COLLECTION_POLL_MS: positiveInt.default(5_000),
  DATA_SOURCE_TIMEOUT_MS: positiveInt.default(10_000),

  // Notification webhooks: every outbox entry is POSTed to each URL, signed with the secret.
  WEBHOOK_URLS: z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((url) => url.trim())
        .filter((url) => url !== ''),
    )
    .pipe(z.array(z.url({ protocol: /^https?$/, error: 'must be comma-separated http(s) URLs' }))),
  WEBHOOK_SECRET: z
    .string()
    .min(16, 'must be at least 16 characters')
    .default('dev-webhook-secret-change-me'),
  WEBHOOK_TIMEOUT_MS: positiveInt.default(5_000),
  WEBHOOK_MAX_ATTEMPTS: positiveInt.max(50).default(10),
  WEBHOOK_BACKOFF_MS: positiveInt.default(1_000),
  WEBHOOK_BACKOFF_MAX_MS: positiveInt.default(3_600_000),
  WEBHOOK_POLL_INTERVAL_MS: positiveInt.default(1_000),

  // Email: every notification to the people its wait resolves to, through this SMTP server.
  /** Unset: no email is sent (the outbox and webhooks work as before). */
  SMTP_HOST: optionalString,
  SMTP_PORT: port.default(587),
  /** `true`: TLS from the first byte (port 465); `false`: STARTTLS when the server offers it. */
  SMTP_SECURE: z.enum(['true', 'false']).default('false'),
  /** `true`: refuse to send unless the connection is encrypted (STARTTLS required). */
  SMTP_REQUIRE_TLS: z.enum(['true', 'false']).default('false'),
  SMTP_USER: optionalString,
  SMTP_PASSWORD: optionalString,
  MAIL_FROM: z.string().min(3).default('Continual Improvement <cio@localhost>'),
  MAIL_TIMEOUT_MS: positiveInt.default(10_000),
  MAIL_MAX_ATTEMPTS: positiveInt.max(50).default(8),
  MAIL_BACKOFF_MS: positiveInt.default(30_000),
  MAIL_POLL_INTERVAL_MS: positiveInt.default(2_000),
  /** Where links in emails point: the web app's address as people reach it. */
  PUBLIC_WEB_URL: optionalString.pipe(z.url({ protocol: /^https?$/ }).optional()),
  /** When the daily digest is sent, HH:MM in DIGEST_TIMEZONE. */
  DIGEST_TIME: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM, e.g. 07:30')
    .default('07:00'),
  /** An IANA time zone, e.g. Asia/Shanghai. */
  DIGEST_TIMEZONE: z
    .string()
    .min(1)
    .default('UTC')
    .refine(isTimeZone, 'must be an IANA time zone, e.g. Europe/Paris'),
  /** How often a person's directory entry is refreshed from their token's claims at most. */
  DIRECTORY_REFRESH_MS: positiveInt.default(300_000),

  // Test suites only: an existing PostgreSQL to create throwaway databases in, and a running
  // Temporal server. Unset, the suites start an embedded PostgreSQL and a dev server themselves.
  TEST_DATABASE_ADMIN_URL: optionalString,
  TEST_TEMPORAL_ADDRESS: optionalString,
  /** `1`: the scenario suites (re)write the workflow histories under tests/replay/histories. */
  TEST_RECORD_HISTORIES: z.enum(['0', '1']).default('0'),
});

export type RawConfig = z.infer<typeof configSchema>;

/** The shortest reminder or follow-up interval a policy may set, unless POLICY_MIN_INTERVAL_MS says otherwise. */
export const DEFAULT_POLICY_MIN_INTERVAL_MS = { production: 900_000, other: 1_000 } as const;

export interface AppConfig {
  env: RawConfig['NODE_ENV'];
  logLevel: RawConfig['LOG_LEVEL'];
  logFormat: 'pretty' | 'json';
  dataDir: string;
  temporal: {
    /** Set when an existing cluster is used; undefined means "start the embedded dev server". */
    address: string | undefined;
    namespace: string;
    taskQueue: string;
    devPort: number;
    uiPort: number;
    cliPath: string;
    testServerPath: string;
  };
  database: {
    /** Set when an existing PostgreSQL is used; undefined means "start the embedded one". */
    url: string | undefined;
    embeddedPort: number;
    poolSize: number;
    statementTimeoutMs: number;
    connectTimeoutMs: number;
  };
  gateway: {
    host: string;
    port: number;
    bodyLimitBytes: number;
    writeRateLimit: number;
    ingestRateLimit: number;
    updateTimeoutMs: number;
  };
  initiatives: {
    /** Roles that may create initiatives (besides holding one of the new initiative's manager roles). */
    creatorRoles: string[];
    /** Floor on approval and implementation reminder intervals and on the follow-up interval. */
    minIntervalMs: number;
  };
  /** The priority model of the opportunities' backlog. */
  opportunities: { weights: PriorityWeights };
  auth: {
    jwtSecret: string;
    jwksUrl: string | undefined;
    issuer: string;
    audience: string;
    oidc: { issuer: string; clientId: string; scopes: string; resource: string | undefined } | undefined;
    /** Tokens minted by the gateway itself for a chosen persona: development with its secret only. */
    devSignIn: boolean;
  };
  web: { distDir: string; temporalUiUrl: string };
  worker: {
    shutdownGraceMs: number;
    maxCachedWorkflows: number | undefined;
    workflowBundlePath: string | undefined;
    metricsAddress: string;
  };
  measurements: { maxAgeMs: number; maxFutureMs: number };
  dataCollection: {
    sources: DataSourceConfig[];
    stepMs: number;
    pollIntervalMs: number;
    timeoutMs: number;
  };
  webhooks: {
    urls: string[];
    secret: string;
    timeoutMs: number;
    maxAttempts: number;
    backoffMs: number;
    backoffMaxMs: number;
    pollIntervalMs: number;
  };
  /** Email: undefined when SMTP_HOST is unset (nothing is sent). */
  mail:
    | {
        host: string;
        port: number;
        secure: boolean;
        requireTls: boolean;
        auth: { user: string; pass: string } | undefined;
        from: string;
        timeoutMs: number;
        maxAttempts: number;
        backoffMs: number;
        pollIntervalMs: number;
      }
    | undefined;
  /** The web app's public address (no trailing slash), for links in emails. */
  publicWebUrl: string;
  digest: { hour: number; minute: number; timeZone: string };
  directory: { refreshMs: number };
  test: {
    databaseAdminUrl: string | undefined;
    temporalAddress: string | undefined;
    recordHistories: boolean;
  };
}

export class ConfigError extends Error {
  constructor(readonly issues: { variable: string; message: string }[]) {
    super(
      `Invalid configuration:\n${issues.map((issue) => `  ${issue.variable}: ${issue.message}`).join('\n')}`,
    );
    this.name = 'ConfigError';
  }
}

const fromRoot = (path: string) => resolve(workspaceRoot, path);

/** Parses and validates the environment; throws a ConfigError naming every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => ({
        variable: String(issue.path[0] ?? '?'),
        message: issue.message,
      })),
    );
  }
  const c = parsed.data;
  const dataSources = loadDataSources(
    env,
    c.DATA_SOURCES,
    c.DATA_SOURCES_FILE ? fromRoot(c.DATA_SOURCES_FILE) : undefined,
  );
  if (dataSources.issues.length > 0) throw new ConfigError(dataSources.issues);
  if (c.AUTH_OIDC_ISSUER && !c.AUTH_OIDC_CLIENT_ID) {
    throw new ConfigError([
      {
        variable: 'AUTH_OIDC_CLIENT_ID',
        message: "is required with AUTH_OIDC_ISSUER (the web app's client id)",
      },
    ]);
  }
  if (
    c.NODE_ENV === 'production' &&
    !c.AUTH_JWKS_URL &&
    !c.AUTH_OIDC_ISSUER &&
    c.AUTH_JWT_SECRET === DEV_JWT_SECRET
  ) {
    throw new ConfigError([
      {
        variable: 'AUTH_JWT_SECRET',
        message: 'set a secret of your own (or AUTH_JWKS_URL, or AUTH_OIDC_ISSUER) in production',
      },
    ]);
  }
  if (c.NODE_ENV === 'production' && c.SMTP_HOST && !c.PUBLIC_WEB_URL) {
    throw new ConfigError([
      {
        variable: 'PUBLIC_WEB_URL',
        message: 'is required with SMTP_HOST in production (the links in emails point there)',
      },
    ]);
  }
  if (c.SMTP_USER && !c.SMTP_PASSWORD) {
    throw new ConfigError([{ variable: 'SMTP_PASSWORD', message: 'is required with SMTP_USER' }]);
  }
  if (c.NODE_ENV === 'production' && c.WEBHOOK_URLS.length > 0 && c.WEBHOOK_SECRET === DEV_WEBHOOK_SECRET) {
    throw new ConfigError([
      {
        variable: 'WEBHOOK_SECRET',
        message: 'set a secret of your own when WEBHOOK_URLS is set in production',
      },
    ]);
  }
  return {
    env: c.NODE_ENV,
    logLevel: c.LOG_LEVEL,
    logFormat: c.LOG_FORMAT ?? (c.NODE_ENV === 'development' ? 'pretty' : 'json'),
    dataDir: fromRoot(c.DATA_DIR),
    temporal: {
      address: c.TEMPORAL_ADDRESS,
      namespace: c.TEMPORAL_NAMESPACE,
      taskQueue: c.TEMPORAL_TASK_QUEUE,
      devPort: c.TEMPORAL_DEV_PORT,
      uiPort: c.TEMPORAL_UI_PORT,
      cliPath: fromRoot(c.TEMPORAL_CLI_PATH),
      testServerPath: fromRoot(c.TEMPORAL_TEST_SERVER_PATH),
    },
    database: {
      url: c.DATABASE_URL,
      embeddedPort: c.EMBEDDED_PG_PORT,
      poolSize: c.DB_POOL_SIZE,
      statementTimeoutMs: c.DB_STATEMENT_TIMEOUT_MS,
      connectTimeoutMs: c.DB_CONNECT_TIMEOUT_MS,
    },
    gateway: {
      host: c.GATEWAY_HOST,
      port: c.GATEWAY_PORT,
      bodyLimitBytes: c.GATEWAY_BODY_LIMIT_BYTES,
      writeRateLimit: c.GATEWAY_WRITE_RATE_LIMIT,
      ingestRateLimit: c.GATEWAY_INGEST_RATE_LIMIT,
      updateTimeoutMs: c.GATEWAY_UPDATE_TIMEOUT_MS,
    },
    initiatives: {
      creatorRoles: c.INITIATIVE_CREATOR_ROLES,
      minIntervalMs:
        c.POLICY_MIN_INTERVAL_MS ??
        (c.NODE_ENV === 'production'
          ? DEFAULT_POLICY_MIN_INTERVAL_MS.production
          : DEFAULT_POLICY_MIN_INTERVAL_MS.other),
    },
    opportunities: { weights: { ...DEFAULT_PRIORITY_WEIGHTS, ...c.OPPORTUNITY_SCORE_WEIGHTS } },
    auth: {
      jwtSecret: c.AUTH_JWT_SECRET,
      jwksUrl: c.AUTH_JWKS_URL,
      issuer: c.AUTH_ISSUER,
      audience: c.AUTH_AUDIENCE,
      oidc: c.AUTH_OIDC_ISSUER
        ? {
            issuer: c.AUTH_OIDC_ISSUER,
            clientId: c.AUTH_OIDC_CLIENT_ID ?? '',
            scopes: c.AUTH_OIDC_SCOPES,
            resource: c.AUTH_OIDC_RESOURCE,
          }
        : undefined,
      devSignIn:
        c.NODE_ENV === 'development' &&
        c.AUTH_JWT_SECRET === DEV_JWT_SECRET &&
        !c.AUTH_JWKS_URL &&
        !c.AUTH_OIDC_ISSUER,
    },
    web: {
      distDir: fromRoot(c.WEB_DIST_DIR),
      temporalUiUrl: c.TEMPORAL_UI_URL ?? `http://127.0.0.1:${c.TEMPORAL_UI_PORT}`,
    },
    worker: {
      shutdownGraceMs: c.WORKER_SHUTDOWN_GRACE_MS,
      maxCachedWorkflows: c.WORKER_MAX_CACHED_WORKFLOWS,
      workflowBundlePath: c.WORKFLOW_BUNDLE_PATH ? fromRoot(c.WORKFLOW_BUNDLE_PATH) : undefined,
      metricsAddress: c.WORKER_METRICS_ADDRESS,
    },
    dataCollection: {
      sources: dataSources.sources,
      stepMs: c.DATA_COLLECTION_STEP_MS,
      pollIntervalMs: c.DATA_COLLECTION_POLL_MS,
      timeoutMs: c.DATA_SOURCE_TIMEOUT_MS,
    },
    measurements: {
      maxAgeMs: c.MEASUREMENT_MAX_AGE_DAYS * 86_400_000,
      maxFutureMs: c.MEASUREMENT_MAX_FUTURE_MS,
    },
    webhooks: {
      urls: c.WEBHOOK_URLS,
      secret: c.WEBHOOK_SECRET,
      timeoutMs: c.WEBHOOK_TIMEOUT_MS,
      maxAttempts: c.WEBHOOK_MAX_ATTEMPTS,
      backoffMs: c.WEBHOOK_BACKOFF_MS,
      backoffMaxMs: c.WEBHOOK_BACKOFF_MAX_MS,
      pollIntervalMs: c.WEBHOOK_POLL_INTERVAL_MS,
    },
    mail: c.SMTP_HOST
      ? {
          host: c.SMTP_HOST,
          port: c.SMTP_PORT,
          secure: c.SMTP_SECURE === 'true',
          requireTls: c.SMTP_REQUIRE_TLS === 'true',
          auth: c.SMTP_USER ? { user: c.SMTP_USER, pass: c.SMTP_PASSWORD ?? '' } : undefined,
          from: c.MAIL_FROM,
          timeoutMs: c.MAIL_TIMEOUT_MS,
          maxAttempts: c.MAIL_MAX_ATTEMPTS,
          backoffMs: c.MAIL_BACKOFF_MS,
          pollIntervalMs: c.MAIL_POLL_INTERVAL_MS,
        }
      : undefined,
    publicWebUrl: (c.PUBLIC_WEB_URL ?? `http://localhost:${c.GATEWAY_PORT}/app`).replace(/\/+$/, ''),
    digest: {
      hour: Number(c.DIGEST_TIME.slice(0, 2)),
      minute: Number(c.DIGEST_TIME.slice(3)),
      timeZone: c.DIGEST_TIMEZONE,
    },
    directory: { refreshMs: c.DIRECTORY_REFRESH_MS },
    test: {
      databaseAdminUrl: c.TEST_DATABASE_ADMIN_URL,
      temporalAddress: c.TEST_TEMPORAL_ADDRESS,
      recordHistories: c.TEST_RECORD_HISTORIES === '1',
    },
  };
}

/** For process entry points: a bad value stops the process with a message naming the variable. */
export function loadConfigOrExit(env: Record<string, string | undefined> = process.env): AppConfig {
  try {
    return loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
}
