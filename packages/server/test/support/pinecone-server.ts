import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/** A request the local Pinecone received. */
export interface PineconeRequest {
  method: string
  /** The path without the query string. */
  path: string
  query: URLSearchParams
  headers: IncomingMessage['headers']
  // biome-ignore lint/suspicious/noExplicitAny: request bodies are checked with matchers
  body: any
}

/** An answer that needs nothing but the request. */
type Answer = (req: PineconeRequest, res: ServerResponse) => void

/** A scripted answer; `proceed` answers as the API would have (after a delay, say). */
type Reply = (
  req: PineconeRequest,
  res: ServerResponse,
  proceed: () => void | Promise<void>,
) => void | Promise<void>

interface Scripted {
  path: RegExp
  reply: Reply
}

/** A dense vector index: its vectors per namespace. */
interface Index {
  dimension: number
  metric: 'cosine' | 'dotproduct' | 'euclidean'
  namespaces: Map<string, Map<string, number[]>>
}

// Pinecone's limits: 1,000 vectors and 2 MB per upsert, 1,000 ids per delete, topK up to 10,000.
const MAX_UPSERT_VECTORS = 1000
const MAX_REQUEST_BYTES = 2 * 1024 * 1024

/** An error body as Pinecone's control and data planes send it. */
export function errorReply(
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): Answer {
  return (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers })
    res.end(JSON.stringify({ error: { code, message }, status }))
  }
}

/** A 200 whose body is not what the API documents (a proxy's page, a truncated answer). */
export function malformedReply(body = '<html>502 Bad Gateway</html>'): Answer {
  return (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' })
    res.end(body)
  }
}

/** Answers as the API would, `ms` later. */
export function delayedReply(ms: number): Reply {
  return async (_req, _res, proceed) => {
    await new Promise((resolve) => setTimeout(resolve, ms))
    await proceed()
  }
}

/** Never answers (until the connection is closed): for timeouts. */
export function hangReply(): Answer {
  return () => {}
}

const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json' })
  res.end(JSON.stringify(body))
}

function cosine(a: number[], b: number[]): number {
  let dot = 0
  let na = 0
  let nb = 0
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!
    na += a[i]! * a[i]!
    nb += b[i]! * b[i]!
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb)
}

/**
 * A local Pinecone speaking the documented REST API the official client calls: the control
 * plane's `GET /indexes/{name}` (answering this server's URL as the index host) and the data
 * plane's `POST /vectors/upsert`, `POST /query`, `POST /vectors/delete` and `GET /vectors/list`,
 * with the `Api-Key` and `X-Pinecone-Api-Version` headers checked. Vectors are kept per namespace
 * and queried by real cosine similarity, so results are real. Scripted replies (errors, hangs,
 * malformed bodies) take the place of the next requests whose path matches.
 */
export async function startPineconeServer(options: {
  apiKey: string
  indexes: Record<string, { dimension: number; metric?: Index['metric'] }>
}) {
  let apiKey = options.apiKey
  const indexes = new Map<string, Index>(
    Object.entries(options.indexes).map(([name, spec]) => [
      name,
      { dimension: spec.dimension, metric: spec.metric ?? 'cosine', namespaces: new Map() },
    ]),
  )
  const requests: PineconeRequest[] = []
  const script: Scripted[] = []
  // One server is both planes and holds one data-plane index: the first named.
  const dataIndexName = Object.keys(options.indexes)[0]!
  let url = ''

  const namespace = (name: unknown) => {
    const index = indexes.get(dataIndexName)!
    const key = typeof name === 'string' ? name : ''
    let vectors = index.namespaces.get(key)
    if (!vectors) {
      vectors = new Map()
      index.namespaces.set(key, vectors)
    }
    return { index, vectors }
  }

  const routes: Record<string, Answer> = {
    'GET /indexes/:name': (req, res) => {
      const name = decodeURIComponent(req.path.slice('/indexes/'.length))
      const index = indexes.get(name)
      if (!index) {
        return errorReply(404, 'NOT_FOUND', `Resource ${name} not found`)(req, res)
      }
      json(res, 200, {
        name,
        dimension: index.dimension,
        metric: index.metric,
        host: url,
        vector_type: 'dense',
        deletion_protection: 'disabled',
        spec: { serverless: { cloud: 'aws', region: 'us-east-1' } },
        status: { ready: true, state: 'Ready' },
      })
    },
    'POST /vectors/upsert': (req, res) => {
      const { index, vectors } = namespace(req.body.namespace)
      const records = req.body.vectors
      if (!Array.isArray(records) || records.length === 0 || records.length > MAX_UPSERT_VECTORS) {
        return errorReply(
          400,
          'INVALID_ARGUMENT',
          `Upsert takes 1 to ${MAX_UPSERT_VECTORS} vectors, got ${records?.length}`,
        )(req, res)
      }
      for (const record of records) {
        if (!Array.isArray(record.values) || record.values.length !== index.dimension) {
          return errorReply(
            400,
            'INVALID_ARGUMENT',
            `Vector dimension ${record.values?.length} does not match the dimension of the index ${index.dimension}`,
          )(req, res)
        }
      }
      for (const record of records) vectors.set(String(record.id), record.values)
      json(res, 200, { upsertedCount: records.length })
    },
    'POST /query': (req, res) => {
      const { index, vectors } = namespace(req.body.namespace)
      const vector = req.body.vector
      const topK = req.body.topK
      if (!Array.isArray(vector) || vector.length !== index.dimension) {
        return errorReply(
          400,
          'INVALID_ARGUMENT',
          `Vector dimension ${vector?.length} does not match the dimension of the index ${index.dimension}`,
        )(req, res)
      }
      if (!Number.isInteger(topK) || topK < 1 || topK > 10_000) {
        return errorReply(400, 'INVALID_ARGUMENT', 'topK must be between 1 and 10000')(req, res)
      }
      const matches = [...vectors]
        .map(([id, values]) => ({ id, score: cosine(vector, values), values: [] }))
        .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id))
        .slice(0, topK)
      json(res, 200, {
        results: [],
        matches,
        namespace: req.body.namespace ?? '',
        usage: { readUnits: 1 },
      })
    },
    'POST /vectors/delete': (req, res) => {
      const { vectors } = namespace(req.body.namespace)
      if (req.body.filter) {
        return errorReply(
          400,
          'INVALID_ARGUMENT',
          'Serverless and Starter indexes do not support deleting with metadata filtering',
        )(req, res)
      }
      if (req.body.deleteAll) vectors.clear()
      else for (const id of req.body.ids ?? []) vectors.delete(String(id))
      json(res, 200, {})
    },
    'GET /vectors/list': (req, res) => {
      const { vectors } = namespace(req.query.get('namespace'))
      const prefix = req.query.get('prefix') ?? ''
      const limit = Number(req.query.get('limit') ?? 100)
      const token = req.query.get('paginationToken')
      const skip = token ? Number(Buffer.from(token, 'base64').toString()) : 0
      const ids = [...vectors.keys()].filter((id) => id.startsWith(prefix)).sort()
      const page = ids.slice(skip, skip + limit)
      json(res, 200, {
        vectors: page.map((id) => ({ id })),
        ...(skip + limit < ids.length
          ? { pagination: { next: Buffer.from(String(skip + limit)).toString('base64') } }
          : {}),
        namespace: req.query.get('namespace') ?? '',
        usage: { readUnits: 1 },
      })
    },
  }

  const server = createServer(async (req, res) => {
    const parsed = new URL(req.url ?? '/', 'http://localhost')
    let raw = ''
    for await (const chunk of req) raw += chunk
    let body: unknown
    try {
      body = raw ? JSON.parse(raw) : undefined
    } catch {
      return errorReply(
        400,
        'INVALID_ARGUMENT',
        'The request body is not JSON',
      )(
        {
          method: req.method ?? '',
          path: parsed.pathname,
          query: parsed.searchParams,
          headers: req.headers,
          body: raw,
        },
        res,
      )
    }
    const request: PineconeRequest = {
      method: req.method ?? 'GET',
      path: parsed.pathname,
      query: parsed.searchParams,
      headers: req.headers,
      body,
    }
    requests.push(request)
    if (raw.length > MAX_REQUEST_BYTES) {
      return errorReply(
        400,
        'INVALID_ARGUMENT',
        'Request size exceeds the 2 MB limit',
      )(request, res)
    }
    if (req.headers['api-key'] !== apiKey) {
      return errorReply(401, 'UNAUTHENTICATED', 'Invalid API Key')(request, res)
    }
    if (!req.headers['x-pinecone-api-version']) {
      return errorReply(
        400,
        'INVALID_ARGUMENT',
        'Missing X-Pinecone-Api-Version header',
      )(request, res)
    }
    const route =
      request.method === 'GET' && request.path.startsWith('/indexes/')
        ? routes['GET /indexes/:name']
        : routes[`${request.method} ${request.path}`]
    const proceed = () =>
      route
        ? route(request, res)
        : errorReply(404, 'NOT_FOUND', `No route ${request.path}`)(request, res)
    const scripted = script.findIndex((s) => s.path.test(request.path))
    if (scripted >= 0) {
      const [{ reply }] = script.splice(scripted, 1) as [Scripted]
      return reply(request, res, proceed)
    }
    return proceed()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

  return {
    url,
    requests,
    /** The ids and values stored in a namespace of the data-plane index. */
    vectors(ns: string): Map<string, number[]> {
      return namespace(ns).vectors
    },
    /** Every namespace that holds vectors. */
    namespaces(): string[] {
      return [...indexes.get(dataIndexName)!.namespaces]
        .filter(([, v]) => v.size > 0)
        .map(([name]) => name)
    },
    /** The next requests whose path matches get these replies, in order. */
    next(path: RegExp, ...replies: Reply[]) {
      for (const reply of replies) script.push({ path, reply })
    },
    /** Replaces the key the server accepts (a key revoked in Pinecone's console). */
    setApiKey(key: string) {
      apiKey = key
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

export type PineconeServer = Awaited<ReturnType<typeof startPineconeServer>>
