import type { Pool, PoolClient } from 'pg';
import { v5 as nameBasedUuid } from 'uuid';
import {
  decide,
  type Match,
  type SendHistory,
  type Subscription,
} from '@fieldline/domain-notifications';
import { ProcessedEvents, createTables } from '@fieldline/platform-postgres';

/** A notification decided on, as NotificationRequested carries it. */
export interface RequestedNotification {
  readonly notificationId: string;
  readonly subscriptionId: string;
  readonly dedupKey: string;
  readonly severity: Match['severity'];
  readonly channel: Subscription['channel'];
  readonly title: string;
  readonly body: string;
  readonly triggerEventId: string;
  readonly regionId: string | null;
  readonly occurredAt: number;
}

const notificationNamespace = 'e2b8d4f6-1a3c-4e5b-9d7f-0c6a8b2e4d13';

/**
 * Every notification decided on, in PostgreSQL: the history dedup, quiet periods and rate limits
 * are judged against, and what each triggering event led to. An event is evaluated once (its id
 * is claimed in the same transaction), and a redelivered event publishes what was decided then.
 */
export class NotificationLedger {
  private readonly processed: ProcessedEvents;

  constructor(
    private readonly pool: Pool,
    /** The evaluating consumer group: what "evaluated once" is recorded under. */
    private readonly consumer: string,
  ) {
    this.processed = new ProcessedEvents(pool);
  }

  async ensureSchema(): Promise<void> {
    await this.processed.ensureSchema();
    await createTables(
      this.pool,
      `
      CREATE TABLE IF NOT EXISTS fieldline_notifications (
        notification_id text PRIMARY KEY,
        subscription_id text NOT NULL,
        dedup_key text NOT NULL,
        trigger_event_id text NOT NULL,
        occurred_at bigint NOT NULL,
        payload jsonb NOT NULL
      );
      CREATE INDEX IF NOT EXISTS fieldline_notifications_by_subscription
        ON fieldline_notifications (subscription_id, occurred_at);
      CREATE INDEX IF NOT EXISTS fieldline_notifications_by_key
        ON fieldline_notifications (subscription_id, dedup_key, occurred_at);
      CREATE INDEX IF NOT EXISTS fieldline_notifications_by_trigger
        ON fieldline_notifications (trigger_event_id)`,
    );
  }

  /**
   * Decides, once per triggering event, which matches become notifications; resolves with every
   * notification the event led to, decided now or on an earlier delivery of it.
   */
  async evaluate(
    triggerEventId: string,
    at: number,
    matches: readonly { readonly subscription: Subscription; readonly match: Match }[],
  ): Promise<RequestedNotification[]> {
    if (matches.length > 0) {
      await this.processed.once(this.consumer, triggerEventId, async (client) => {
        for (const { subscription, match } of matches) {
          // One decision per subscription at a time: the history it reads is then complete.
          await client.query('SELECT 1 FROM fieldline_subscriptions WHERE id = $1 FOR UPDATE', [
            subscription.id,
          ]);
          const history = await historyOf(client, subscription, match.dedupKey, at);
          if (decide(subscription, history, at) !== 'send') continue;
          const notification: RequestedNotification = {
            notificationId: nameBasedUuid(
              `${subscription.id}|${match.dedupKey}|${triggerEventId}`,
              notificationNamespace,
            ),
            subscriptionId: subscription.id,
            dedupKey: match.dedupKey,
            severity: match.severity,
            channel: subscription.channel,
            title: match.title,
            body: match.body,
            triggerEventId,
            regionId: match.regionId,
            occurredAt: at,
          };
          await client.query(
            `INSERT INTO fieldline_notifications
               (notification_id, subscription_id, dedup_key, trigger_event_id, occurred_at, payload)
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
            [
              notification.notificationId,
              subscription.id,
              match.dedupKey,
              triggerEventId,
              at,
              JSON.stringify(notification),
            ],
          );
        }
      });
    }
    const { rows } = await this.pool.query<{ payload: RequestedNotification }>(
      'SELECT payload FROM fieldline_notifications WHERE trigger_event_id = $1 ORDER BY notification_id',
      [triggerEventId],
    );
    return rows.map((row) => row.payload);
  }
}

/** What the subscription sent around event time `at`, in either direction (events arrive late). */
async function historyOf(
  client: PoolClient,
  subscription: Subscription,
  dedupKey: string,
  at: number,
): Promise<SendHistory> {
  const { rows } = await client.query<{
    key_distance: string | null;
    any_distance: string | null;
    in_window: string;
  }>(
    `SELECT
       (SELECT min(abs(occurred_at - $3)) FROM fieldline_notifications
         WHERE subscription_id = $1 AND dedup_key = $2) AS key_distance,
       (SELECT min(abs(occurred_at - $3)) FROM fieldline_notifications
         WHERE subscription_id = $1) AS any_distance,
       (SELECT count(*) FROM fieldline_notifications
         WHERE subscription_id = $1 AND occurred_at > $3 - $4 AND occurred_at <= $3) AS in_window`,
    [subscription.id, dedupKey, at, subscription.rateLimit.perMs],
  );
  const row = rows[0]!;
  return {
    lastSentForKey: row.key_distance === null ? undefined : at - Number(row.key_distance),
    lastSentAt: row.any_distance === null ? undefined : at - Number(row.any_distance),
    sentInWindow: Number(row.in_window),
  };
}
