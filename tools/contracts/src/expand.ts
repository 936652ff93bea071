import {
  type AvroField,
  type AvroNamedSchema,
  type AvroSchema,
  fullNameOf,
  isNamedSchema,
  namespaceOf,
  primitiveTypes,
  resolveName,
} from './avro';
import { ContractError } from './contract-error';
import type { SchemaSource } from './load-schemas';

/**
 * Turns one named type into a self-contained schema: every referenced named type from another
 * file is inlined at its first use (with its full name) and referenced by full name after that.
 * The registry receives this form, so readers never need schema references.
 */
export function expandSchema(
  fullName: string,
  sources: ReadonlyMap<string, SchemaSource>,
): AvroNamedSchema {
  const defined = new Set<string>();

  const expandNamed = (name: string, from: string): AvroSchema => {
    if (defined.has(name)) return name;
    const source = sources.get(name);
    if (!source) throw new ContractError(`${from}: unknown type "${name}"`);
    return expandDefinition(source.schema, namespaceOf(name), source.file);
  };

  const expandDefinition = (
    schema: AvroNamedSchema,
    namespace: string | undefined,
    file: string,
  ): AvroNamedSchema => {
    const name = fullNameOf(schema, namespace);
    defined.add(name);
    const { namespace: _ignored, ...rest } = schema;
    if (schema.type !== 'record') return { ...rest, name } as AvroNamedSchema;
    const fields = schema.fields.map((field): AvroField => ({
      ...field,
      type: expandType(field.type, namespaceOf(name), `${file} field "${field.name}"`),
    }));
    return { ...rest, name, fields } as AvroNamedSchema;
  };

  const expandType = (
    type: AvroSchema,
    namespace: string | undefined,
    from: string,
  ): AvroSchema => {
    if (typeof type === 'string') {
      return primitiveTypes.has(type) ? type : expandNamed(resolveName(type, namespace), from);
    }
    if (Array.isArray(type)) return type.map((branch) => expandType(branch, namespace, from));
    if (isNamedSchema(type)) return expandDefinition(type, namespace, from);
    if (type.type === 'array') return { ...type, items: expandType(type.items, namespace, from) };
    if (type.type === 'map') return { ...type, values: expandType(type.values, namespace, from) };
    return type;
  };

  return expandNamed(fullName, 'catalog') as AvroNamedSchema;
}
