export { compatibilityLevels, ruleOf } from './compatibility-level';
export type { CompatibilityLevel, CompatibilityRule } from './compatibility-level';
export { describeViolation, findCompatibilityViolations } from './check-compatibility';
export type { CompatibilityViolation, PreviousVersion } from './check-compatibility';
export { readerIncompatibilities } from './reader-compatibility';
export type { Incompatibility } from './reader-compatibility';
