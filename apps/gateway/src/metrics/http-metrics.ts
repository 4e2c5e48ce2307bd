import type { NextFunction, Request, Response } from 'express';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';

/** The gateway's Prometheus registry: request latency by route and status, and process metrics. */
export class GatewayMetrics {
  readonly registry = new Registry();
  private readonly requests = new Histogram({
    name: 'cio_gateway_http_request_duration_seconds',
    help: 'HTTP requests by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'cio_gateway_' });
  }

  /** Express middleware: times each request and labels it with its route pattern, not its URL. */
  readonly middleware = (request: Request, response: Response, next: NextFunction): void => {
    const end = this.requests.startTimer();
    response.once('finish', () => {
      const pattern = (request.route as { path?: string } | undefined)?.path;
      const route = pattern ? `${request.baseUrl}${pattern}` : 'unmatched';
      end({ method: request.method, route, status: String(response.statusCode) });
    });
    next();
  };
}
