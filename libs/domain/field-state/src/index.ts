export { emptyState, foldPattern, resonanceCenters } from './field-state';
export type { FieldState, PatternFact, ResonanceCenter } from './field-state';
