import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { AppConfig } from '@cio/config';
import { recordTokenClaims, type TokenClaims } from '@cio/persistence';
import type { Principal } from '../auth/principal';
import { RegisterDatabase } from '../infrastructure/register-database';
import { APP_CONFIG } from '../infrastructure/tokens';

/** People whose last recording is remembered; past it, the one recorded longest ago is forgotten. */
const REMEMBERED_PEOPLE = 10_000;

/** After a failed recording, how long a person's calls do not try again (the register is down). */
const RETRY_AFTER_FAILURE_MS = 5_000;

interface Recording {
  /** The claims recorded, or being recorded; '' after a failure. */
  hash: string;
  at: number;
  /** Settles (never rejects) when the write is done, failed or not. */
  written: Promise<void>;
}

/**
 * Keeps the people directory up to date from the tokens people call with: what a token says of
 * its bearer is recorded at most once per DIRECTORY_REFRESH_MS per person, and at once when it
 * says something else than last time (a new role, another email). The call goes on meanwhile; a
 * failure to record is logged and tried again a little later, and never fails a call. Routes that
 * read the caller's own entry wait for it (`recorded`).
 */
@Injectable()
export class DirectoryRecorder {
  private readonly logger = new Logger(DirectoryRecorder.name);
  private readonly recordings = new Map<string, Recording>();

  constructor(
    private readonly database: RegisterDatabase,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Starts recording the caller's claims when that is due. */
  record(principal: Principal, now = Date.now()): void {
    const claims: TokenClaims = {
      id: principal.user,
      ...principal.profile,
      roles: [...principal.roles].sort(),
      departments: [...principal.departments].sort(),
    };
    const hash = createHash('sha256').update(JSON.stringify(claims)).digest('base64url');
    const last = this.recordings.get(claims.id);
    if (last) {
      const waitMs = last.hash === '' ? RETRY_AFTER_FAILURE_MS : this.config.directory.refreshMs;
      if ((last.hash === hash || last.hash === '') && now - last.at < waitMs) return;
    }
    const recording: Recording = { hash, at: now, written: Promise.resolve() };
    recording.written = this.database
      .ready()
      .then((db) => recordTokenClaims(db, claims))
      .catch((error: unknown) => {
        recording.hash = '';
        this.logger.warn(`recording '${claims.id}' in the people directory failed: ${String(error)}`);
      });
    this.remember(claims.id, recording);
  }

  /** Settles when the caller's recording in flight, if any, is done (whether it failed or not). */
  recorded(person: string): Promise<void> {
    return this.recordings.get(person)?.written ?? Promise.resolve();
  }

  private remember(id: string, recording: Recording): void {
    // Re-inserted, so that the map's order is the order of recording.
    this.recordings.delete(id);
    if (this.recordings.size >= REMEMBERED_PEOPLE) {
      const oldest = this.recordings.keys().next().value;
      if (oldest !== undefined) this.recordings.delete(oldest);
    }
    this.recordings.set(id, recording);
  }
}
