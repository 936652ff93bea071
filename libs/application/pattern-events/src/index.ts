export { readPatternEvent } from './pattern-event';
export type { PatternEventView } from './pattern-event';
