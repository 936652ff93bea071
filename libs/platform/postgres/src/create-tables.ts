import type { Pool } from 'pg';

/** Any fixed number: the lock every Fieldline service takes while it creates its tables. */
const schemaLock = 0x66_6c_64_6c;

/**
 * Runs `CREATE … IF NOT EXISTS` statements under one advisory lock. Without it, services that
 * start together and create the same table race inside PostgreSQL and one fails with a
 * duplicate key on pg_type, IF NOT EXISTS notwithstanding.
 */
export async function createTables(pool: Pool, ddl: string): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [schemaLock]);
    await client.query(ddl);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
