// PostgreSQL for the tests: MTO_TEST_PG is a server URL (CI starts one with scripts/ci-postgres.sh).
// Each test gets a database of its own, created here and dropped afterwards. Without MTO_TEST_PG
// the PostgreSQL tests fail in CI (CI=true) and are skipped, loudly, on a developer's machine.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { test } from 'vitest';

export const PG_URL = process.env.MTO_TEST_PG?.trim() || undefined;
const inCi = Boolean(process.env.CI && process.env.CI !== 'false');

/** Call once per test file that needs PostgreSQL: true when the file's PostgreSQL tests should run. */
export function requirePostgres(what: string): boolean {
  if (PG_URL) return true;
  const msg = `${what}: MTO_TEST_PG is not set — start a throwaway server with: export MTO_TEST_PG="$(bash scripts/ci-postgres.sh)"`;
  if (inCi) {
    test(`PostgreSQL is there for ${what}`, () => {
      throw new Error(msg);
    });
  } else {
    console.warn(`SKIPPED ${msg}`);
  }
  return false;
}

/** A new, empty database on the test server; drop() removes it (closing what still uses it). */
export async function freshDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `mto_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(PG_URL!);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
