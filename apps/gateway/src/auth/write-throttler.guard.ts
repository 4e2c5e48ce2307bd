import { applyDecorators, type ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import {
  SkipThrottle,
  ThrottlerGuard,
  type ThrottlerLimitDetail,
  type ThrottlerRequest,
} from '@nestjs/throttler';
import type { AuthenticatedRequest } from './auth.guard';

/** The window of both rate limits. */
export const RATE_LIMIT_WINDOW_MS = 60_000;

/** The per-caller limit of state-changing commands (GATEWAY_WRITE_RATE_LIMIT). */
export const COMMAND_THROTTLER = 'default';

/** The per-caller limit of measurement and feedback ingest (GATEWAY_INGEST_RATE_LIMIT). */
export const INGEST_THROTTLER = 'ingest';

const INGEST_ROUTE = 'cio:ingest-route';

/**
 * Marks the ingest routes (measurements, feedback): monitoring tools push far more often than
 * people act, so these are held to the ingest limit instead of the commands' one, and a busy
 * probe never uses up the limit its owner's commands need.
 */
export function IngestRateLimit() {
  return applyDecorators(SkipThrottle({ [COMMAND_THROTTLER]: true }), SetMetadata(INGEST_ROUTE, true));
}

/**
 * Rate-limits state-changing requests per caller (per address before authentication): commands
 * under the commands' limit, the routes marked @IngestRateLimit() under the ingest limit only.
 * Every 429 says in `Retry-After` how many seconds to wait.
 */
@Injectable()
export class WriteThrottlerGuard extends ThrottlerGuard {
  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    const method = context.switchToHttp().getRequest<AuthenticatedRequest>().method;
    return method === 'GET' || method === 'HEAD' || method === 'OPTIONS' || super.shouldSkip(context);
  }

  protected override async getTracker(request: Record<string, unknown>): Promise<string> {
    const principal = (request as unknown as AuthenticatedRequest).principal;
    return principal ? `user:${principal.user}` : `ip:${String(request.ip)}`;
  }

  /**
   * The limit and the caller, in plain text (the library's SHA-256 of it costs every request): a
   * caller's requests count together whichever route they take, as the limits are documented.
   */
  protected override generateKey(_context: ExecutionContext, tracker: string, throttler: string): string {
    return `${throttler}:${tracker}`;
  }

  protected override async handleRequest(request: ThrottlerRequest): Promise<boolean> {
    // The ingest limit is opt-in: a route not marked as ingest skips it.
    if (request.throttler.name === INGEST_THROTTLER && !this.isIngestRoute(request.context)) return true;
    return super.handleRequest(request);
  }

  protected override async throwThrottlingException(
    context: ExecutionContext,
    limit: ThrottlerLimitDetail,
  ): Promise<void> {
    // The library names the header after a named limit (Retry-After-ingest); clients read Retry-After.
    this.setResponseHeader(this.getRequestResponse(context).res, 'Retry-After', limit.timeToBlockExpire);
    return super.throwThrottlingException(context, limit);
  }

  private isIngestRoute(context: ExecutionContext): boolean {
    return (
      this.reflector.getAllAndOverride<boolean | undefined>(INGEST_ROUTE, [
        context.getHandler(),
        context.getClass(),
      ]) === true
    );
  }
}
