export { findBreakingChanges } from './compatibility-gate';
export type { Baseline } from './compatibility-gate';
export { copySchemasWith } from './edited-schemas';
export { loadContracts, repoRoot } from './load-contracts';
export type { Contracts } from './load-contracts';
export { loadReleased } from './released';
