import type { Type } from 'avsc';

/** Why data of one schema cannot be read with another, at one place in the schema. */
export interface Incompatibility {
  /** Where, from the root record: `envelope.causationId`, `dimensions[].score`, `tags{}`. */
  readonly path: string;
  readonly problem: string;
}

interface Field {
  readonly name: string;
  readonly type: Type;
  readonly aliases: readonly string[];
  defaultValue(): unknown;
}

type Shape = Type & {
  readonly fields?: readonly Field[];
  readonly symbols?: readonly string[];
  readonly default?: string;
  readonly types?: readonly Type[];
  readonly itemsType?: Type;
  readonly valuesType?: Type;
  readonly size?: number;
  readonly aliases?: readonly string[];
};

/** Writer type -> reader types it may be read as, beyond the same type (Avro type promotion). */
const promotions: Readonly<Record<string, readonly string[]>> = {
  int: ['long', 'float', 'double'],
  long: ['float', 'double'],
  float: ['double'],
  string: ['bytes'],
  bytes: ['string'],
};

/**
 * Everything that stops `reader` from reading data written with `writer`, by the Avro
 * specification's schema-resolution rules. Empty means every writer record resolves.
 */
export function readerIncompatibilities(reader: Type, writer: Type): Incompatibility[] {
  return compare(reader as Shape, writer as Shape, '', new Set());
}

function compare(
  reader: Shape,
  writer: Shape,
  path: string,
  visiting: Set<string>,
): Incompatibility[] {
  if (isUnion(writer)) {
    // Every branch the writer may have written must be readable.
    return (writer.types ?? []).flatMap((branch) =>
      compare(reader, branch as Shape, path, visiting),
    );
  }
  if (isUnion(reader)) {
    const readable = (reader.types ?? []).some(
      (branch) => compare(branch as Shape, writer, path, visiting).length === 0,
    );
    return readable
      ? []
      : [
          at(
            path,
            `the writer's ${describe(writer)} matches no branch of the reader's union ${describe(reader)}`,
          ),
        ];
  }
  if (reader.typeName !== writer.typeName) {
    return promotions[writer.typeName]?.includes(reader.typeName)
      ? []
      : [at(path, `type changed: written as ${describe(writer)}, read as ${describe(reader)}`)];
  }
  switch (reader.typeName) {
    case 'record':
    case 'error':
      return compareRecords(reader, writer, path, visiting);
    case 'enum':
      return compareEnums(reader, writer, path);
    case 'array':
      return compare(reader.itemsType as Shape, writer.itemsType as Shape, `${path}[]`, visiting);
    case 'map':
      return compare(reader.valuesType as Shape, writer.valuesType as Shape, `${path}{}`, visiting);
    case 'fixed':
      return [
        ...compareNames(reader, writer, path),
        ...(reader.size === writer.size
          ? []
          : [
              at(
                path,
                `fixed size changed: written with ${writer.size} bytes, read as ${reader.size}`,
              ),
            ]),
      ];
    default:
      return [];
  }
}

function compareRecords(
  reader: Shape,
  writer: Shape,
  path: string,
  visiting: Set<string>,
): Incompatibility[] {
  const naming = compareNames(reader, writer, path);
  if (naming.length > 0) return naming;
  // Recursive records: a pair already being compared further up is assumed fine here.
  const pair = `${reader.name}<-${writer.name}`;
  if (visiting.has(pair)) return [];
  visiting.add(pair);
  const writerFields = new Map((writer.fields ?? []).map((field) => [field.name, field]));
  const problems = (reader.fields ?? []).flatMap((field) => {
    const fieldPath = path ? `${path}.${field.name}` : field.name;
    const matches = [field.name, ...field.aliases].flatMap((name) => {
      const candidate = writerFields.get(name);
      return candidate ? [candidate] : [];
    });
    if (matches.length > 1) {
      const names = matches.map((match) => match.name).join(', ');
      return [
        at(
          fieldPath,
          `ambiguous: the reader field matches several writer fields (${names}) by name or alias`,
        ),
      ];
    }
    const [written] = matches;
    if (written) return compare(field.type as Shape, written.type as Shape, fieldPath, visiting);
    return field.defaultValue() === undefined
      ? [
          at(
            fieldPath,
            'the reader requires this field (it has no default) but the writer does not write it',
          ),
        ]
      : [];
  });
  visiting.delete(pair);
  return problems;
}

function compareEnums(reader: Shape, writer: Shape, path: string): Incompatibility[] {
  const naming = compareNames(reader, writer, path);
  if (naming.length > 0 || reader.default !== undefined) return naming;
  const known = new Set(reader.symbols);
  const unknown = (writer.symbols ?? []).filter((symbol) => !known.has(symbol));
  return unknown.length === 0
    ? []
    : [
        at(
          path,
          `the writer may write symbols ${unknown.join(', ')} that the reader's enum ${reader.name} lacks, and it has no default`,
        ),
      ];
}

function compareNames(reader: Shape, writer: Shape, path: string): Incompatibility[] {
  const accepted = [reader.name, ...(reader.aliases ?? [])];
  return writer.name && accepted.includes(writer.name)
    ? []
    : [
        at(
          path,
          `named type renamed: written as ${writer.name}, read as ${reader.name} (add an alias to rename)`,
        ),
      ];
}

function isUnion(type: Shape): boolean {
  return type.typeName.startsWith('union');
}

function describe(type: Shape): string {
  if (isUnion(type))
    return `[${(type.types ?? []).map((branch) => describe(branch as Shape)).join(', ')}]`;
  return type.name ?? type.typeName;
}

function at(path: string, problem: string): Incompatibility {
  return { path: path || '(root)', problem };
}
