import { Type } from 'avsc';
import { ruleOf, type CompatibilityLevel } from './compatibility-level';
import { readerIncompatibilities, type Incompatibility } from './reader-compatibility';

/** An earlier version of a subject's schema. */
export interface PreviousVersion {
  readonly version: number;
  readonly schema: object;
}

/** One way a candidate schema breaks a subject's compatibility level. */
export interface CompatibilityViolation extends Incompatibility {
  readonly level: CompatibilityLevel;
  /** Which read breaks: consumers on the new schema reading old data, or the reverse. */
  readonly direction: 'new reads old' | 'old reads new';
  /** The earlier version the candidate conflicts with. */
  readonly version: number;
}

/**
 * Checks `candidate` against a subject's earlier versions (oldest first) the way the registry
 * would for `level`, but naming every field that breaks and why.
 */
export function findCompatibilityViolations(
  candidate: object,
  previous: readonly PreviousVersion[],
  level: CompatibilityLevel,
): CompatibilityViolation[] {
  const rule = ruleOf(level);
  const against = rule.transitive ? previous : previous.slice(-1);
  const candidateType = Type.forSchema(candidate as never);
  return against.flatMap(({ version, schema }) => {
    const earlier = Type.forSchema(schema as never);
    const violations: CompatibilityViolation[] = [];
    if (rule.newReadsOld) {
      for (const found of readerIncompatibilities(candidateType, earlier)) {
        violations.push({ ...found, level, direction: 'new reads old', version });
      }
    }
    if (rule.oldReadsNew) {
      for (const found of readerIncompatibilities(earlier, candidateType)) {
        violations.push({ ...found, level, direction: 'old reads new', version });
      }
    }
    return violations;
  });
}

/** One line a person can act on: subject, field, rule and what breaks. */
export function describeViolation(subject: string, violation: CompatibilityViolation): string {
  const who =
    violation.direction === 'new reads old'
      ? `consumers on the new schema cannot read data written with version ${violation.version}`
      : `consumers on version ${violation.version} cannot read data written with the new schema`;
  return `${subject}: field ${violation.path} breaks ${violation.level} (${who}): ${violation.problem}`;
}
