import type { DataSource } from 'typeorm';
import { appliedMigrations } from '@cio/persistence';

export function createRegisterCheckActivities(deps: { dataSource: DataSource }) {
  return {
    /** Which migrations the register has applied, oldest first. */
    async describeRegister(_input: Record<string, never>): Promise<{ migrations: string[] }> {
      return { migrations: await appliedMigrations(deps.dataSource) };
    },
  };
}
