// `npm run openapi`: writes the gateway's OpenAPI document to apps/gateway/openapi.json, the API
// contract the web app's client is generated from (a test checks it equals what the gateway serves).
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { loadConfig, workspaceRoot } from '@cio/config';
import { createGatewayApp, openApiDocument } from '@cio/gateway';

async function main(): Promise<void> {
  // Lazy connections: building the application needs neither Temporal nor PostgreSQL.
  const config = loadConfig({
    ...process.env,
    LOG_LEVEL: 'silent',
    TEMPORAL_ADDRESS: '127.0.0.1:1',
    DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
  });
  const app = await createGatewayApp(config);
  const file = join(workspaceRoot, 'apps/gateway/openapi.json');
  // As the format check wants it: the committed file passes `prettier --check` as written.
  const options = (await resolveConfig(file)) ?? {};
  writeFileSync(file, await format(JSON.stringify(openApiDocument(app)), { ...options, filepath: file }));
  await app.close();
  process.stdout.write(`wrote ${file}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
