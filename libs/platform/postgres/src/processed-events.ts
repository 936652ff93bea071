import { createTables } from './create-tables';
import type { Pool, PoolClient } from 'pg';
import { FieldlineError } from '@fieldline/shared-errors';

export type Once<T> =
  { readonly duplicate: true } | { readonly duplicate: false; readonly result: T };

const identifier = /^[a-z_][a-z0-9_]*$/;

/**
 * Idempotent handling: records which events a consumer has processed in the same PostgreSQL
 * transaction as the handler's own writes, so a redelivered event (after a crash, a rebalance
 * or a redrive) changes nothing the second time.
 */
export class ProcessedEvents {
  private readonly table: string;

  constructor(
    private readonly pool: Pool,
    options: { readonly table?: string } = {},
  ) {
    const table = options.table ?? 'fieldline_processed_events';
    if (!identifier.test(table)) {
      throw new FieldlineError('CONFIG_INVALID', `"${table}" is not a plain lower-case table name`);
    }
    this.table = table;
  }

  async ensureSchema(): Promise<void> {
    await createTables(
      this.pool,
      `
      CREATE TABLE IF NOT EXISTS ${this.table} (
        consumer text NOT NULL,
        event_id text NOT NULL,
        processed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer, event_id)
      )`,
    );
  }

  /**
   * Runs `work` in a transaction that first claims (consumer, eventId). When the event was
   * processed before, nothing runs. A concurrent delivery of the same event waits for the first
   * to commit and is then seen as a duplicate; if the first rolls back, the second runs.
   */
  async once<T>(
    consumer: string,
    eventId: string,
    work: (client: PoolClient) => Promise<T>,
  ): Promise<Once<T>> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const claimed = await client.query(
        `INSERT INTO ${this.table} (consumer, event_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
        [consumer, eventId],
      );
      if (claimed.rowCount === 0) {
        await client.query('ROLLBACK');
        return { duplicate: true };
      }
      const result = await work(client);
      await client.query('COMMIT');
      return { duplicate: false, result };
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async wasProcessed(consumer: string, eventId: string): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      `SELECT 1 FROM ${this.table} WHERE consumer = $1 AND event_id = $2`,
      [consumer, eventId],
    );
    return (rowCount ?? 0) > 0;
  }
}
