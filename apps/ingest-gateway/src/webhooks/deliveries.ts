import { createTables } from '@fieldline/platform-postgres';
import type { Pool } from 'pg';

export type Claim =
  | { readonly claimed: true; readonly token: string }
  | { readonly claimed: false; readonly receivedAt: Date; readonly state: string };

/**
 * Replay protection: every delivery id is claimed once per provider. A claim whose publish
 * failed is released so the provider's retry goes through; one left pending by a crash may be
 * taken over after `staleClaimMs`. Rows older than the signature tolerance can never be
 * replayed (their signature is stale by then) and are purged.
 */
export class WebhookDeliveries {
  constructor(
    private readonly pool: Pool,
    private readonly staleClaimMs = 60_000,
  ) {}

  async ensureSchema(): Promise<void> {
    await createTables(
      this.pool,
      `
      CREATE TABLE IF NOT EXISTS fieldline_webhook_deliveries (
        provider text NOT NULL,
        delivery_id text NOT NULL,
        state text NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (provider, delivery_id)
      )`,
    );
  }

  async claim(provider: string, deliveryId: string): Promise<Claim> {
    const inserted = await this.pool.query(
      `INSERT INTO fieldline_webhook_deliveries (provider, delivery_id, state)
       VALUES ($1, $2, 'pending')
       ON CONFLICT (provider, delivery_id) DO UPDATE SET state = 'pending', received_at = now()
         WHERE fieldline_webhook_deliveries.state = 'pending'
           AND fieldline_webhook_deliveries.received_at < now() - make_interval(secs => $3)
       RETURNING received_at::text AS token`,
      [provider, deliveryId, this.staleClaimMs / 1000],
    );
    // The claim's own time, to full precision: what a release must still find to delete it.
    const claimedRow = inserted.rows[0] as { token: string } | undefined;
    if (claimedRow) return { claimed: true, token: claimedRow.token };
    const existing = await this.pool.query<{ state: string; received_at: Date }>(
      'SELECT state, received_at FROM fieldline_webhook_deliveries WHERE provider = $1 AND delivery_id = $2',
      [provider, deliveryId],
    );
    const row = existing.rows[0];
    return row
      ? { claimed: false, receivedAt: row.received_at, state: row.state }
      : this.claim(provider, deliveryId);
  }

  async accepted(provider: string, deliveryId: string): Promise<void> {
    await this.pool.query(
      `UPDATE fieldline_webhook_deliveries SET state = 'accepted' WHERE provider = $1 AND delivery_id = $2`,
      [provider, deliveryId],
    );
  }

  /** Gives up this claim (its publish failed) unless another attempt has taken it over since. */
  async release(provider: string, deliveryId: string, token: string): Promise<void> {
    await this.pool.query(
      `DELETE FROM fieldline_webhook_deliveries
       WHERE provider = $1 AND delivery_id = $2 AND state = 'pending' AND received_at::text = $3`,
      [provider, deliveryId, token],
    );
  }

  async purgeOlderThan(ageMs: number): Promise<number> {
    const purged = await this.pool.query(
      'DELETE FROM fieldline_webhook_deliveries WHERE received_at < now() - make_interval(secs => $1)',
      [ageMs / 1000],
    );
    return purged.rowCount ?? 0;
  }
}
