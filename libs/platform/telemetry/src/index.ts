export { exportPlan, type ExportPlan } from './export-plan';
export { localHistogramProducer } from './local-histograms';
export { createLogger, type Logger } from './logger';
export { resourceAttributes } from './resource-attributes';
export { runningTelemetry, startTelemetry, type Telemetry } from './start-telemetry';
