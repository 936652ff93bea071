import { setTimeout as sleep } from 'node:timers/promises';
import { context, type Attributes, type Context, type Span } from '@opentelemetry/api';
import type { EventName, TopicName } from '@fieldline/contracts';
import type { HistogramCell } from '@fieldline/platform-metrics';
import type { AvroSerde } from '@fieldline/platform-registry';
import { FieldlineError } from '@fieldline/shared-errors';
import { eventHeaders } from '../envelope/event-headers';
import { runHandling } from '../envelope/handling-context';
import type { IncomingRecord, OutgoingRecord } from '../port/broker-port';
import { fullJitterDelay } from '../retry/backoff';
import {
  failureHeaders,
  historyOf,
  withFailureHeaders,
  type FailureHistory,
} from '../retry/failure-headers';
import { deadLetterTopicName, retryTopicName } from '../retry/failure-topics';
import { nextStep, type RetryPolicy } from '../retry/retry-policy';
import type { EventWriter } from '../publish/event-writer';
import type { TopicNames } from '../topics/topic-names';
import { fieldline, kafkaSystem, messaging } from '../telemetry/messaging-attributes';
import {
  countConsumed,
  errorTypeOf,
  messagingMetrics,
  processDurations,
} from '../telemetry/messaging-metrics';
import {
  failed,
  startBatchProcessSpan,
  startProcessSpan,
  traceCreation,
} from '../telemetry/messaging-spans';
import type { HandlerDeadlines } from './deadline';
import type { BatchHandler, HandledEvent, RegisteredHandler } from './handled-event';
import { HandledRecord, handlingOf } from './handled-record';

/** What became of one record. Failed records come back as the record to write elsewhere. */
export type RecordOutcome =
  | {
      readonly kind: 'handled';
      /** What the handler published, in order: written before the record counts as handled. */
      readonly published?: readonly OutgoingRecord[];
    }
  | { readonly kind: 'ignored'; readonly reason: string }
  | {
      readonly kind: 'retry-later' | 'dead-lettered';
      readonly forward: OutgoingRecord;
      readonly error: unknown;
      /** The handler ran before the record failed (it was not a decode failure). */
      readonly handlerRan: boolean;
    };

export interface RecordProcessorOptions {
  readonly serde: AvroSerde;
  readonly topics: TopicNames;
  readonly groupId: string;
  readonly handlers: ReadonlyMap<string, RegisteredHandler>;
  readonly policy: RetryPolicy;
  /** Stamps and encodes what handlers publish. */
  readonly writer: EventWriter;
  readonly now?: () => number;
}

/**
 * Decodes one record and runs its handler: in-process retries with backoff for retriable
 * failures, then a retry topic, then the dead-letter topic. It never throws for a bad record;
 * only infrastructure failures the caller must retry escape (e.g. the registry is down).
 */
export class RecordProcessor {
  private readonly now: () => number;
  /** By topic, then event type: no key is built per record. */
  private readonly seriesSets = new Map<string, Map<string, Series>>();

  constructor(private readonly options: RecordProcessorOptions) {
    this.now = options.now ?? Date.now;
  }

  /**
   * `deadlines` times this partition's handler attempts; `releasing` says the batch is ending.
   * The record is handled under a `process` span that continues the trace its headers carry.
   */
  async process(
    record: IncomingRecord,
    releasing: () => boolean,
    deadlines: HandlerDeadlines,
    decoded?: DecodedParts | Error,
  ): Promise<RecordOutcome> {
    const startedAt = performance.now();
    const traced = startProcessSpan(record, this.options.groupId);
    const series = this.series(record.topic, record.headers[eventHeaders.eventType] ?? 'unknown');
    try {
      const outcome = await this.processTraced(record, releasing, deadlines, traced, decoded);
      observeOutcome(traced.span, outcome, series.attributes);
      return outcome;
    } catch (error) {
      // Not the record's fault (the registry or broker is down): it will be read again.
      failed(traced.span, error);
      throw error;
    } finally {
      traced.span.end();
      series.durations.record((performance.now() - startedAt) / 1_000);
    }
  }

  /**
   * The record's handler succeeded, but Kafka refused what it published for what it is (one
   * record too large, say): no retry can change that, so the record is dead-lettered, with
   * the refusal as its error, and none of its outputs count as written.
   */
  refusedOutputs(record: IncomingRecord, error: unknown): RecordOutcome {
    const traced = startProcessSpan(record, this.options.groupId);
    try {
      const outcome = this.fail(
        record,
        historyOf(record.headers),
        error,
        1,
        () => false,
        traced,
        true,
      );
      observeForwarded(
        traced.span,
        outcome,
        this.series(record.topic, record.headers[eventHeaders.eventType] ?? 'unknown').attributes,
      );
      return outcome;
    } finally {
      traced.span.end();
    }
  }

  /** One attribute set (and its duration cell) per topic and event type, not one per record. */
  private series(topic: string, eventType: string): Series {
    let ofTopic = this.seriesSets.get(topic);
    if (!ofTopic) {
      ofTopic = new Map();
      this.seriesSets.set(topic, ofTopic);
    }
    let series = ofTopic.get(eventType);
    if (!series) {
      const attributes = {
        [messaging.system]: kafkaSystem,
        [messaging.destination]: topic,
        [messaging.consumerGroup]: this.options.groupId,
        [fieldline.eventType]: eventType,
      };
      series = { attributes, durations: processDurations.cell(attributes) };
      ofTopic.set(eventType, series);
    }
    return series;
  }

  private async processTraced(
    record: IncomingRecord,
    releasing: () => boolean,
    deadlines: HandlerDeadlines,
    traced: Traced,
    given: DecodedParts | Error | undefined,
  ): Promise<RecordOutcome> {
    const history = historyOf(record.headers);
    const decoded = given ?? this.decodeCached(record) ?? (await this.decode(record));
    if (decoded instanceof Error) {
      return this.fail(record, history, decoded, 1, releasing, traced, false);
    }
    const { recordName, value, key } = decoded;
    const registered = this.options.handlers.get(recordName);
    if (!registered) return { kind: 'ignored', reason: `no handler for ${recordName}` };
    const topic = this.options.topics.logical(history?.sourceTopic ?? record.topic);
    if (!topic) {
      return {
        kind: 'ignored',
        reason: `${history?.sourceTopic ?? record.topic} is not a catalog topic`,
      };
    }
    const handling = handlingOf(record, value);

    for (let attemptsHere = 1; ; attemptsHere += 1) {
      const attemptNumber = (history?.attempts ?? 0) + attemptsHere;
      let handled: HandledRecord | undefined;
      try {
        try {
          await deadlines.run(registered.deadlineMs, (attempt) => {
            handled = new HandledRecord(
              recordName as EventName,
              value as HandledEvent['event'],
              key,
              topic,
              history?.sourcePartition ?? record.partition,
              history?.sourceOffset ?? record.offset,
              record.headers,
              attemptNumber,
              attempt,
              this.options.writer,
            );
            return context.with(
              traced.context,
              runHandling,
              undefined,
              handling,
              registered.handle,
              handled as HandledEvent,
            ) as Promise<void>;
          });
        } finally {
          deadlines.finish();
        }
        return handled ? await handledOutcome(handled) : handledWithoutOutputs;
      } catch (error) {
        // The handler could not reach Kafka or the registry: not the record's fault, so the
        // partition rewinds to it instead of spending its retries.
        if (isInfrastructureFailure(error)) throw error;
        const step = nextStep(
          {
            retriable: isRetriableFailure(error),
            timedOut: isTimeout(error),
            attemptsHere,
            tier: history?.tier ?? 0,
            releasing: releasing(),
          },
          this.options.policy,
        );
        if (step.kind === 'retry-here') {
          const delayMs = fullJitterDelay(attemptsHere, this.options.policy);
          traced.span.addEvent('retry', {
            [fieldline.attempt]: attemptNumber,
            [fieldline.retryDelayMs]: delayMs,
            'exception.type': errorTypeOf(error),
            'exception.message': error instanceof Error ? error.message : String(error),
          });
          messagingMetrics().retries.add(1, {
            [messaging.destination]: record.topic,
            [messaging.consumerGroup]: this.options.groupId,
            [fieldline.retryKind]: 'in_process',
          });
          await sleep(delayMs);
          continue;
        }
        return this.fail(record, history, error, attemptsHere, releasing, traced, true);
      }
    }
  }

  /**
   * Handles the record at `from` and, when a batch handler takes its event type, the records
   * after it that join its batch: first deliveries of the same type whose schemas are cached
   * (a record that needs the registry starts the next batch). `ahead` is what the previous
   * call decoded of the record that ended its batch, so it is not decoded twice.
   */
  async processRun(
    records: readonly IncomingRecord[],
    from: number,
    releasing: () => boolean,
    deadlines: HandlerDeadlines,
    ahead?: DecodedAhead,
  ): Promise<RunResult> {
    const first = records[from] as IncomingRecord;
    const decoded =
      (ahead?.record === first ? ahead.decoded : this.decodeCached(first)) ??
      (await this.decode(first));
    const registered = !(decoded instanceof Error)
      ? this.options.handlers.get(decoded.recordName)
      : undefined;
    const batchHandler = registered?.batch;
    if (
      decoded instanceof Error ||
      !registered ||
      !batchHandler ||
      !isFirstDelivery(first) ||
      !this.options.topics.logical(first.topic)
    ) {
      return {
        kind: 'handled',
        outcomes: [await this.process(first, releasing, deadlines, decoded)],
      };
    }
    const batch = [first];
    const parts = [decoded];
    let next: DecodedAhead | undefined;
    for (let index = from + 1; index < records.length; index += 1) {
      if (batch.length >= batchHandler.maxSize) break;
      const record = records[index] as IncomingRecord;
      if (!isFirstDelivery(record)) break;
      const recordDecoded = this.decodeCached(record);
      if (
        !recordDecoded ||
        recordDecoded instanceof Error ||
        recordDecoded.recordName !== decoded.recordName
      ) {
        next = { record, decoded: recordDecoded };
        break;
      }
      batch.push(record);
      parts.push(recordDecoded);
    }
    const outcomes = await this.processBatch(
      batch,
      parts,
      batchHandler.handle,
      registered.deadlineMs,
      releasing,
      deadlines,
    );
    return outcomes
      ? { kind: 'handled', outcomes, ahead: next }
      : { kind: 'handle-alone', count: batch.length };
  }

  /**
   * One call of a batch handler: the outcome of each record, or undefined when the call failed
   * and its records are to be handled again one at a time (each with its own retries, so only
   * the records at fault go to a retry or dead-letter topic). A call that ran past its deadline
   * sends every record to the next retry topic, as a single record that timed out goes. Either
   * way nothing the call published is written.
   */
  private async processBatch(
    records: readonly IncomingRecord[],
    parts: readonly DecodedParts[],
    handle: BatchHandler<EventName>,
    deadlineMs: number,
    releasing: () => boolean,
    deadlines: HandlerDeadlines,
  ): Promise<readonly RecordOutcome[] | undefined> {
    const startedAt = performance.now();
    const first = records[0] as IncomingRecord;
    const recordName = (parts[0] as DecodedParts).recordName;
    const traced = startBatchProcessSpan(records, this.options.groupId);
    const series = this.series(first.topic, recordName);
    const topic = this.options.topics.logical(first.topic) as TopicName;
    let events: HandledRecord[] = [];
    try {
      try {
        await deadlines.run(deadlineMs, (attempt) => {
          events = records.map((record, index) => {
            const { value, key } = parts[index] as DecodedParts;
            return new HandledRecord(
              recordName as EventName,
              value as HandledEvent['event'],
              key,
              topic,
              record.partition,
              record.offset,
              record.headers,
              1,
              attempt,
              this.options.writer,
              handlingOf(record, value),
            );
          });
          return context.with(traced.context, handle, undefined, events);
        });
      } finally {
        deadlines.finish();
      }
      const outcomes: RecordOutcome[] = [];
      for (const event of events) outcomes.push(await handledOutcome(event));
      traced.span.setAttribute(fieldline.outcome, 'handled');
      countConsumed(series.attributes, records.length);
      return outcomes;
    } catch (error) {
      if (isInfrastructureFailure(error)) {
        failed(traced.span, error);
        throw error;
      }
      if (!isTimeout(error)) {
        failed(traced.span, error);
        traced.span.addEvent('handling the records one at a time');
        return undefined;
      }
      const outcomes = records.map((record) =>
        this.fail(record, undefined, error, 1, releasing, traced, true),
      );
      countConsumed(series.attributes, records.length);
      for (const outcome of outcomes) observeForwarded(traced.span, outcome, series.attributes);
      return outcomes;
    } finally {
      traced.span.end();
      series.durations.record((performance.now() - startedAt) / 1_000);
    }
  }

  /**
   * The steady state: both schemas cached, decoded without awaiting; undefined otherwise. The
   * record is its own location (topic, partition, offset) for any DecodeError.
   */
  private decodeCached(record: IncomingRecord): DecodedParts | Error | undefined {
    try {
      const value = this.options.serde.decodeIfCached(record.value, record);
      if (!value) return undefined;
      if (record.key === null)
        return { recordName: value.recordName, value: value.value, key: null };
      const key = this.options.serde.decodeIfCached(record.key, record);
      return key && { recordName: value.recordName, value: value.value, key: key.value };
    } catch (error) {
      return error instanceof Error ? error : new Error(String(error));
    }
  }

  private async decode(record: IncomingRecord): Promise<DecodedParts | Error> {
    try {
      const [value, key] = await Promise.all([
        this.options.serde.decode(record.value, record),
        record.key === null
          ? Promise.resolve(undefined)
          : this.options.serde.decode(record.key, record),
      ]);
      return { recordName: value.recordName, value: value.value, key: key?.value ?? null };
    } catch (error) {
      // A registry outage is not the record's fault: let the caller retry the whole record.
      if (error instanceof FieldlineError && error.retriable) throw error;
      return error instanceof Error ? error : new Error(String(error));
    }
  }

  private fail(
    record: IncomingRecord,
    history: FailureHistory | undefined,
    error: unknown,
    attemptsHere: number,
    releasing: () => boolean,
    traced: Traced,
    handlerRan: boolean,
  ): RecordOutcome {
    const failedAt = this.now();
    const merged: FailureHistory = {
      sourceTopic: history?.sourceTopic ?? record.topic,
      sourcePartition: history?.sourcePartition ?? record.partition,
      sourceOffset: history?.sourceOffset ?? record.offset,
      attempts: (history?.attempts ?? 0) + attemptsHere,
      firstFailureAt: history?.firstFailureAt ?? failedAt,
      tier: history?.tier ?? 0,
    };
    const retriable = isRetriableFailure(error);
    const step = nextStep(
      { retriable, timedOut: true, attemptsHere, tier: merged.tier, releasing: releasing() },
      this.options.policy,
    );
    const describe = {
      history: merged,
      groupId: this.options.groupId,
      errorType: errorTypeOf(error),
      errorMessage: error instanceof Error ? error.message : String(error),
      retriable,
      failedAt,
    };
    failed(traced.span, error);
    if (step.kind === 'retry-topic') {
      const topic = retryTopicName(merged.sourceTopic, this.options.groupId, step.tier);
      return {
        kind: 'retry-later',
        error,
        handlerRan,
        forward: {
          topic,
          key: record.key,
          value: record.value,
          headers: forwardedInTrace(
            traced,
            topic,
            withFailureHeaders(record.headers, {
              ...describe,
              retry: { tier: step.tier, dueAt: failedAt + step.delayMs },
            }),
          ),
          partition: record.partition,
        },
      };
    }
    const topic = deadLetterTopicName(merged.sourceTopic, this.options.groupId);
    return {
      kind: 'dead-lettered',
      error,
      handlerRan,
      forward: {
        topic,
        key: record.key,
        value: record.value,
        headers: forwardedInTrace(traced, topic, withFailureHeaders(record.headers, describe)),
        partition: record.partition,
      },
    };
  }
}

const handledWithoutOutputs: RecordOutcome = { kind: 'handled' };

/** A handled record's outcome: handled, with what its attempt published. */
function handledOutcome(handled: HandledRecord): RecordOutcome | Promise<RecordOutcome> {
  const outputs = handled.outputs();
  if (!outputs) return handledWithoutOutputs;
  return outputs instanceof Promise
    ? outputs.then((published) => ({ kind: 'handled', published }))
    : { kind: 'handled', published: outputs };
}

/** A record decoded while looking for the end of a batch: where the next run starts. */
export interface DecodedAhead {
  readonly record: IncomingRecord;
  readonly decoded: DecodedParts | Error | undefined;
}

/** What processRun did with the records from where it started. */
export type RunResult =
  | {
      readonly kind: 'handled';
      /** The outcomes of the records from where the run started, in order. */
      readonly outcomes: readonly RecordOutcome[];
      readonly ahead?: DecodedAhead;
    }
  /** A batch handler's call failed: handle these records with `process`, one at a time. */
  | { readonly kind: 'handle-alone'; readonly count: number };

/** The metric attributes of a topic and event type, and its cell of processDurations. */
interface Series {
  readonly attributes: Attributes;
  readonly durations: HistogramCell;
}

interface Traced {
  readonly span: Span;
  readonly context: Context;
}

/**
 * The copy bound for a retry or dead-letter topic is created inside the failed record's
 * `process` span: its next attempt, or its redrive, continues the same trace.
 */
function forwardedInTrace(
  traced: Traced,
  topic: string,
  headers: Record<string, string>,
): Record<string, string> {
  context.with(traced.context, () => traceCreation(topic, headers));
  return headers;
}

/** Records what became of a record on its span and in the metrics. */
function observeOutcome(span: Span, outcome: RecordOutcome, attributes: Attributes): void {
  if (outcome.kind !== 'ignored') countConsumed(attributes);
  observeForwarded(span, outcome, attributes);
}

/** Records a record's outcome on its span, and one forwarded to a retry or DLQ in the metrics. */
function observeForwarded(span: Span, outcome: RecordOutcome, attributes: Attributes): void {
  span.setAttribute(fieldline.outcome, outcome.kind);
  if (outcome.kind === 'ignored' || outcome.kind === 'handled') return;
  const forwarded = { ...attributes, [messaging.errorType]: errorTypeOf(outcome.error) };
  span.addEvent(outcome.kind === 'retry-later' ? 'forwarded to retry topic' : 'dead-lettered', {
    [fieldline.forwardedTo]: outcome.forward.topic,
  });
  messagingMetrics().failed.add(1, forwarded);
  if (outcome.kind === 'retry-later') {
    messagingMetrics().retries.add(1, { ...attributes, [fieldline.retryKind]: 'retry_topic' });
  } else {
    messagingMetrics().deadLettered.add(1, forwarded);
  }
}

interface DecodedParts {
  readonly recordName: string;
  readonly value: unknown;
  readonly key: unknown;
}

/**
 * A handler's failure is retriable when it says so (FieldlineError.retriable). An unclassified
 * error (a driver's plain Error, a bug) gets the retry budget too: dead-lettering at once on a
 * database blip would lose more than a few retries of a bug cost.
 */
function isRetriableFailure(error: unknown): boolean {
  return error instanceof FieldlineError ? error.retriable : true;
}

/** Not read from a retry topic: its batch handler may take it with the records around it. */
function isFirstDelivery(record: IncomingRecord): boolean {
  return record.headers[failureHeaders.sourceTopic] === undefined;
}

function isTimeout(error: unknown): boolean {
  return error instanceof FieldlineError && error.code === 'HANDLER_TIMEOUT';
}

function isInfrastructureFailure(error: unknown): boolean {
  return (
    error instanceof FieldlineError &&
    (error.code === 'BROKER_UNAVAILABLE' || error.code === 'REGISTRY_UNAVAILABLE')
  );
}
