import express, { type Express, type Router } from 'express';
import { errorResponses } from './error-responses';
import { healthRoutes, type ReadinessCheck } from './health';

export interface ServiceAppOptions {
  readonly readiness: readonly ReadinessCheck[];
  readonly routes?: readonly Router[];
  readonly log: (message: string, fields: object) => void;
}

/** Every service's HTTP surface: health and readiness, its own routes, problem responses. */
export function serviceApp(options: ServiceAppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(healthRoutes(options.readiness));
  for (const router of options.routes ?? []) app.use(router);
  app.use(errorResponses(options.log));
  return app;
}
