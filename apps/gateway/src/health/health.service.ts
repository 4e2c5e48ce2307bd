import { Inject, Injectable } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import { pingRegister } from '@cio/persistence';
import { RegisterDatabase } from '../infrastructure/register-database';
import { TEMPORAL_CLIENT } from '../infrastructure/tokens';

type Check = { status: 'up' } | { status: 'down'; error: string };
export interface Readiness {
  status: 'ok' | 'unavailable';
  checks: { postgres: Check; temporal: Check };
}

const CHECK_TIMEOUT_MS = 3_000;

@Injectable()
export class HealthService {
  constructor(
    private readonly database: RegisterDatabase,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
  ) {}

  async readiness(): Promise<Readiness> {
    const [postgres, temporal] = await Promise.all([
      check(async () => {
        await pingRegister(await this.database.ready());
      }),
      check(async () => {
        await this.temporal.connection.ensureConnected();
        await this.temporal.workflowService.getSystemInfo({});
      }),
    ]);
    const status = postgres.status === 'up' && temporal.status === 'up' ? 'ok' : 'unavailable';
    return { status, checks: { postgres, temporal } };
  }
}

async function check(probe: () => Promise<void>): Promise<Check> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
  });
  try {
    await Promise.race([probe(), timeout]);
    return { status: 'up' };
  } catch (error) {
    return { status: 'down', error: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}
