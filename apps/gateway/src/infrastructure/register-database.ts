import type { DataSource } from 'typeorm';

/**
 * The register's data source, connected on first use and again after a failed attempt, so the
 * gateway starts (and reports not-ready) while PostgreSQL is still down.
 */
export class RegisterDatabase {
  private connecting: Promise<DataSource> | undefined;

  constructor(readonly dataSource: DataSource) {}

  ready(): Promise<DataSource> {
    if (this.dataSource.isInitialized) return Promise.resolve(this.dataSource);
    this.connecting ??= this.dataSource.initialize().catch((error: unknown) => {
      this.connecting = undefined;
      throw error;
    });
    return this.connecting;
  }

  async close(): Promise<void> {
    await this.connecting?.catch(() => undefined);
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
