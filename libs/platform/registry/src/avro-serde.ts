import { FieldlineError } from '@fieldline/shared-errors';
import { Type } from 'avsc';
import { DecodeError, type RecordLocation } from './decode-error';
import type { RegistryClient } from './registry-client';
import { decodeBody, encodeFramed, framedSchemaId } from './wire-format';

export interface AvroSerdeOptions {
  readonly registry: RegistryClient;
  /**
   * The schemas this build reads, by full record name (the contracts' recordSchemas). Records
   * are resolved from their writer schema into these, so added fields are dropped and missing
   * ones take their defaults. Without it, records decode as written.
   */
  readonly readerSchemas?: Readonly<Record<string, object>>;
  /** Register writer schemas on first use instead of requiring the register command to have run. */
  readonly autoRegister?: boolean;
}

export interface DecodedRecord<T = unknown> {
  readonly schemaId: number;
  /** Full name of the record the writer wrote, e.g. dev.fieldline.patterns.PatternDetected. */
  readonly recordName: string;
  readonly value: T;
}

interface Writer {
  readonly schemaId: number;
  readonly type: Type;
}

interface Reader {
  readonly recordName: string;
  readonly type: Type;
  /** Absent when writer and reader schemas are the same. */
  readonly resolver?: ReturnType<Type['createResolver']>;
}

/**
 * Confluent wire-format Avro serde. Every schema id is fetched once and its reader resolver
 * built once, so the steady state makes no registry calls and keeps working through a registry
 * outage for every schema already seen.
 */
export class AvroSerde {
  /** By schema object, then subject: one subject may be written with several schema versions. */
  private readonly writersBySchema = new WeakMap<object, Map<string, Promise<Writer>>>();
  /** The same writers once registered, for the synchronous steady-state path. */
  private readonly readyWriters = new WeakMap<object, Map<string, Writer>>();
  private readonly writerTypesById = new Map<number, Promise<Type>>();
  private readonly readersById = new Map<number, Reader>();
  private readonly readerTypesByName = new Map<string, Type>();

  constructor(private readonly options: AvroSerdeOptions) {}

  /** Serializes `value` with `schema`, registered under `subject`, in the wire format. */
  encode(subject: string, schema: object, value: unknown): Promise<Buffer> {
    const ready = this.readyWriters.get(schema)?.get(subject);
    if (ready) return settled(() => this.encodeWith(ready, subject, value));
    return settled(() => this.writerFor(subject, schema)).then((writer) =>
      this.encodeWith(writer, subject, value),
    );
  }

  /**
   * The steady-state encode: the bytes without awaiting when the writer schema is already
   * registered for `subject`, undefined when it is not (call `encode`). Throws VALIDATION_FAILED.
   */
  encodeIfReady(subject: string, schema: object, value: unknown): Buffer | undefined {
    const ready = this.readyWriters.get(schema)?.get(subject);
    return ready && this.encodeWith(ready, subject, value);
  }

  private encodeWith(writer: Writer, subject: string, value: unknown): Buffer {
    try {
      return encodeFramed(writer.schemaId, writer.type, value);
    } catch (cause) {
      throw new FieldlineError(
        'VALIDATION_FAILED',
        `Value for subject ${subject} does not match its schema: ${describeInvalidPaths(writer.type, value)}`,
        { cause },
      );
    }
  }

  /** Deserializes a wire-format record, resolving it into this build's reader schema. */
  decode<T = unknown>(
    bytes: Buffer | null | undefined,
    location: RecordLocation,
  ): Promise<DecodedRecord<T>> {
    return settled(() => {
      const schemaId = framedSchemaId(bytes, location);
      const framed = bytes as Buffer;
      const reader = this.readersById.get(schemaId);
      if (reader) return this.decodeWith<T>(reader, schemaId, framed, location);
      return this.readerFor(schemaId, location).then((loaded) =>
        this.decodeWith<T>(loaded, schemaId, framed, location),
      );
    });
  }

  /**
   * The steady-state decode: the record decoded without awaiting when its writer schema is
   * cached, undefined when it is not (call `decode`). Throws DecodeError for a bad record.
   */
  decodeIfCached<T = unknown>(
    bytes: Buffer | null | undefined,
    location: RecordLocation,
  ): DecodedRecord<T> | undefined {
    const schemaId = framedSchemaId(bytes, location);
    const reader = this.readersById.get(schemaId);
    return reader && this.decodeWith<T>(reader, schemaId, bytes as Buffer, location);
  }

  private decodeWith<T>(
    reader: Reader,
    schemaId: number,
    framed: Buffer,
    location: RecordLocation,
  ): DecodedRecord<T> {
    let value: T;
    try {
      value = decodeBody(reader.type, framed, reader.resolver) as T;
    } catch (cause) {
      throw new DecodeError(
        location,
        `the Avro body does not match writer schema id ${schemaId} (${reader.recordName}): ${messageOf(cause)}`,
        { cause },
      );
    }
    return { schemaId, recordName: reader.recordName, value };
  }

  private writerFor(subject: string, schema: object): Promise<Writer> {
    let bySubject = this.writersBySchema.get(schema);
    if (!bySubject) {
      bySubject = new Map();
      this.writersBySchema.set(schema, bySubject);
    }
    let writer = bySubject.get(subject);
    if (!writer) {
      const { registry, autoRegister } = this.options;
      const schemaId = autoRegister
        ? registry.register(subject, schema)
        : registry.idOf(subject, schema);
      writer = schemaId.then((id) => {
        const known = { schemaId: id, type: Type.forSchema(schema as never) };
        let readyBySubject = this.readyWriters.get(schema);
        if (!readyBySubject) this.readyWriters.set(schema, (readyBySubject = new Map()));
        readyBySubject.set(subject, known);
        return known;
      });
      this.cacheUntilRejected(bySubject, subject, writer);
    }
    return writer;
  }

  private async readerFor(schemaId: number, location: RecordLocation): Promise<Reader> {
    const writerType = await this.writerType(schemaId, location);
    const recordName = writerType.name;
    if (!recordName) {
      throw new DecodeError(location, `writer schema id ${schemaId} is not a named Avro record`);
    }
    const readerType = this.readerType(recordName, location);
    const reader: Reader = {
      recordName,
      type: readerType ?? writerType,
      resolver:
        readerType && !readerType.equals(writerType)
          ? this.resolve(readerType, writerType, schemaId, location)
          : undefined,
    };
    this.readersById.set(schemaId, reader);
    return reader;
  }

  private async writerType(schemaId: number, location: RecordLocation): Promise<Type> {
    let type = this.writerTypesById.get(schemaId);
    if (!type) {
      type = this.options.registry.typeOf(schemaId);
      this.cacheUntilRejected(this.writerTypesById, schemaId, type);
    }
    try {
      return await type;
    } catch (error) {
      if (error instanceof FieldlineError && error.code === 'UNKNOWN_SCHEMA') {
        throw new DecodeError(location, `schema id ${schemaId} is unknown to the registry`, {
          code: 'UNKNOWN_SCHEMA',
          cause: error,
        });
      }
      if (error instanceof FieldlineError && error.code === 'REGISTRY_REJECTED') {
        throw new DecodeError(
          location,
          `writer schema id ${schemaId} is unusable: ${error.message}`,
          {
            cause: error,
          },
        );
      }
      throw error;
    }
  }

  private readerType(recordName: string, location: RecordLocation): Type | undefined {
    const schemas = this.options.readerSchemas;
    if (!schemas) return undefined;
    let type = this.readerTypesByName.get(recordName);
    if (!type) {
      const schema = schemas[recordName];
      if (!schema) {
        throw new DecodeError(location, `${recordName} is not an event this build reads`);
      }
      type = Type.forSchema(schema as never);
      this.readerTypesByName.set(recordName, type);
    }
    return type;
  }

  private resolve(reader: Type, writer: Type, schemaId: number, location: RecordLocation) {
    try {
      return reader.createResolver(writer);
    } catch (cause) {
      throw new DecodeError(
        location,
        `writer schema id ${schemaId} cannot be resolved into this build's ${reader.name ?? 'reader schema'}: ${messageOf(cause)}`,
        { cause },
      );
    }
  }

  private cacheUntilRejected<K, V>(cache: Map<K, Promise<V>>, key: K, value: Promise<V>): void {
    cache.set(key, value);
    value.catch(() => cache.delete(key));
  }
}

/** Runs `work` now; its result or throw becomes a settled promise (callers always get one). */
function settled<T>(work: () => T | Promise<T>): Promise<T> {
  try {
    return Promise.resolve(work());
  } catch (error) {
    return Promise.reject(error);
  }
}

function describeInvalidPaths(type: Type, value: unknown): string {
  const problems: string[] = [];
  type.isValid(value, {
    errorHook: (path, found) =>
      problems.push(`${path.join('.') || '(root)'} = ${JSON.stringify(found)}`),
  });
  return problems.length > 0 ? `invalid ${problems.join(', ')}` : 'the value cannot be serialized';
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
