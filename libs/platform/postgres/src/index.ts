export { ProcessedEvents } from './processed-events';
export type { Once } from './processed-events';
