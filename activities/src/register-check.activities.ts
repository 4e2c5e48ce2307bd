import type { DataSource } from 'typeorm';

export function createRegisterCheckActivities(deps: { dataSource: DataSource }) {
  return {
    /** Which migrations the register has applied, oldest first. */
    async describeRegister(_input: Record<string, never>): Promise<{ migrations: string[] }> {
      const rows: { name: string }[] = await deps.dataSource.query(
        'SELECT name FROM schema_migrations ORDER BY timestamp',
      );
      return { migrations: rows.map((row) => row.name) };
    },
  };
}
