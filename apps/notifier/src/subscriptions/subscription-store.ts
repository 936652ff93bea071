import { createTables } from '@fieldline/platform-postgres';
import { randomBytes, randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import type { Subscription, SubscriptionDraft } from '@fieldline/domain-notifications';

/** A subscription with the secret its notifications are signed with. */
export interface StoredSubscription extends Subscription {
  readonly secret: string;
  readonly createdAt: string;
}

/**
 * Subscriptions in PostgreSQL. Reads are served from a copy refreshed at most every
 * `cacheMs`, since every event is matched against all of them.
 */
export class SubscriptionStore {
  private cache: { at: number; subscriptions: Promise<StoredSubscription[]> } | undefined;

  constructor(
    private readonly pool: Pool,
    private readonly cacheMs = 1_000,
  ) {}

  async ensureSchema(): Promise<void> {
    await createTables(
      this.pool,
      `
      CREATE TABLE IF NOT EXISTS fieldline_subscriptions (
        id text PRIMARY KEY,
        definition jsonb NOT NULL,
        secret text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`,
    );
  }

  async create(draft: SubscriptionDraft): Promise<StoredSubscription> {
    const id = randomUUID();
    const secret = randomBytes(24).toString('base64url');
    const { rows } = await this.pool.query<{ created_at: Date }>(
      'INSERT INTO fieldline_subscriptions (id, definition, secret) VALUES ($1, $2, $3) RETURNING created_at',
      [id, JSON.stringify(draft), secret],
    );
    this.cache = undefined;
    return { ...draft, id, secret, createdAt: rows[0]!.created_at.toISOString() };
  }

  async remove(id: string): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      'DELETE FROM fieldline_subscriptions WHERE id = $1',
      [id],
    );
    this.cache = undefined;
    return (rowCount ?? 0) > 0;
  }

  /** Every subscription, at most `cacheMs` old. */
  all(): Promise<StoredSubscription[]> {
    if (!this.cache || Date.now() - this.cache.at > this.cacheMs) {
      const subscriptions = this.load();
      subscriptions.catch(() => (this.cache = undefined));
      this.cache = { at: Date.now(), subscriptions };
    }
    return this.cache.subscriptions;
  }

  async get(id: string): Promise<StoredSubscription | undefined> {
    return (
      (await this.all()).find((subscription) => subscription.id === id) ??
      (await this.load()).find((s) => s.id === id)
    );
  }

  private async load(): Promise<StoredSubscription[]> {
    const { rows } = await this.pool.query<{
      id: string;
      definition: SubscriptionDraft;
      secret: string;
      created_at: Date;
    }>(
      'SELECT id, definition, secret, created_at FROM fieldline_subscriptions ORDER BY created_at, id',
    );
    return rows.map((row) => ({
      ...row.definition,
      id: row.id,
      secret: row.secret,
      createdAt: row.created_at.toISOString(),
    }));
  }
}

/** A subscription as the API shows it: the secret only once, when it is created. */
export function publicView(subscription: StoredSubscription): Omit<StoredSubscription, 'secret'> {
  const { secret: _secret, ...rest } = subscription;
  return rest;
}
