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

interface PartitionLag {
  readonly lag: number;
  readonly attributes: Record<string, string>;
}

/**
 * Observes the lag of the consumer groups a runtime runs, from the broker's committed offsets
 * and high-water marks. It is read from the broker, not from the consumer, so a stopped or
 * stuck consumer's lag keeps growing where an SRE can see it. The broker is asked in the
 * background every `intervalMs`; a scrape reports the latest answer at once, so a slow or
 * unreachable broker never stalls /metrics (the lag then stops being reported).
 */
export class ConsumerLag {
  private readonly groups = new Map<string, Set<string>>();
  private admin: { port: AdminPort; connected: Promise<void> } | undefined;
  private latest: PartitionLag[] = [];
  private timer: NodeJS.Timeout | undefined;
  private refreshing = false;
  private readonly observe = (result: ObservableResult) => {
    for (const { lag, attributes } of this.latest) result.observe(lag, attributes);
  };

  constructor(
    private readonly createAdmin: () => AdminPort,
    private readonly intervalMs = 10_000,
  ) {}

  /** Reports the lag of `groupId` on these (cluster-named) topics from now on. */
  watch(groupId: string, topics: readonly string[]): void {
    const watched = this.groups.get(groupId) ?? new Set<string>();
    for (const topic of topics) watched.add(topic);
    this.groups.set(groupId, watched);
    if (!this.timer) {
      lagGauge().addCallback(this.observe);
      this.timer = setInterval(() => void this.refresh(), this.intervalMs);
      this.timer.unref();
    }
    void this.refresh();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    lagGauge().removeCallback(this.observe);
    this.groups.clear();
    this.latest = [];
    const admin = this.admin;
    this.admin = undefined;
    await admin?.port.disconnect().catch(() => undefined);
  }

  private async refresh(): Promise<void> {
    if (this.refreshing) return;
    this.refreshing = true;
    try {
      const admin = await this.connected();
      const measured = await Promise.all(
        [...this.groups].flatMap(([groupId, topics]) =>
          [...topics].map((topic) => this.measure(admin, groupId, topic)),
        ),
      );
      if (this.timer) this.latest = measured.flat();
    } catch {
      // The broker is unreachable: no lag is reported rather than a stale one; /readyz says why.
      this.latest = [];
    } finally {
      this.refreshing = false;
    }
  }

  private async measure(admin: AdminPort, groupId: string, topic: string) {
    const [marks, committed] = await Promise.all([
      admin.watermarks(topic),
      admin.committedOffsets(groupId, topic),
    ]);
    const position = new Map(committed.map((entry) => [entry.partition, entry.offset]));
    return marks.map(({ partition, low, high }): PartitionLag => {
      const at = position.get(partition);
      // No commit yet: everything still in the partition is unread.
      const from = at === undefined || Number(at) < 0 ? Number(low) : Number(at);
      return {
        lag: Math.max(0, Number(high) - from),
        attributes: {
          [messaging.system]: kafkaSystem,
          [messaging.consumerGroup]: groupId,
          [messaging.destination]: topic,
          [messaging.partition]: String(partition),
        },
      };
    });
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
