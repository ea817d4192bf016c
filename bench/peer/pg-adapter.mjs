// A minimal oidc-provider adapter on PostgreSQL (npm `pg`), shaped like
// Logto's: every model in one table, keyed by (model_name, id), the payload as
// jsonb, expiry and consumption as timestamps, and the lookup columns that
// oidc-provider needs (grant_id, user_code, uid). Used by server.mjs when
// PEER_DATABASE_URL is set, so the peer pays for a database round trip per
// stored artefact the way Logto does.
//
//   import { createPgAdapter } from './pg-adapter.mjs';
//   const Adapter = await createPgAdapter(process.env.PEER_DATABASE_URL);
//   new Provider(issuer, { adapter: Adapter, ... });
//
// Expired rows are not deleted (Logto leaves that to a periodic job); reads
// ignore them.

import pg from 'pg';

const TABLE = 'oidc_model_instances';

const SCHEMA = `
create table if not exists ${TABLE} (
  model_name text not null,
  id text not null,
  payload jsonb not null,
  expires_at timestamptz not null,
  consumed_at timestamptz,
  grant_id text,
  user_code text,
  uid text,
  primary key (model_name, id)
);
create index if not exists ${TABLE}__grant_id on ${TABLE} (model_name, grant_id);
create index if not exists ${TABLE}__user_code on ${TABLE} (model_name, user_code);
create index if not exists ${TABLE}__uid on ${TABLE} (model_name, uid);
`;

// Row -> the payload oidc-provider expects (consumed is a flag it checks).
const toPayload = (row) => (row
  ? { ...row.payload, ...(row.consumed_at ? { consumed: true } : {}) }
  : undefined);

export async function createPgAdapter(connectionString, { max = 10 } = {}) {
  const pool = new pg.Pool({ connectionString, max });
  pool.on('error', (err) => console.error(`pg-adapter: idle client error: ${err.message}`));
  await pool.query(SCHEMA);

  const live = 'expires_at > now()';

  class PgAdapter {
    constructor(name) {
      this.name = name;
    }

    async upsert(id, payload, expiresIn) {
      await pool.query(
        `insert into ${TABLE} (model_name, id, payload, expires_at, grant_id, user_code, uid)
         values ($1, $2, $3, now() + make_interval(secs => $4), $5, $6, $7)
         on conflict (model_name, id) do update set
           payload = excluded.payload, expires_at = excluded.expires_at,
           grant_id = excluded.grant_id, user_code = excluded.user_code, uid = excluded.uid`,
        [this.name, id, payload, expiresIn || 14 * 24 * 3600,
          payload.grantId ?? null, payload.userCode ?? null, payload.uid ?? null],
      );
    }

    async find(id) {
      const { rows } = await pool.query(
        `select payload, consumed_at from ${TABLE} where model_name = $1 and id = $2 and ${live}`,
        [this.name, id],
      );
      return toPayload(rows[0]);
    }

    async findByUid(uid) {
      const { rows } = await pool.query(
        `select payload, consumed_at from ${TABLE} where model_name = $1 and uid = $2 and ${live} limit 1`,
        [this.name, uid],
      );
      return toPayload(rows[0]);
    }

    async findByUserCode(userCode) {
      const { rows } = await pool.query(
        `select payload, consumed_at from ${TABLE}
         where model_name = $1 and user_code = $2 and ${live} limit 1`,
        [this.name, userCode],
      );
      return toPayload(rows[0]);
    }

    async consume(id) {
      await pool.query(
        `update ${TABLE} set consumed_at = now() where model_name = $1 and id = $2`,
        [this.name, id],
      );
    }

    async destroy(id) {
      await pool.query(`delete from ${TABLE} where model_name = $1 and id = $2`, [this.name, id]);
    }

    // This model's rows for the grant (oidc-provider calls it once per model
    // that carries a grantId when a grant is revoked).
    async revokeByGrantId(grantId) {
      await pool.query(`delete from ${TABLE} where model_name = $1 and grant_id = $2`,
        [this.name, grantId]);
    }
  }

  PgAdapter.pool = pool;
  return PgAdapter;
}
