/** The JSON shapes of Avro schemas, as written in .avsc files. */
export type AvroSchema =
  string | AvroNamedSchema | AvroArraySchema | AvroMapSchema | AvroLogicalSchema | AvroSchema[];

export interface AvroField {
  readonly name: string;
  readonly type: AvroSchema;
  readonly doc?: string;
  readonly default?: unknown;
}

export interface AvroRecordSchema {
  readonly type: 'record';
  readonly name: string;
  readonly namespace?: string;
  readonly doc?: string;
  readonly fields: readonly AvroField[];
}

export interface AvroEnumSchema {
  readonly type: 'enum';
  readonly name: string;
  readonly namespace?: string;
  readonly doc?: string;
  readonly symbols: readonly string[];
  readonly default?: string;
}

export interface AvroFixedSchema {
  readonly type: 'fixed';
  readonly name: string;
  readonly namespace?: string;
  readonly size: number;
}

export type AvroNamedSchema = AvroRecordSchema | AvroEnumSchema | AvroFixedSchema;

export interface AvroArraySchema {
  readonly type: 'array';
  readonly items: AvroSchema;
}

export interface AvroMapSchema {
  readonly type: 'map';
  readonly values: AvroSchema;
}

export interface AvroLogicalSchema {
  readonly type: 'int' | 'long' | 'string' | 'bytes';
  readonly logicalType: string;
}

export const primitiveTypes = new Set([
  'null',
  'boolean',
  'int',
  'long',
  'float',
  'double',
  'bytes',
  'string',
]);

export function isNamedSchema(schema: AvroSchema): schema is AvroNamedSchema {
  return (
    typeof schema === 'object' &&
    !Array.isArray(schema) &&
    (schema.type === 'record' || schema.type === 'enum' || schema.type === 'fixed')
  );
}

export function fullNameOf(schema: AvroNamedSchema, enclosingNamespace?: string): string {
  if (schema.name.includes('.')) return schema.name;
  const namespace = schema.namespace ?? enclosingNamespace;
  return namespace ? `${namespace}.${schema.name}` : schema.name;
}

/** Resolves a type name as Avro does: dotted names are full, others take the namespace. */
export function resolveName(name: string, namespace: string | undefined): string {
  return name.includes('.') || !namespace ? name : `${namespace}.${name}`;
}

export function namespaceOf(fullName: string): string | undefined {
  const dot = fullName.lastIndexOf('.');
  return dot === -1 ? undefined : fullName.slice(0, dot);
}

export function shortName(fullName: string): string {
  return fullName.slice(fullName.lastIndexOf('.') + 1);
}
