export { emptyState, foldPattern, resonanceCenters } from './field-state';
export type { FieldState, PatternFact, PatternKind, ResonanceCenter } from './field-state';
