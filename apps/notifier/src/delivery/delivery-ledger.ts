import { createTables } from '@fieldline/platform-postgres';
import type { Pool } from 'pg';

export interface Delivery {
  readonly attempt: number;
  readonly responseStatus: number | null;
  readonly deliveredAt: Date;
}

/** Which notifications reached their channel: a redelivered request is not sent again. */
export class DeliveryLedger {
  constructor(private readonly pool: Pool) {}

  async ensureSchema(): Promise<void> {
    await createTables(
      this.pool,
      `
      CREATE TABLE IF NOT EXISTS fieldline_deliveries (
        notification_id text PRIMARY KEY,
        channel text NOT NULL,
        attempt integer NOT NULL,
        response_status integer,
        delivered_at timestamptz NOT NULL DEFAULT now()
      )`,
    );
  }

  async deliveryOf(notificationId: string): Promise<Delivery | undefined> {
    const { rows } = await this.pool.query<{
      attempt: number;
      response_status: number | null;
      delivered_at: Date;
    }>(
      'SELECT attempt, response_status, delivered_at FROM fieldline_deliveries WHERE notification_id = $1',
      [notificationId],
    );
    const row = rows[0];
    return (
      row && {
        attempt: row.attempt,
        responseStatus: row.response_status,
        deliveredAt: row.delivered_at,
      }
    );
  }

  /** Records the delivery (the first one, if it was recorded before) and returns it. */
  async delivered(
    notificationId: string,
    channel: string,
    attempt: number,
    responseStatus: number | null,
  ): Promise<Delivery> {
    const { rows } = await this.pool.query<{
      attempt: number;
      response_status: number | null;
      delivered_at: Date;
    }>(
      `INSERT INTO fieldline_deliveries (notification_id, channel, attempt, response_status)
       VALUES ($1, $2, $3, $4)
       ON CONFLICT (notification_id) DO UPDATE SET notification_id = excluded.notification_id
       RETURNING attempt, response_status, delivered_at`,
      [notificationId, channel, attempt, responseStatus],
    );
    const row = rows[0]!;
    return {
      attempt: row.attempt,
      responseStatus: row.response_status,
      deliveredAt: row.delivered_at,
    };
  }
}
