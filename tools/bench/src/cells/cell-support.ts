import type { TopicName } from '@fieldline/contracts';
import { KafkaRuntime, type KafkaRuntimeOptions } from '@fieldline/platform-kafka';
import type { CellSpec } from './cell-spec';

/**
 * Sends in the first three seconds of a latency run warm caches, connections and the JIT; not
 * recorded. Every client gets the same. After one second, a fresh Node process at 20,000
 * records/s was still working off its start, and that, not its steady state, set its p99.
 */
export const latencyWarmupMs = 3000;

/** Records of a latency run: its rate over the warm-up and the measured duration. */
export function latencyRecords(spec: CellSpec): number {
  return Math.round(
    ((spec.ratePerSecond as number) * (latencyWarmupMs + (spec.durationMs as number))) / 1000,
  );
}

/** Carries a record's intended send time (performance.now() of the sending process). */
export const sentAtHeader = 'bench-sent-at';

export function registryHost(spec: CellSpec): string {
  return new URL(spec.schemaRegistryUrl).host;
}

/** A runtime for one cell: schemas registered on first use, logs only for errors. */
export function benchRuntime(
  spec: CellSpec,
  topicNames: Partial<Record<TopicName, string>>,
): KafkaRuntime {
  return new KafkaRuntime(runtimeOptions(spec, topicNames));
}

export function runtimeOptions(
  spec: CellSpec,
  topicNames: Partial<Record<TopicName, string>>,
): KafkaRuntimeOptions {
  return {
    app: 'bench',
    brokers: spec.brokers,
    schemaRegistryUrl: spec.schemaRegistryUrl,
    topicNames,
    autoRegisterSchemas: true,
    log: (level, message, fields) => {
      if (level === 'error') process.stderr.write(`${message} ${JSON.stringify(fields ?? {})}\n`);
    },
  };
}
