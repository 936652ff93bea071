import type {
  PatternChange,
  PatternDetector,
  Reading,
  RegionSnapshot,
} from '@fieldline/domain-patterns';
import type { PartitionStateStore, ReplayedRecord } from '@fieldline/platform-kafka';
import type { StageCheckpoints } from '@fieldline/platform-postgres';
import type { ObservationRecorded } from '@fieldline/contracts';

interface TopicPartition {
  readonly topic: string;
  readonly partition: number;
}

export interface PartitionCheckpoint {
  readonly regions: readonly RegionSnapshot[];
}

/**
 * The detector's windows, kept per input partition: every region lives on one partition (it is
 * the key), so a partition's state is the state of its regions. Checkpointed to PostgreSQL
 * after commits at most every `intervalMs`; restored from there and the observations since.
 */
export class DetectorState implements PartitionStateStore {
  private readonly regionsOf = new Map<string, Set<string>>();
  private readonly lastCheckpointAt = new Map<string, number>();
  private readonly writing = new Set<string>();

  constructor(
    private readonly detector: PatternDetector,
    private readonly checkpoints: StageCheckpoints<PartitionCheckpoint>,
    private readonly intervalMs: number,
    private readonly log: (level: 'info' | 'warn', message: string, fields?: object) => void,
    private readonly now: () => number = Date.now,
  ) {}

  /** The detector's verdict on one observation of `partition`; UNKNOWN metrics are skipped. */
  observe(partition: TopicPartition, observation: ObservationRecorded): readonly PatternChange[] {
    const reading = readingOf(observation);
    if (!reading) return [];
    this.regions(partition).add(reading.regionId);
    return this.detector.observe(reading).changes;
  }

  async restore(partition: TopicPartition): Promise<string | undefined> {
    const checkpoint = await this.checkpoints.load(partition.topic, partition.partition);
    if (!checkpoint) return undefined;
    const regions = this.regions(partition);
    for (const snapshot of checkpoint.state.regions) {
      this.detector.restore(snapshot);
      regions.add(snapshot.regionId);
    }
    this.lastCheckpointAt.set(keyOf(partition), this.now());
    return checkpoint.nextOffset;
  }

  replay(record: ReplayedRecord): void {
    if (record.type !== 'dev.fieldline.observations.ObservationRecorded') return;
    this.observe(record, record.event as ObservationRecorded);
  }

  committed(partition: TopicPartition, nextOffset: string): void {
    const key = keyOf(partition);
    if (
      this.writing.has(key) ||
      this.now() - (this.lastCheckpointAt.get(key) ?? 0) < this.intervalMs
    )
      return;
    // Taken now, synchronously: the state exactly as of nextOffset.
    const regions = [...this.regions(partition)].flatMap(
      (regionId) => this.detector.snapshot(regionId) ?? [],
    );
    this.writing.add(key);
    this.lastCheckpointAt.set(key, this.now());
    this.checkpoints
      .save(partition.topic, partition.partition, { nextOffset, state: { regions } })
      .catch((error: unknown) =>
        this.log('warn', 'checkpoint not written; the next one will be', { error: String(error) }),
      )
      .finally(() => this.writing.delete(key));
  }

  drop(partition: TopicPartition): void {
    for (const regionId of this.regions(partition)) this.detector.forget(regionId);
    this.regionsOf.delete(keyOf(partition));
    this.lastCheckpointAt.delete(keyOf(partition));
  }

  private regions(partition: TopicPartition): Set<string> {
    const key = keyOf(partition);
    let regions = this.regionsOf.get(key);
    if (!regions) {
      regions = new Set();
      this.regionsOf.set(key, regions);
    }
    return regions;
  }
}

function readingOf(observation: ObservationRecorded): Reading | undefined {
  if (observation.metric === 'UNKNOWN') return undefined;
  return {
    id: observation.envelope.eventId,
    regionId: observation.regionId,
    metric: observation.metric,
    value: observation.value,
    at: observation.observedAt,
  };
}

function keyOf({ topic, partition }: TopicPartition): string {
  return `${topic}/${partition}`;
}
