export { errorResponses, problemOf } from './error-responses';
export { healthRoutes } from './health';
export type { ReadinessCheck } from './health';
export { HttpProblem, sendProblem } from './http-problem';
export type { FieldProblem } from './http-problem';
export { listen } from './http-server';
export type { RunningServer } from './http-server';
export { serviceApp } from './service-app';
export type { ServiceAppOptions } from './service-app';
