import { type ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { AuthenticatedRequest } from './auth.guard';

/** Rate-limits state-changing requests per caller (per address before authentication). */
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
}
