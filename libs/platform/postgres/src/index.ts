export { ProcessedEvents } from './processed-events';
export type { Once } from './processed-events';
export { StageCheckpoints } from './stage-checkpoints';
export type { Checkpoint } from './stage-checkpoints';
export { KeyedCheckpointStore } from './keyed-checkpoint-store';
export type { KeyedCheckpoint, KeyedCheckpointOptions, KeyedState } from './keyed-checkpoint-store';
export { createTables } from './create-tables';
