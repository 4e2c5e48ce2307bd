import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { configSchema, workspaceRoot } from '@cio/config';
import { searchAttributeCliPairs } from '@cio/contracts';

interface ComposeService {
  image?: string;
  build?: { context: string; dockerfile: string };
  command?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  volumes?: string[];
  deploy?: { replicas?: number };
}
const composeFile = join(workspaceRoot, 'docker-compose.yml');
const compose = parse(readFileSync(composeFile, 'utf8'), { merge: true }) as {
  services: Record<string, ComposeService>;
};
const services = compose.services;
const knownVariables = new Set(Object.keys(configSchema.shape));

describe('docker-compose.yml', () => {
  it('is valid against the Compose specification', () => {
    const run = spawnSync(
      join(workspaceRoot, '.tools/venv/bin/check-jsonschema'),
      ['--builtin-schema', 'vendor.compose-spec', composeFile],
      { encoding: 'utf8' },
    );
    expect(`${run.stdout}${run.stderr}`).toContain('ok -- validation done');
    expect(run.status).toBe(0);
  });

  it('runs the whole system: PostgreSQL, Temporal with its UI, setup, worker, gateway, Prometheus and Grafana', () => {
    expect(Object.keys(services).sort()).toEqual(
      ['gateway', 'grafana', 'postgres', 'prometheus', 'setup', 'temporal', 'temporal-ui', 'worker'].sort(),
    );
    expect(services.temporal?.environment?.DB).toBe('postgres12');
    expect(services.worker?.deploy?.replicas).toBeGreaterThan(1);
    expect(services.worker?.depends_on?.setup?.condition).toBe('service_completed_successfully');
  });

  it.each(['worker', 'gateway', 'setup'])('wires %s only with variables the config module reads', (name) => {
    const environment = services[name]?.environment ?? {};
    for (const variable of Object.keys(environment)) expect(knownVariables).toContain(variable);
    expect(environment.TEMPORAL_ADDRESS).toBe('temporal:7233');
    expect(new URL(environment.DATABASE_URL ?? '').hostname).toBe('postgres');
    // And the values pass the same validation the processes apply at start, as Compose passes
    // them when the operator sets none of the variables they default (`${NAME:-default}`).
    const unset = Object.fromEntries(
      Object.entries(environment).map(([variable, value]) => [
        variable,
        value.replace(/\$\{\w+:-([^}]*)\}/g, '$1'),
      ]),
    );
    expect(configSchema.safeParse(unset).success).toBe(true);
  });

  it('has Prometheus scrape every gateway and worker replica where they serve /metrics, with the alert rules', () => {
    const prometheus = services.prometheus!;
    const mount = (prometheus.volumes ?? []).find((volume) => volume.startsWith('./deploy/prometheus:'));
    const configDir = mount?.split(':')[1];
    expect(prometheus.command).toContain(`--config.file=${configDir}/prometheus.yml`);
    const config = parse(readFileSync(join(workspaceRoot, 'deploy/prometheus/prometheus.yml'), 'utf8')) as {
      rule_files: string[];
      scrape_configs: { job_name: string; dns_sd_configs: { names: string[]; port: number }[] }[];
    };
    for (const file of config.rule_files)
      expect(existsSync(join(workspaceRoot, 'deploy/prometheus', file))).toBe(true);
    const jobs = Object.fromEntries(
      config.scrape_configs.map((job) => [job.job_name, job.dns_sd_configs[0]]),
    );
    // The job names the rules and the dashboard refer to, on each service's own metrics port.
    expect(jobs['cio-gateway']).toEqual(
      expect.objectContaining({
        names: ['gateway'],
        port: Number(services.gateway?.environment?.GATEWAY_PORT),
      }),
    );
    const workerPort = Number(services.worker?.environment?.WORKER_METRICS_ADDRESS?.split(':')[1]);
    expect(jobs['cio-worker']).toEqual(expect.objectContaining({ names: ['worker'], port: workerPort }));
    expect(services.worker?.environment?.WORKER_METRICS_ADDRESS).toMatch(/^0\.0\.0\.0:/);
  });

  it('has Grafana provision that Prometheus and the dashboard from deploy/grafana', () => {
    const grafana = services.grafana!;
    const mounts = Object.fromEntries((grafana.volumes ?? []).map((volume) => volume.split(':').slice(0, 2)));
    expect(mounts['./deploy/grafana/provisioning']).toBe('/etc/grafana/provisioning');
    const provider = parse(
      readFileSync(
        join(workspaceRoot, 'deploy/grafana/provisioning/dashboards/continual-improvement.yml'),
        'utf8',
      ),
    ) as { providers: { options: { path: string } }[] };
    expect(mounts['./deploy/grafana/dashboards']).toBe(provider.providers[0]?.options.path);
    const datasources = parse(
      readFileSync(join(workspaceRoot, 'deploy/grafana/provisioning/datasources/prometheus.yml'), 'utf8'),
    ) as { datasources: { type: string; url: string }[] };
    expect(datasources.datasources).toEqual([
      expect.objectContaining({ type: 'prometheus', url: 'http://prometheus:9090' }),
    ]);
  });

  it('builds the worker and gateway from multi-stage Dockerfiles that exist', () => {
    for (const name of ['worker', 'gateway']) {
      const dockerfile = join(workspaceRoot, services[name]?.build?.dockerfile ?? '');
      expect(existsSync(dockerfile)).toBe(true);
      expect(readFileSync(dockerfile, 'utf8').match(/^FROM /gm)?.length).toBeGreaterThan(1);
    }
    expect(services.worker?.environment?.WORKFLOW_BUNDLE_PATH).toBe('dist/workflow-bundle.js');
    // The gateway takes its token secret from the operator's environment, never a default.
    expect(services.gateway?.environment?.AUTH_JWT_SECRET).toMatch(/^\$\{AUTH_JWT_SECRET:\?/);
  });

  it('registers the search attributes from libs/contracts at setup', () => {
    // Compiled by `npm run build` (tests/build checks the file is produced) from setup-main.ts.
    expect(services.setup?.command?.at(-1)).toBe('dist/node/apps/worker/src/setup-main.js');
    const source = readFileSync(join(workspaceRoot, 'apps/worker/src/setup-main.ts'), 'utf8');
    expect(source).toContain('ensureSearchAttributes');
    expect(searchAttributeCliPairs().length).toBeGreaterThanOrEqual(5);
  });
});
