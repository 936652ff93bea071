/** Registry compatibility levels, as the Confluent REST API names them. */
export const compatibilityLevels = [
  'NONE',
  'BACKWARD',
  'BACKWARD_TRANSITIVE',
  'FORWARD',
  'FORWARD_TRANSITIVE',
  'FULL',
  'FULL_TRANSITIVE',
] as const;
export type CompatibilityLevel = (typeof compatibilityLevels)[number];

/** Which reads a level guarantees, and against how many earlier versions. */
export interface CompatibilityRule {
  /** Consumers on the new schema can read data written with earlier versions. */
  readonly newReadsOld: boolean;
  /** Consumers on earlier versions can read data written with the new schema. */
  readonly oldReadsNew: boolean;
  /** Every earlier version, not only the latest. */
  readonly transitive: boolean;
}

export function ruleOf(level: CompatibilityLevel): CompatibilityRule {
  const transitive = level.endsWith('_TRANSITIVE');
  const base = level.replace('_TRANSITIVE', '');
  return {
    newReadsOld: base === 'BACKWARD' || base === 'FULL',
    oldReadsNew: base === 'FORWARD' || base === 'FULL',
    transitive,
  };
}
