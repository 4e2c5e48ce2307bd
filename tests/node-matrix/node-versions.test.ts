import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { minVersion, satisfies } from 'semver';
import { workspaceRoot } from '@cio/config';

// The supported Node versions are stated three times: `engines` in package.json, the versions the
// matrix installs (scripts/node-matrix.json) and the README. They must say the same thing, and
// no installed package may ask for more than `engines` promises.
interface NodeMatrix {
  runtime: string;
  tested: Record<string, string>;
}

interface LockedPackage {
  version?: string;
  optional?: boolean;
  engines?: { node?: string };
}

const read = (file: string) => readFileSync(join(workspaceRoot, file), 'utf8');
const matrix = JSON.parse(read('scripts/node-matrix.json')) as NodeMatrix;
const engines = (JSON.parse(read('package.json')) as { engines: { node: string } }).engines.node;
const locked = (JSON.parse(read('package-lock.json')) as { packages: Record<string, LockedPackage> })
  .packages;
const nodeVersionsSection = read('README.md').split('### Node versions')[1]?.split('\n## ')[0] ?? '';

/** The lowest version `engines` admits on each supported major line, `^20.19.0 || …` in order. */
const floors = engines.split('||').map((range) => {
  const floor = minVersion(range.trim());
  if (!floor || !/^\s*\^\d+\.\d+\.\d+\s*$/.test(range))
    throw new Error(`engines.node: "${range}" is not ^x.y.z`);
  return floor.version;
});

describe('the supported Node versions', () => {
  it('are one line each in engines: the runtime, then the versions the matrix tests', () => {
    expect(floors.map((floor) => floor.split('.')[0])).toEqual([
      matrix.runtime,
      ...Object.keys(matrix.tested),
    ]);
  });

  it('include every version the matrix pins, and the Node running this test', () => {
    for (const version of [...Object.values(matrix.tested), process.version]) {
      expect({ version, supported: satisfies(version, engines) }).toEqual({ version, supported: true });
    }
  });

  it('are enough for every installed package, from the lowest supported version of each line up', () => {
    const versions = [...floors, ...Object.values(matrix.tested)];
    const refusals = Object.entries(locked).flatMap(([path, pkg]) =>
      path === '' || pkg.optional || !pkg.engines?.node
        ? []
        : versions
            .filter((version) => !satisfies(version, pkg.engines!.node!))
            .map(
              (version) => `${path.replace(/^.*node_modules\//, '')}@${pkg.version} refuses Node ${version}`,
            ),
    );
    expect(refusals).toEqual([]);
  });

  it('are the ones the README states', () => {
    expect(nodeVersionsSection).toContain(`**Node ${matrix.runtime}**`);
    expect(nodeVersionsSection).toContain(`\`${engines}\``);
    for (const [major, version] of Object.entries(matrix.tested)) {
      expect(nodeVersionsSection).toContain(`**Node ${major}**`);
      expect(nodeVersionsSection).toContain(version);
    }
  });
});
