import type { FieldStateUpdated } from '@fieldline/contracts';
import type { KafkaRuntime, TopicTail } from '@fieldline/platform-kafka';

/**
 * Every region's latest field state, read from the compacted `field-states` topic by each
 * instance, so any replica answers for any region and a restart reads it all back.
 */
export class CurrentStates {
  private readonly latest = new Map<string, FieldStateUpdated>();
  private readonly tail: TopicTail;
  private readonly topic: string;

  constructor(runtime: KafkaRuntime) {
    this.tail = runtime.tail();
    this.topic = runtime.topics.physical('field-states');
  }

  start(): Promise<void> {
    return this.tail.start(this.topic, { fromBeginning: true }, (record) => {
      if (record.type !== 'dev.fieldline.fieldstates.FieldStateUpdated') return;
      const state = record.event as FieldStateUpdated;
      const known = this.latest.get(state.regionId);
      if (!known || known.version < state.version) this.latest.set(state.regionId, state);
    });
  }

  of(regionId: string): FieldStateUpdated | undefined {
    return this.latest.get(regionId);
  }

  all(): FieldStateUpdated[] {
    return [...this.latest.values()].sort((a, b) => a.regionId.localeCompare(b.regionId));
  }

  stop(): Promise<boolean> {
    return this.tail.stop();
  }
}
