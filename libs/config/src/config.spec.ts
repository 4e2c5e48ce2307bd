import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('gives the embedded defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config.temporal.address).toBeUndefined();
    expect(config.database.url).toBeUndefined();
    expect(config.temporal.uiPort).toBe(8233);
    expect(config.temporal.taskQueue).toBe('continual-improvement');
    expect(config.gateway.port).toBe(3000);
    expect(config.temporal.cliPath).toMatch(/\.tools\/venv\/bin\/temporal$/);
  });

  it('uses an existing cluster and database when their variables are set', () => {
    const config = loadConfig({
      TEMPORAL_ADDRESS: 'temporal.internal:7233',
      DATABASE_URL: 'postgres://register@db:5432/register',
      GATEWAY_PORT: '8080',
    });
    expect(config.temporal.address).toBe('temporal.internal:7233');
    expect(config.database.url).toBe('postgres://register@db:5432/register');
    expect(config.gateway.port).toBe(8080);
  });

  it("leaves the worker's cache size to the SDK unless it is set", () => {
    expect(loadConfig({}).worker.maxCachedWorkflows).toBeUndefined();
    expect(loadConfig({ WORKER_MAX_CACHED_WORKFLOWS: '5000' }).worker.maxCachedWorkflows).toBe(5000);
    expect(loadConfig({ WORKER_MAX_CACHED_WORKFLOWS: '0' }).worker.maxCachedWorkflows).toBe(0);
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ TEMPORAL_ADDRESS: '', DATABASE_URL: ' ' }).temporal.address).toBeUndefined();
  });

  it.each([
    ['GATEWAY_PORT', 'eighty', 'GATEWAY_PORT'],
    ['GATEWAY_PORT', '70000', 'GATEWAY_PORT'],
    ['TEMPORAL_ADDRESS', 'http://temporal:7233', 'TEMPORAL_ADDRESS'],
    ['DATABASE_URL', 'mysql://db/register', 'DATABASE_URL'],
    ['LOG_LEVEL', 'loud', 'LOG_LEVEL'],
    ['DB_POOL_SIZE', '0', 'DB_POOL_SIZE'],
    ['WORKER_MAX_CACHED_WORKFLOWS', 'lots', 'WORKER_MAX_CACHED_WORKFLOWS'],
    ['WORKER_MAX_CACHED_WORKFLOWS', '-1', 'WORKER_MAX_CACHED_WORKFLOWS'],
  ])('refuses %s=%s and names the variable', (name, value, named) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    try {
      loadConfig({ [name]: value });
    } catch (error) {
      expect((error as ConfigError).issues.map((issue) => issue.variable)).toEqual([named]);
      expect((error as Error).message).toContain(named);
    }
  });

  it('reports every bad variable at once', () => {
    expect(() => loadConfig({ GATEWAY_PORT: 'x', NODE_ENV: 'staging' })).toThrow(
      /NODE_ENV[\s\S]*GATEWAY_PORT|GATEWAY_PORT[\s\S]*NODE_ENV/,
    );
  });

  it('refuses the development secrets in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/AUTH_JWT_SECRET/);
    const own = { NODE_ENV: 'production', AUTH_JWT_SECRET: 'a-production-secret-of-enough-length-0123' };
    expect(loadConfig(own).auth.jwtSecret).toBe(own.AUTH_JWT_SECRET);
    expect(() => loadConfig({ ...own, WEBHOOK_URLS: 'https://hooks.example.com/cio' })).toThrow(
      /WEBHOOK_SECRET/,
    );
    expect(
      loadConfig({ NODE_ENV: 'production', AUTH_JWKS_URL: 'https://id.example.com/jwks' }).auth.jwksUrl,
    ).toBe('https://id.example.com/jwks');
  });

  it('reads the webhook URLs as a list and refuses other schemes', () => {
    expect(loadConfig({ WEBHOOK_URLS: ' http://a.test/x , https://b.test/y ' }).webhooks.urls).toEqual([
      'http://a.test/x',
      'https://b.test/y',
    ]);
    expect(() => loadConfig({ WEBHOOK_URLS: 'ftp://a.test/x' })).toThrow(/WEBHOOK_URLS/);
  });

  it('logs readable lines in development and JSON elsewhere, unless LOG_FORMAT says otherwise', () => {
    expect(loadConfig({}).logFormat).toBe('pretty');
    expect(loadConfig({ NODE_ENV: 'test' }).logFormat).toBe('json');
    expect(loadConfig({ LOG_FORMAT: 'json' }).logFormat).toBe('json');
    expect(() => loadConfig({ LOG_FORMAT: 'xml' })).toThrow(/LOG_FORMAT/);
  });

  it('lets improvement managers create initiatives, with a floor on reminder intervals', () => {
    const development = loadConfig({});
    expect(development.initiatives.creatorRoles).toEqual(['improvement-manager']);
    expect(development.initiatives.minIntervalMs).toBe(1_000);
    const production = loadConfig({
      NODE_ENV: 'production',
      AUTH_JWT_SECRET: 'a-production-secret-of-enough-length-0123',
    });
    expect(production.initiatives.minIntervalMs).toBe(15 * 60_000);
    const own = loadConfig({ INITIATIVE_CREATOR_ROLES: ' cio, pmo ', POLICY_MIN_INTERVAL_MS: '60000' });
    expect(own.initiatives).toEqual({ creatorRoles: ['cio', 'pmo'], minIntervalMs: 60_000 });
    expect(() => loadConfig({ INITIATIVE_CREATOR_ROLES: ' , ' })).toThrow(/INITIATIVE_CREATOR_ROLES/);
    expect(() => loadConfig({ POLICY_MIN_INTERVAL_MS: 'soon' })).toThrow(/POLICY_MIN_INTERVAL_MS/);
  });

  it('gives ingest a rate limit of its own, higher than the one of commands', () => {
    const { gateway } = loadConfig({});
    expect(gateway.ingestRateLimit).toBeGreaterThan(gateway.writeRateLimit);
  });

  it('sends no email unless SMTP_HOST is set, and reads the SMTP settings when it is', () => {
    const quiet = loadConfig({});
    expect(quiet.mail).toBeUndefined();
    expect(quiet.publicWebUrl).toBe('http://localhost:3000/app');
    const mail = loadConfig({
      SMTP_HOST: 'smtp.example.com',
      SMTP_PORT: '465',
      SMTP_SECURE: 'true',
      SMTP_USER: 'cio',
      SMTP_PASSWORD: 'secret',
      PUBLIC_WEB_URL: 'https://cio.example.com/app/',
    });
    expect(mail.mail).toEqual(
      expect.objectContaining({
        host: 'smtp.example.com',
        port: 465,
        secure: true,
        requireTls: false,
        auth: { user: 'cio', pass: 'secret' },
      }),
    );
    expect(mail.publicWebUrl).toBe('https://cio.example.com/app');
    expect(() => loadConfig({ SMTP_HOST: 'smtp.example.com', SMTP_USER: 'cio' })).toThrow(/SMTP_PASSWORD/);
    expect(() => loadConfig({ SMTP_SECURE: 'yes' })).toThrow(/SMTP_SECURE/);
    expect(() =>
      loadConfig({
        NODE_ENV: 'production',
        AUTH_JWT_SECRET: 'a-production-secret-of-enough-length-0123',
        SMTP_HOST: 'smtp.example.com',
      }),
    ).toThrow(/PUBLIC_WEB_URL/);
  });

  it('sends the daily digest at DIGEST_TIME in DIGEST_TIMEZONE', () => {
    expect(loadConfig({}).digest).toEqual({ hour: 7, minute: 0, timeZone: 'UTC' });
    expect(loadConfig({ DIGEST_TIME: '18:45', DIGEST_TIMEZONE: 'Asia/Shanghai' }).digest).toEqual({
      hour: 18,
      minute: 45,
      timeZone: 'Asia/Shanghai',
    });
    expect(() => loadConfig({ DIGEST_TIME: '25:00' })).toThrow(/DIGEST_TIME/);
    expect(() => loadConfig({ DIGEST_TIMEZONE: 'Mars/Olympus' })).toThrow(/DIGEST_TIMEZONE/);
  });
});
