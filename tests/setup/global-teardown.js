const { rmSync } = require('node:fs');

module.exports = async () => {
  const services = globalThis.__CIO_TEST_SERVICES__ ?? [];
  for (const service of services.reverse()) {
    await service.stop();
    if (service.directory) rmSync(service.directory, { recursive: true, force: true });
  }
};
