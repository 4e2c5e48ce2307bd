// The ingest-http benchmark's baseline, in its own process: a bare Node `http` server that takes
// POST /initiatives/<id>/measurements, validates the body with the register's own sample
// validation (validateSamples: the zod sample schema, the KPI names, the time range) and stores
// it with one INSERT … SELECT unnest(…) into the measurements table, one statement per request.
// No framework, authentication, rate limit, logging or metrics: the least the gateway could do.
// Arguments: <port> <initiative id>.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { Pool } from 'pg';
import { loadConfigOrExit } from '@cio/config';
import { RegisterError, validateSamples } from '@cio/persistence';

const [port, initiativeId] = process.argv.slice(2);
const config = loadConfigOrExit();
const pool = new Pool({ connectionString: config.database.url, max: config.database.poolSize });
const path = `/initiatives/${initiativeId}/measurements`;
const bodyLimitBytes = config.gateway.bodyLimitBytes;

const INSERT = `
  WITH inserted AS (
    INSERT INTO measurements (initiative_id, kpi, value, observed_at, source, client_key)
    SELECT $1, s.kpi, s.value, s.observed_at, COALESCE(s.source, 'api'), s.client_key
      FROM unnest($2::text[], $3::float8[], $4::timestamptz[], $5::text[], $6::text[])
           AS s(kpi, value, observed_at, source, client_key)
    ON CONFLICT ON CONSTRAINT uq_measurements_client_key DO NOTHING
    RETURNING 1)
  SELECT count(*)::int AS accepted FROM inserted`;

function answer(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}

async function ingest(request: IncomingMessage, known: readonly string[]): Promise<[number, unknown]> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    length += chunk.length;
    if (length > bodyLimitBytes) return [413, { code: 'PAYLOAD_TOO_LARGE' }];
    chunks.push(chunk);
  }
  let body: { samples?: unknown };
  try {
    body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { samples?: unknown };
  } catch {
    return [400, { code: 'INVALID_INPUT' }];
  }
  try {
    const samples = validateSamples(body?.samples, known, config.measurements);
    const { rows } = await pool.query<{ accepted: number }>(INSERT, [
      initiativeId,
      samples.map((s) => s.kpi),
      samples.map((s) => s.value),
      samples.map((s) => s.observedAt),
      samples.map((s) => s.source ?? null),
      samples.map((s) => s.clientKey ?? null),
    ]);
    const accepted = rows[0]?.accepted ?? 0;
    return [200, { received: samples.length, accepted, duplicates: samples.length - accepted }];
  } catch (error) {
    if (error instanceof RegisterError) return [422, { code: error.code, details: error.problems }];
    throw error;
  }
}

async function main(): Promise<void> {
  // The KPI names once, as the gateway's access cache holds them.
  const { rows } = await pool.query<{ kpis: string[] }>(
    `SELECT ARRAY(SELECT jsonb_array_elements(definition->'kpis')->>'name') AS kpis FROM initiatives WHERE id = $1`,
    [initiativeId],
  );
  const known = rows[0]?.kpis;
  if (!known) throw new Error(`initiative ${initiativeId} is not in the register`);
  const server = createServer((request, response) => {
    if (request.method === 'GET' && request.url === '/health') return answer(response, 200, { ok: true });
    if (request.method !== 'POST' || request.url !== path)
      return answer(response, 404, { code: 'NOT_FOUND' });
    ingest(request, known).then(
      ([status, body]) => answer(response, status, body),
      () => answer(response, 500, { code: 'INTERNAL' }),
    );
  });
  server.listen(Number(port), '127.0.0.1');
  process.once('SIGTERM', () => {
    server.close();
    server.closeAllConnections();
    void pool.end();
  });
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bare ingest server failed: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});
