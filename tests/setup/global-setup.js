// Starts the real services the suites share: an embedded PostgreSQL (tests create a throwaway
// database in it per suite) and a Temporal dev server on a free port. Either is skipped when
// TEST_DATABASE_ADMIN_URL / TEST_TEMPORAL_ADDRESS point at an existing one.
const { chmodSync, mkdtempSync } = require('node:fs');
const { createServer } = require('node:net');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

module.exports = async () => {
  process.env.SWC_NODE_PROJECT ??= join(__dirname, '../../tsconfig.runtime.json');
  require('@swc-node/register');
  const { startEmbeddedPostgres, startDevServer } = require('../../libs/testing/src');
  const services = [];
  globalThis.__CIO_TEST_SERVICES__ = services;

  if (!process.env.TEST_DATABASE_ADMIN_URL) {
    const directory = mkdtempSync(join(tmpdir(), 'cio-test-pg-'));
    // As root the cluster runs as the postgres user: a folder it can enter keeps the cluster here
    // (and removed with it); the binaries are copied where it can reach them if the clone is private.
    chmodSync(directory, 0o755);
    const postgres = await startEmbeddedPostgres({
      directory: join(directory, 'cluster'),
      port: await freePort(),
      database: 'postgres',
    });
    services.push({ name: 'postgres', stop: () => postgres.stop(), directory });
    process.env.TEST_DATABASE_ADMIN_URL = postgres.url;
  }
  if (!process.env.TEST_TEMPORAL_ADDRESS) {
    const env = await startDevServer();
    services.push({ name: 'temporal', stop: () => env.teardown() });
    process.env.TEST_TEMPORAL_ADDRESS = env.address;
  }
};
