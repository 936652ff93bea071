import { createTables } from './create-tables';
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import type { Pool } from 'pg';

const zip = promisify(gzip);
const unzip = promisify(gunzip);

export interface Checkpoint<S> {
  /** The next input offset the state has not applied. */
  readonly nextOffset: string;
  readonly state: S;
}

/**
 * A stage's state per input partition, as of an input offset, in PostgreSQL. Written only after
 * the offset committed; a newer checkpoint never loses to an older one written late. One ahead
 * of the group (after an offset reset) is discarded when the stage finds it, and the stage
 * rebuilds from the log.
 */
export class StageCheckpoints<S> {
  constructor(
    private readonly pool: Pool,
    private readonly groupId: string,
  ) {}

  async ensureSchema(): Promise<void> {
    await createTables(
      this.pool,
      `
      CREATE TABLE IF NOT EXISTS fieldline_stage_checkpoints (
        group_id text NOT NULL,
        topic text NOT NULL,
        partition integer NOT NULL,
        next_offset bigint NOT NULL,
        state bytea NOT NULL,
        written_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (group_id, topic, partition)
      )`,
    );
  }

  async load(topic: string, partition: number): Promise<Checkpoint<S> | undefined> {
    const { rows } = await this.pool.query<{ next_offset: string; state: Buffer }>(
      'SELECT next_offset, state FROM fieldline_stage_checkpoints WHERE group_id = $1 AND topic = $2 AND partition = $3',
      [this.groupId, topic, partition],
    );
    const row = rows[0];
    if (!row) return undefined;
    return {
      nextOffset: String(row.next_offset),
      state: JSON.parse((await unzip(row.state)).toString('utf8')) as S,
    };
  }

  /**
   * Deletes the partition's checkpoint if it is ahead of `committed` (any, when undefined): the
   * group's offsets were reset behind it. Newer checkpoints never lose to an older one, so one
   * ahead would otherwise refuse every checkpoint until the stage passed it again.
   */
  async discard(topic: string, partition: number, committed: string | undefined): Promise<void> {
    await this.pool.query(
      `DELETE FROM fieldline_stage_checkpoints
       WHERE group_id = $1 AND topic = $2 AND partition = $3 AND next_offset > $4`,
      [this.groupId, topic, partition, committed ?? '-1'],
    );
  }

  async save(topic: string, partition: number, checkpoint: Checkpoint<S>): Promise<void> {
    const state = await zip(JSON.stringify(checkpoint.state));
    await this.pool.query(
      `INSERT INTO fieldline_stage_checkpoints (group_id, topic, partition, next_offset, state)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (group_id, topic, partition) DO UPDATE
         SET next_offset = excluded.next_offset, state = excluded.state, written_at = now()
         WHERE fieldline_stage_checkpoints.next_offset <= excluded.next_offset`,
      [this.groupId, topic, partition, checkpoint.nextOffset, state],
    );
  }
}
