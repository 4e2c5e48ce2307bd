import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { workspaceRoot } from '@cio/config';

// Writes a throwaway file into a project, lints it with the repository's own configuration, and
// returns the rule ids that fired. Proves STYLE.md's dependency table is enforced, not just written.
function violations(projectDir: string, source: string): string[] {
  const file = join(workspaceRoot, projectDir, `boundary-fixture-${process.pid}.ts`);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, source);
  try {
    // ESLint loads its flat config with a dynamic import, which Jest's VM cannot do: run the CLI.
    const run = spawnSync(join(workspaceRoot, 'node_modules/.bin/eslint'), ['--format', 'json', file], {
      cwd: workspaceRoot,
      encoding: 'utf8',
      env: { ...process.env, NX_DAEMON: 'false' },
    });
    const [result] = JSON.parse(run.stdout) as { messages: { ruleId: string | null; message: string }[] }[];
    return (result?.messages ?? []).map((message) => `${message.ruleId}: ${message.message}`);
  } finally {
    rmSync(file, { force: true });
  }
}

describe('module boundaries (STYLE.md)', () => {
  it('rejects typeorm in workflow code', () => {
    const found = violations(
      'workflows/src',
      `import { DataSource } from 'typeorm';\nexport const d = DataSource;\n`,
    );
    expect(found.join('\n')).toMatch(/@nx\/enforce-module-boundaries.*typeorm/);
  });

  it.each(['fs', 'node:crypto'])('rejects the Node built-in %s in workflow code', (builtin) => {
    const found = violations('workflows/src', `import * as m from '${builtin}';\nexport const x = m;\n`);
    expect(found.join('\n')).toMatch(/no-restricted-imports.*Node built-ins/);
  });

  it('rejects a value import of activities in workflow code, and allows `import type`', () => {
    const value = violations(
      'workflows/src',
      `import { createActivities } from '@cio/activities';\nexport const f = createActivities;\n`,
    );
    expect(value.join('\n')).toMatch(/only `import type` from activities/);
    const typeOnly = violations(
      'workflows/src',
      `import type { RegisterActivities } from '@cio/activities';\nexport type A = RegisterActivities;\n`,
    );
    expect(typeOnly).toEqual([]);
  });

  it('keeps the KPI statistics (activities only) out of the workflow bundle', () => {
    const found = violations(
      'workflows/src',
      `import { quantile } from '@cio/domain/statistics';\nexport const q = quantile;\n`,
    );
    expect(found.join('\n')).toMatch(/keep them out of the workflow bundle/);
  });

  it('rejects the gateway importing workflow code', () => {
    const found = violations(
      'apps/gateway/src',
      `import { registerCheckWorkflow } from '@cio/workflows';\nexport const w = registerCheckWorkflow;\n`,
    );
    expect(found.join('\n')).toMatch(/@nx\/enforce-module-boundaries/);
  });

  it('rejects the domain importing a framework or persistence', () => {
    const found = violations(
      'libs/domain/src',
      `import { createDataSource } from '@cio/persistence';\nexport const c = createDataSource;\n`,
    );
    expect(found.join('\n')).toMatch(/@nx\/enforce-module-boundaries/);
  });
});
