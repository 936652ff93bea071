import { startTelemetry } from '@fieldline/platform-telemetry';

/** Loaded before anything else (see main.ts): the instrumentations patch modules as they load. */
export const serviceName = 'relationship-detector';
startTelemetry({ name: serviceName });
