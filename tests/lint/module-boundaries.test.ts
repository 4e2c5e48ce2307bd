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

  it('rejects the start-up tooling npm start runs importing the test helpers', () => {
    const found = violations(
      'libs/local-services/src',
      `import { issueToken } from '@cio/testing';\nexport const t = issueToken;\n`,
    );
    expect(found.join('\n')).toMatch(/@nx\/enforce-module-boundaries/);
  });

  it('keeps server code out of the web app: no project of ours, by alias or by path', () => {
    const byAlias = violations(
      'apps/web/src',
      `import { COMMAND_ACTIONS } from '@cio/contracts';\nexport const a = COMMAND_ACTIONS;\n`,
    );
    expect(byAlias.join('\n')).toMatch(/@nx\/enforce-module-boundaries/);
    const byPath = violations(
      'apps/web/src',
      `import { DataSource } from 'typeorm';\nimport { waitingOn } from '../../../libs/domain/src';\nexport const x = [DataSource, waitingOn];\n`,
    );
    expect(byPath.join('\n')).toMatch(/no-restricted-imports.*imports no server code/);
    expect(byPath.join('\n')).toMatch(/@nx\/enforce-module-boundaries.*typeorm/);
    const markup = violations(
      'apps/web/src',
      `export const html = (el: { innerHTML: string }) => (el.innerHTML = '<b>x</b>');\n`,
    );
    expect(markup.join('\n')).toMatch(/rendered as text, never as markup/);
    // Its own modules and the browser libraries are fine.
    expect(
      violations(
        'apps/web/src',
        `import createClient from 'openapi-fetch';\nexport const c = createClient;\n`,
      ),
    ).toEqual([]);
  });

  it('rejects the domain importing a framework or persistence', () => {
    const found = violations(
      'libs/domain/src',
      `import { createDataSource } from '@cio/persistence';\nexport const c = createDataSource;\n`,
    );
    expect(found.join('\n')).toMatch(/@nx\/enforce-module-boundaries/);
  });

  it.each([
    ['activities/src', 'export const q = (db: { query(sql: string): unknown }) => db.query(`SELECT 1`);\n'],
    ['apps/gateway/src', "export const sql = 'INSERT INTO initiatives (id) VALUES ($1)';\n"],
    ['apps/worker/src', 'export const sql = `\n  UPDATE notifications SET status = $1`;\n'],
  ])('keeps SQL in libs/persistence: refuses it in %s', (project, source) => {
    expect(violations(project, source).join('\n')).toMatch(
      /no-restricted-syntax: SQL belongs in libs\/persistence/,
    );
  });

  it('lets persistence hold SQL, and other projects say "Update" in prose', () => {
    expect(violations('libs/persistence/src', "export const sql = 'SELECT 1 FROM initiatives';\n")).toEqual(
      [],
    );
    expect(violations('apps/gateway/src', "export const m = 'Update the plan, then submit it';\n")).toEqual(
      [],
    );
  });
});
