import type { Pool } from 'pg';

/** Which notifications reached their channel: a redelivered request is not sent again. */
export class DeliveryLedger {
  constructor(private readonly pool: Pool) {}

  async ensureSchema(): Promise<void> {
    await this.pool.query(`
      CREATE TABLE IF NOT EXISTS fieldline_deliveries (
        notification_id text PRIMARY KEY,
        channel text NOT NULL,
        attempt integer NOT NULL,
        response_status integer,
        delivered_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async wasDelivered(notificationId: string): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      'SELECT 1 FROM fieldline_deliveries WHERE notification_id = $1',
      [notificationId],
    );
    return (rowCount ?? 0) > 0;
  }

  async delivered(
    notificationId: string,
    channel: string,
    attempt: number,
    responseStatus: number | null,
  ): Promise<Date> {
    const { rows } = await this.pool.query<{ delivered_at: Date }>(
      `INSERT INTO fieldline_deliveries (notification_id, channel, attempt, response_status)
       VALUES ($1, $2, $3, $4)
       ON CONFLICT (notification_id) DO UPDATE SET notification_id = excluded.notification_id
       RETURNING delivered_at`,
      [notificationId, channel, attempt, responseStatus],
    );
    return rows[0]!.delivered_at;
  }
}
