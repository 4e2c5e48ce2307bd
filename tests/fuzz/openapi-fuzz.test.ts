import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { workspaceRoot } from '@cio/config';
import { eventually, samplesAround } from '@cio/testing';
import { people, retailerBody } from '../support/api-fixtures';
import { type GatewayHarness, startGatewayHarness } from '../support/gateway-harness';

// schemathesis (pinned in ./requirements.txt, installed on demand into .tools/fuzz-venv) generates
// requests from /openapi.json — valid and invalid ones, across every operation — and checks that
// each answer is documented: no 5xx, a documented status code, content type and headers, and a
// body that matches the documented schema; a method a path does not document gets 405 with an
// Allow header. Real gateway, dev server, worker and PostgreSQL.
const schemathesis = join(workspaceRoot, '.tools/fuzz-venv/bin/schemathesis');
const workDir = join(workspaceRoot, 'tmp/fuzz');
const CHECKS = [
  'not_a_server_error',
  'status_code_conformance',
  'content_type_conformance',
  'response_headers_conformance',
  'response_schema_conformance',
  'unsupported_method',
];
// Cases per operation and phase: about half a minute of requests on two cores. The fixed seed
// makes every run generate the same cases (the stateful phase also follows the server's answers).
const MAX_EXAMPLES = 60;
const SEED = 20261124;

/** Runs a command without blocking the event loop (the worker runs in this process). */
function run(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: workDir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, output }));
  });
}

describe('OpenAPI fuzzing with schemathesis', () => {
  let gw: GatewayHarness;
  let token: string;
  const suffix = randomUUID().slice(0, 8);
  // Real ids for the path parameters: an initiative in Assessing, one awaiting approval of plan 1
  // and one implementing it (task fuzz-task, trainee fuzzer), so commands also get past the checks.
  // The fuzzer may act on each of them (it is a manager, an approver and admin).
  const ids = {
    assessing: `fuzz-assessing-${suffix}`,
    approving: `fuzz-approving-${suffix}`,
    implementing: `fuzz-implementing-${suffix}`,
  };
  const fuzzer = {
    sub: 'fuzzer',
    roles: ['admin', 'improvement-manager', 'cs-lead'],
    departments: ['customer-service', 'it'],
  };

  beforeAll(async () => {
    const install = spawnSync(process.execPath, ['scripts/bootstrap.mjs', 'fuzz'], {
      cwd: workspaceRoot,
      encoding: 'utf8',
    });
    if (install.status !== 0) {
      throw new Error(`installing schemathesis failed:\n${install.stdout}${install.stderr}`);
    }

    // Thousands of writes in a minute: far above the production limit.
    gw = await startGatewayHarness('openapi-fuzz', {
      GATEWAY_WRITE_RATE_LIMIT: '1000000',
      LOG_LEVEL: 'warn',
    });
    token = await gw.token(fuzzer);
    const board = await gw.token(people.omar);
    const post = async (path: string, body: unknown, as = token) => {
      const response = await gw.call('POST', path, { token: as, body });
      if (response.status >= 300) {
        throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
      }
      return response.body;
    };

    await post('/initiatives', retailerBody(ids.assessing));
    const dueAt = new Date(Date.now() + 3_600_000).toISOString();
    const plan = {
      measures: [{ title: 'a tool', kind: 'tool', department: 'it' }],
      tasks: [{ id: 'fuzz-task', title: 'the tool is live', department: 'it', dueAt }],
      trainees: [{ person: fuzzer.sub, department: 'customer-service', dueAt }],
    };
    await Promise.all(
      [ids.approving, ids.implementing].map(async (id) => {
        await post('/initiatives', retailerBody(id, { assessmentPeriodMs: 1_000, minSamples: 5 }));
        const observedAt = new Date().toISOString();
        const samples = samplesAround(12, 5).map((value) => ({ kpi: 'response_minutes', value, observedAt }));
        await post(`/initiatives/${id}/measurements`, { samples });
        await eventually(() => post(`/initiatives/${id}/plans`, plan), 30_000);
      }),
    );
    await post(`/initiatives/${ids.implementing}/plans/1/approvals`, {});
    await post(`/initiatives/${ids.implementing}/plans/1/approvals`, {}, board);
  }, 180_000);
  afterAll(() => gw?.stop());

  it('answers every generated request as /openapi.json documents, never with a 5xx', async () => {
    mkdirSync(workDir, { recursive: true });
    const config = join(workDir, 'schemathesis.toml');
    writeFileSync(
      config,
      [
        'headers = { Authorization = "Bearer ${FUZZ_TOKEN}" }',
        '[dictionaries.initiatives]',
        `values = ${JSON.stringify(Object.values(ids))}`,
        '[dictionaries.tasks]',
        'values = ["fuzz-task"]',
        '[dictionaries.people]',
        `values = ["${fuzzer.sub}"]`,
        '[dictionaries.versions]',
        'values = [1, 2]',
        // Mostly the real ones, sometimes generated ids (404, 400).
        '[parameters]',
        '"path.id" = { dictionary = "initiatives", probability = 0.9 }',
        '"path.taskId" = { dictionary = "tasks", probability = 0.5 }',
        '"path.person" = { dictionary = "people", probability = 0.5 }',
        '"path.version" = { dictionary = "versions", probability = 0.5 }',
        '',
      ].join('\n'),
    );
    const started = Date.now();
    const result = await run(
      schemathesis,
      [
        '--config-file',
        config,
        'run',
        `${gw.baseUrl}/openapi.json`,
        `--checks=${CHECKS.join(',')}`,
        `--max-examples=${MAX_EXAMPLES}`,
        `--seed=${SEED}`,
        '--generation-database=none',
        '--workers=1',
        '--request-timeout=30',
        '--no-color',
      ],
      { ...process.env, FUZZ_TOKEN: token },
    );
    writeFileSync(join(workDir, 'schemathesis.log'), result.output);
    const seconds = ((Date.now() - started) / 1000).toFixed(0);
    if (result.code !== 0) {
      throw new Error(
        `schemathesis exited with ${result.code} after ${seconds} s (gateway log: tmp/logs/gateway-openapi-fuzz.log):\n${result.output}`,
      );
    }
    expect(result.output).toMatch(/Test cases:\s+\d+ generated, \d+ passed/);
  }, 300_000);
});
