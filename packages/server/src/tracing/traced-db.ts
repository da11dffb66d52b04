import type { Tracer } from '@opentelemetry/api'
import type { Db, Queryable } from '../db/types.ts'
import { inSpan } from './tracing.ts'

const DB_ATTRIBUTES = { 'db.system.name': 'postgresql' }

function tracedQueryable<Q extends Queryable>(inner: Q, tracer: Tracer): Queryable {
  return {
    // The statement's text only: parameters may hold visitors' words.
    query: (text, params) =>
      inSpan(tracer, 'db.query', { ...DB_ATTRIBUTES, 'db.query.text': text }, () =>
        inner.query(text, params),
      ),
    exec: (script) => inSpan(tracer, 'db.exec', DB_ATTRIBUTES, () => inner.exec(script)),
  }
}

/** The same database, with a span for every transaction and statement. */
export function tracedDb(db: Db, tracer: Tracer): Db {
  const direct = tracedQueryable(db, tracer)
  return {
    get driver() {
      return db.driver
    },
    get capabilities() {
      return db.capabilities
    },
    set capabilities(value) {
      db.capabilities = value
    },
    query: direct.query,
    exec: direct.exec,
    tenant: (tenantId, fn) =>
      inSpan(tracer, 'db.transaction', { ...DB_ATTRIBUTES, 'avataradam.tenant_id': tenantId }, () =>
        db.tenant(tenantId, (tx) => fn(tracedQueryable(tx, tracer))),
      ),
    transaction: (fn) =>
      inSpan(tracer, 'db.transaction', DB_ATTRIBUTES, () =>
        db.transaction((tx) => fn(tracedQueryable(tx, tracer))),
      ),
    close: () => db.close(),
  }
}
