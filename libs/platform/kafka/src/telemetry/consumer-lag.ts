import { metrics, type ObservableGauge, type ObservableResult } from '@opentelemetry/api';
import type { AdminPort } from '../port/broker-port';
import { kafkaSystem, messaging } from './messaging-attributes';

/** Made on first watch, not at load (see messagingMetrics). */
let gauge: ObservableGauge | undefined;
const lagGauge = () =>
  (gauge ??= metrics
    .getMeter('@fieldline/platform-kafka')
    .createObservableGauge('fieldline.messaging.consumer.lag', {
      description:
        'Records in a partition not yet committed by a consumer group (high-water mark minus committed offset)',
      unit: '{message}',
    }));

/**
 * Observes the lag of the consumer groups a runtime runs, from the broker's committed offsets
 * and high-water marks, whenever metrics are collected. It is read from the broker, not from
 * the consumer, so a stopped or stuck consumer's lag keeps growing where an SRE can see it.
 */
export class ConsumerLag {
  private readonly groups = new Map<string, Set<string>>();
  private admin: { port: AdminPort; connected: Promise<void> } | undefined;
  private readonly observe = (result: ObservableResult) => this.collect(result);
  private observing = false;

  constructor(private readonly createAdmin: () => AdminPort) {}

  /** Reports the lag of `groupId` on these (cluster-named) topics from now on. */
  watch(groupId: string, topics: readonly string[]): void {
    const watched = this.groups.get(groupId) ?? new Set<string>();
    for (const topic of topics) watched.add(topic);
    this.groups.set(groupId, watched);
    if (!this.observing) {
      lagGauge().addCallback(this.observe);
      this.observing = true;
    }
  }

  async stop(): Promise<void> {
    lagGauge().removeCallback(this.observe);
    this.observing = false;
    this.groups.clear();
    const admin = this.admin;
    this.admin = undefined;
    await admin?.port.disconnect().catch(() => undefined);
  }

  private async collect(result: ObservableResult): Promise<void> {
    try {
      const admin = await this.connected();
      await Promise.all(
        [...this.groups].flatMap(([groupId, topics]) =>
          [...topics].map(async (topic) => {
            const [marks, committed] = await Promise.all([
              admin.watermarks(topic),
              admin.committedOffsets(groupId, topic),
            ]);
            const position = new Map(committed.map((entry) => [entry.partition, entry.offset]));
            for (const { partition, low, high } of marks) {
              const at = position.get(partition);
              // No commit yet: everything still in the partition is unread.
              const from = at === undefined || Number(at) < 0 ? Number(low) : Number(at);
              result.observe(Math.max(0, Number(high) - from), {
                [messaging.system]: kafkaSystem,
                [messaging.consumerGroup]: groupId,
                [messaging.destination]: topic,
                [messaging.partition]: String(partition),
              });
            }
          }),
        ),
      );
    } catch {
      // The broker is unreachable: no lag is reported rather than a wrong one; /readyz says why.
    }
  }

  private async connected(): Promise<AdminPort> {
    if (!this.admin) {
      const port = this.createAdmin();
      this.admin = { port, connected: port.connect() };
      this.admin.connected.catch(() => (this.admin = undefined));
    }
    await this.admin.connected;
    return this.admin.port;
  }
}
