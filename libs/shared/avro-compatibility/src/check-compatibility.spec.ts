import { compatibilityLevels, type CompatibilityLevel } from './compatibility-level';
import { describeViolation, findCompatibilityViolations } from './check-compatibility';

const schema = (fields: object[]) => ({ type: 'record', name: 'dev.fieldline.test.Alert', fields });
const id = { name: 'id', type: 'string' };
const severity = { name: 'severity', type: 'int' };
const optionalNote = { name: 'note', type: ['null', 'string'], default: null };

const v1 = { version: 1, schema: schema([id, severity]) };
const v2 = { version: 2, schema: schema([id]) };

const verdict = (candidate: object, previous: (typeof v1)[], level: CompatibilityLevel) =>
  findCompatibilityViolations(candidate, previous, level).map(
    (found) => `${found.direction} v${found.version}: ${found.path}`,
  );

describe('findCompatibilityViolations', () => {
  it('NONE accepts anything', () => {
    expect(verdict(schema([{ name: 'id', type: 'long' }]), [v1], 'NONE')).toEqual([]);
  });

  it('an added optional field is fully compatible at every level', () => {
    const added = schema([id, severity, optionalNote]);
    for (const level of compatibilityLevels) {
      expect(verdict(added, [v1], level)).toEqual([]);
    }
  });

  it('BACKWARD rejects a new required field; FORWARD accepts it', () => {
    const required = schema([id, severity, { name: 'region', type: 'string' }]);
    expect(verdict(required, [v1], 'BACKWARD')).toEqual(['new reads old v1: region']);
    expect(verdict(required, [v1], 'FORWARD')).toEqual([]);
    expect(verdict(required, [v1], 'FULL')).toEqual(['new reads old v1: region']);
  });

  it('FORWARD rejects removing a field without default; BACKWARD accepts it', () => {
    expect(verdict(v2.schema, [v1], 'FORWARD')).toEqual(['old reads new v1: severity']);
    expect(verdict(v2.schema, [v1], 'BACKWARD')).toEqual([]);
  });

  it('non-transitive levels compare with the latest version only; transitive ones with all', () => {
    // v3 brings severity back as a string: v2, which dropped it, can read v3; v1 (an int) cannot.
    const v3 = schema([id, { name: 'severity', type: 'string' }]);
    expect(verdict(v3, [v1, v2], 'FORWARD')).toEqual([]);
    expect(verdict(v3, [v1, v2], 'FORWARD_TRANSITIVE')).toEqual(['old reads new v1: severity']);
  });

  it('describes a violation with subject, field, rule and who breaks', () => {
    const violations = findCompatibilityViolations(v2.schema, [v1], 'FULL_TRANSITIVE');
    expect(
      violations.map((found) => describeViolation('alerts-dev.fieldline.test.Alert', found)),
    ).toEqual([
      'alerts-dev.fieldline.test.Alert: field severity breaks FULL_TRANSITIVE ' +
        '(consumers on version 1 cannot read data written with the new schema): ' +
        'the reader requires this field (it has no default) but the writer does not write it',
    ]);
  });
});
