import { SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry';
import type { CompatibilityLevel } from '@fieldline/shared-avro-compatibility';
import { FieldlineError } from '@fieldline/shared-errors';
import type { Type } from 'avsc';
import {
  isTransientRegistryFailure,
  registryRejected,
  registryStatus,
  registryUnavailable,
} from './registry-failure';

const requestTimeoutMs = 10_000;

export interface RegistryClientOptions {
  /** Base URL of the Confluent-compatible API, e.g. http://127.0.0.1:18081/apis/ccompat/v7. */
  readonly url: string;
  /** How long the client library keeps retrying one call before giving up. */
  readonly maxRetryTimeSeconds?: number;
  readonly auth?: RegistryAuth;
}

/** HTTP basic credentials for the registry (on Confluent Cloud, an API key and secret). */
export interface RegistryAuth {
  readonly username: string;
  readonly password: string;
}

/** One registered version of a subject. */
export interface SubjectVersion {
  readonly version: number;
  readonly id: number;
  readonly schema: object;
}

/**
 * The registry's HTTP surface, on @kafkajs/confluent-schema-registry. Subjects are always named
 * by the caller (from the topic catalog); the library's own subject naming is never used because
 * it differs from the Java clients' strategies.
 */
export interface RegistryClient {
  readonly url: string;
  /** Registers `schema` under `subject` (idempotent) and returns its schema id. */
  register(subject: string, schema: object): Promise<number>;
  /** The id of `schema` under `subject`; UNKNOWN_SCHEMA if it was never registered there. */
  idOf(subject: string, schema: object): Promise<number>;
  /** The writer type of a schema id; UNKNOWN_SCHEMA if the registry does not know it. */
  typeOf(schemaId: number): Promise<Type>;
  /** Every version of a subject, oldest first; empty if the subject does not exist. */
  versions(subject: string): Promise<SubjectVersion[]>;
  compatibility(subject: string): Promise<CompatibilityLevel | undefined>;
  setCompatibility(subject: string, level: CompatibilityLevel): Promise<void>;
  /** Resolves when the registry answers (readiness); REGISTRY_UNAVAILABLE when it does not. */
  ping(): Promise<void>;
}

const contentType = 'application/vnd.schemaregistry.v1+json';

export function createRegistryClient(options: RegistryClientOptions): RegistryClient {
  const url = options.url.replace(/\/+$/, '');
  const library = new SchemaRegistry({
    host: url,
    clientId: 'fieldline',
    auth: options.auth && { ...options.auth },
    retry: { maxRetryTimeInSecs: options.maxRetryTimeSeconds ?? 5 },
  });

  const authorization: Record<string, string> = options.auth
    ? {
        Authorization: `Basic ${Buffer.from(`${options.auth.username}:${options.auth.password}`).toString('base64')}`,
      }
    : {};

  /** A Confluent REST call the library does not expose; `undefined` for a 404 when `missingIsEmpty`. */
  async function rest<T>(
    method: string,
    path: string,
    { body, missingIsEmpty = false }: { body?: unknown; missingIsEmpty?: boolean } = {},
  ): Promise<T | undefined> {
    const action = `${method} ${path}`;
    let response: Response;
    let text: string;
    try {
      response = await fetch(`${url}${path}`, {
        method,
        headers: { Accept: contentType, 'Content-Type': contentType, ...authorization },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(requestTimeoutMs),
      });
      text = await response.text();
    } catch (cause) {
      throw registryUnavailable(url, action, cause);
    }
    if (response.status === 404 && missingIsEmpty) return undefined;
    const failure = `HTTP ${response.status} ${text}`;
    if (response.status >= 500 || response.status === 408 || response.status === 429) {
      throw registryUnavailable(url, action, failure);
    }
    if (!response.ok) throw registryRejected(url, action, failure);
    try {
      return JSON.parse(text) as T;
    } catch {
      throw registryRejected(url, action, `the answer is not JSON: ${text.slice(0, 200)}`);
    }
  }

  /** Maps a library failure to a typed error: `notFound` for a 404, then refused vs transient. */
  function translate(
    error: unknown,
    action: string,
    notFound?: () => FieldlineError,
  ): FieldlineError {
    const status = registryStatus(error);
    // The library rethrows the 404 of "is this schema registered?" without its status.
    const missing =
      status === 404 || (error instanceof Error && error.name === 'ConfluentSchemaRegistryError');
    if (missing && notFound) return notFound();
    if (status === 409 || status === 422) {
      return new FieldlineError(
        'VALIDATION_FAILED',
        `Schema registry refused to ${action}: ${(error as Error).message}`,
        {
          cause: error,
        },
      );
    }
    return isTransientRegistryFailure(error)
      ? registryUnavailable(url, action, error)
      : registryRejected(url, action, error);
  }

  async function compatibility(subject: string): Promise<CompatibilityLevel | undefined> {
    const found = await rest<{ compatibilityLevel: CompatibilityLevel }>(
      'GET',
      `/config/${encodeURIComponent(subject)}`,
      {
        missingIsEmpty: true,
      },
    );
    return found?.compatibilityLevel;
  }

  return {
    url,
    async ping() {
      await rest('GET', '/subjects');
    },
    async register(subject, schema) {
      try {
        const { id } = await library.register(
          { type: SchemaType.AVRO, schema: JSON.stringify(schema) },
          // The library only checks this against an existing subject config; setCompatibility
          // is what sets it, so pass whatever the subject already has.
          { subject, compatibility: (await compatibility(subject)) as never },
        );
        return id;
      } catch (error) {
        if (error instanceof FieldlineError) throw error;
        throw translate(error, `register ${subject}`);
      }
    },
    async idOf(subject, schema) {
      try {
        return await library.getRegistryIdBySchema(subject, {
          type: SchemaType.AVRO,
          schema: JSON.stringify(schema),
        });
      } catch (error) {
        throw translate(
          error,
          `look up the id of a schema under ${subject}`,
          () =>
            new FieldlineError(
              'UNKNOWN_SCHEMA',
              `The schema is not registered under subject ${subject}; run the register command first`,
              { cause: error },
            ),
        );
      }
    },
    async typeOf(schemaId) {
      try {
        return (await library.getSchema(schemaId)) as unknown as Type;
      } catch (error) {
        throw translate(
          error,
          `fetch schema id ${schemaId}`,
          () =>
            new FieldlineError('UNKNOWN_SCHEMA', `Schema id ${schemaId} is not in the registry`, {
              cause: error,
            }),
        );
      }
    },
    async versions(subject) {
      const path = `/subjects/${encodeURIComponent(subject)}/versions`;
      const numbers = (await rest<number[]>('GET', path, { missingIsEmpty: true })) ?? [];
      const versions: SubjectVersion[] = [];
      for (const version of [...numbers].sort((a, b) => a - b)) {
        const found = await rest<{ id: number; schema: string }>('GET', `${path}/${version}`);
        if (found)
          versions.push({ version, id: found.id, schema: JSON.parse(found.schema) as object });
      }
      return versions;
    },
    compatibility,
    async setCompatibility(subject, level) {
      await rest('PUT', `/config/${encodeURIComponent(subject)}`, {
        body: { compatibility: level },
      });
    },
  };
}
