import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { configSchema, workspaceRoot } from './config';

// The README's configuration table documents every variable the schema reads, and no other.
describe('README configuration table', () => {
  it('lists exactly the variables of the config schema', () => {
    const readme = readFileSync(join(workspaceRoot, 'README.md'), 'utf8');
    const documented = [...readme.matchAll(/^\| `([A-Z][A-Z0-9_]+)` +\|/gm)].map((m) => m[1]);
    expect([...documented].sort()).toEqual(Object.keys(configSchema.shape).sort());
  });
});
