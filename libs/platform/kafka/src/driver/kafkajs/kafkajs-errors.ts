import { FieldlineError } from '@fieldline/shared-errors';
import { KafkaJSError, KafkaJSProtocolError } from 'kafkajs';
import { ProducerFenced, RecordsRefused } from '../../port/broker-port';

/** Broker answers about the records themselves: other records of the request may pass. */
const recordRefusalTypes = new Set([
  'MESSAGE_TOO_LARGE',
  'RECORD_LIST_TOO_LARGE',
  'INVALID_RECORD',
  'CORRUPT_MESSAGE',
]);

/** Broker answers that the group moved on (or forgot the member) while it worked: rejoin. */
export const rejoinTypes: ReadonlySet<string> = new Set([
  'REBALANCE_IN_PROGRESS',
  'NOT_COORDINATOR_FOR_GROUP',
  'ILLEGAL_GENERATION',
  'UNKNOWN_MEMBER_ID',
  'FENCED_INSTANCE_ID',
]);

/** Broker answers that the group will not take this member as it is configured: no retry helps. */
const memberRefusalTypes = new Set([
  'INVALID_SESSION_TIMEOUT',
  'GROUP_AUTHORIZATION_FAILED',
  'INCONSISTENT_GROUP_PROTOCOL',
  'INVALID_GROUP_ID',
  'GROUP_MAX_SIZE_REACHED',
]);

/** Broker answers that a newer producer holds this producer's transactional id. */
const fencedTypes = new Set(['PRODUCER_FENCED', 'INVALID_PRODUCER_EPOCH']);

/** Broker answers that no retry of the same records can change. */
const rejectedTypes = new Set([
  ...recordRefusalTypes,
  'INVALID_REQUIRED_ACKS',
  'TOPIC_AUTHORIZATION_FAILED',
  'CLUSTER_AUTHORIZATION_FAILED',
  'TRANSACTIONAL_ID_AUTHORIZATION_FAILED',
  'UNSUPPORTED_VERSION',
  'INVALID_TOPIC_EXCEPTION',
  'UNKNOWN_TOPIC_OR_PARTITION',
]);

/** The innermost protocol error kafkajs wrapped (retries wrap the last attempt's error). */
function protocolErrorOf(error: unknown): KafkaJSProtocolError | undefined {
  let current: unknown = error;
  for (let depth = 0; current && depth < 10; depth += 1) {
    if (current instanceof KafkaJSProtocolError) return current;
    const next = (current as { originalError?: unknown }).originalError ?? (current as Error).cause;
    current = next;
  }
  return undefined;
}

/**
 * Which of `sent` a failed send did not write, by index, as the patched kafkajs names them
 * (patches/README.md); undefined when it does not say.
 */
export function unwrittenOf(error: unknown, sent: readonly object[]): number[] | undefined {
  let current: unknown = error;
  for (let depth = 0; current && depth < 10; depth += 1) {
    const unwritten = (current as { unwrittenMessages?: readonly object[] }).unwrittenMessages;
    if (unwritten) {
      const indexes = new Map(sent.map((message, index) => [message, index]));
      return unwritten
        .map((message) => indexes.get(message))
        .filter((index): index is number => index !== undefined)
        .sort((a, b) => a - b);
    }
    current = (current as { originalError?: unknown }).originalError ?? (current as Error).cause;
  }
  return undefined;
}

/** The Kafka protocol error type behind a kafkajs failure, e.g. CONCURRENT_TRANSACTIONS. */
export function protocolErrorType(error: unknown): string | undefined {
  return protocolErrorOf(error)?.type;
}

/**
 * Translates a kafkajs failure into a FieldlineError that says whether trying again can help;
 * anything else (a bug) is returned unchanged.
 */
export function toFieldlineError(
  error: unknown,
  what: string,
  sent: readonly object[] = [],
): unknown {
  if (error instanceof FieldlineError) return error;
  const protocol = protocolErrorOf(error);
  const detail = error instanceof Error ? error.message : String(error);
  if (protocol && recordRefusalTypes.has(protocol.type)) {
    return new RecordsRefused(`${what}: Kafka refused it (${protocol.type}: ${detail})`, {
      cause: error,
      unwritten: unwrittenOf(error, sent),
    });
  }
  if (protocol && fencedTypes.has(protocol.type)) {
    return new ProducerFenced(`${what}: another producer took over (${protocol.type}: ${detail})`, {
      cause: error,
    });
  }
  if (protocol && memberRefusalTypes.has(protocol.type)) {
    return new FieldlineError(
      'CONFIG_INVALID',
      `${what}: the group refused the member (${protocol.type}: ${detail})`,
      { cause: error },
    );
  }
  if (protocol && rejectedTypes.has(protocol.type)) {
    return new FieldlineError(
      'PUBLISH_REJECTED',
      `${what}: Kafka refused it (${protocol.type}: ${detail})`,
      {
        cause: error,
      },
    );
  }
  if (error instanceof KafkaJSError) {
    return new FieldlineError('BROKER_UNAVAILABLE', `${what}: ${detail}`, { cause: error });
  }
  return error;
}

/**
 * Runs a kafkajs call, its failure translated as toFieldlineError does; `sent` are the
 * messages of a send, in the order of its records.
 */
export async function translated<T>(
  what: string,
  work: () => Promise<T>,
  sent?: readonly object[],
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw toFieldlineError(error, what, sent);
  }
}
