/**
 * Who does the work: Kafka's own Java tools (J), raw kafkajs 2.2.4 as published (K), the same
 * raw kafkajs code on kafkajs as this project patches it, the runtime's driver (P), or the
 * Fieldline runtime (B).
 */
export type Client = 'J' | 'K' | 'P' | 'B';

export type Workload = 'serde' | 'produce' | 'consume' | 'latency' | 'single-send' | 'ctp';

/** What one measured run (a cell) does; a Node cell receives it as JSON in its own process. */
export interface CellSpec {
  readonly workload: Workload;
  readonly client: Client;
  readonly brokers: readonly string[];
  readonly schemaRegistryUrl: string;
  /** Size of each record's value (the Avro-encoded event) in bytes. */
  readonly valueBytes: number;
  /** Records to produce, consume or transform; sends for single-send. */
  readonly records: number;
  readonly topic: string;
  readonly outputTopic?: string;
  readonly groupId?: string;
  /** Records per send (produce) or per tick (latency is paced, not batched by count). */
  readonly batchSize?: number;
  /** Open-loop rate, records per second (latency). */
  readonly ratePerSecond?: number;
  /** Measured time after warm-up (latency). */
  readonly durationMs?: number;
  /**
   * `eos` runs consume-transform-produce in transactions; `each-record` has B consume with a
   * handler per record (`on`) instead of a batch handler (`onBatch`).
   */
  readonly variant?: 'alo' | 'eos' | 'each-record';
}

export interface Percentiles {
  readonly p50: number;
  readonly p99: number;
  readonly p999: number;
}

/** What a cell reports; durations in milliseconds unless the name says otherwise. */
export interface CellResult {
  readonly records: number;
  readonly valueBytes: number;
  readonly seconds: number;
  readonly cpuMicros?: number;
  readonly maxRssMb?: number;
  readonly eventLoopDelayP99Ms?: number;
  readonly publishLatencyMs?: Percentiles;
  readonly endToEndLatencyMs?: Percentiles;
  /** Registry HTTP requests made in the measured window (steady state). */
  readonly registryCalls?: number;
  /** serde: microseconds per encode+decode, by schema. */
  readonly serdeMicros?: Readonly<
    Record<string, { readonly micros: number; readonly bytes: number }>
  >;
}

export const resultMarker = '@@bench-result ';
