import { AvatarAdamError } from './errors.ts'
import type {
  Analytics,
  ApiKeySummary,
  AvatarOverride,
  AvatarOverrideSummary,
  ConversationDetail,
  ConversationList,
  CreatedApiKey,
  CreatedLeadWebhook,
  CreateKeyRequest,
  DealershipFactsResponse,
  DealershipFactsUpdate,
  DocumentAccepted,
  DocumentList,
  ErrorResponse,
  FailedJob,
  FailedJobList,
  InventoryQuery,
  InventoryResult,
  KeyList,
  KnowledgeDocument,
  Lead,
  LeadList,
  LeadSettings,
  LeadWebhook,
  LlmOverride,
  LlmOverrideSummary,
  ProviderOverrides,
  RotateKeyRequest,
  SearchResult,
  WidgetSettings,
} from './protocol.ts'

export interface ServerClientOptions {
  /** A secret key, `sk_live_…` or `sk_test_…`. Keep it on your server. */
  secretKey: string
  /** The AvatarAdam server, such as `https://chat.example.com`. */
  baseUrl: string
  /** A fetch implementation (defaults to the global one). */
  fetch?: typeof fetch
}

export interface UploadOptions {
  /** The file name; its extension helps tell the kind (`.md`, `.pdf`, `.csv`…). */
  filename: string
  title?: string
  contentType?: string
}

/** Filters of `GET /v1/conversations`; all optional, combined with "and". */
export interface ConversationQuery {
  limit?: number
  /** Text in any of its messages, case-insensitive. */
  q?: string
  /** Active at or after (ISO 8601). */
  since?: string
  /** Started before (ISO 8601). */
  until?: string
  /** Only those active in the last 5 minutes. */
  live?: boolean
  hasLead?: boolean
  /** The `nextBefore` of the previous page. */
  before?: string
}

export interface WaitOptions {
  /** Called with each status seen while waiting. */
  onProgress?: (document: KnowledgeDocument) => void
  intervalMs?: number
  timeoutMs?: number
  signal?: AbortSignal
}

/** Back-office calls for a dealership's servers and scripts. */
export interface ServerClient {
  documents: {
    /** Uploads a document; processing continues on the server (see `waitUntilReady`). */
    upload(content: Blob | Uint8Array | string, options: UploadOptions): Promise<DocumentAccepted>
    get(id: string): Promise<KnowledgeDocument>
    list(): Promise<KnowledgeDocument[]>
    delete(id: string): Promise<void>
    /** Processes a document again from its stored upload; its passages are replaced once done. */
    reindex(id: string): Promise<KnowledgeDocument>
    /** Polls until the document is ready; throws with its error if processing failed. */
    waitUntilReady(id: string, options?: WaitOptions): Promise<KnowledgeDocument>
  }
  conversations: {
    /** The first page of conversations matching `query`, most recently active first. */
    list(query?: ConversationQuery): Promise<ConversationList['conversations']>
    /** A page with its cursor: pass `nextBefore` as `before` for the next one. */
    page(query?: ConversationQuery): Promise<ConversationList>
    get(id: string): Promise<ConversationDetail>
  }
  keys: {
    list(): Promise<ApiKeySummary[]>
    /** The full key is in the result, and only there: store it now. */
    create(request: CreateKeyRequest): Promise<CreatedApiKey>
    revoke(id: string): Promise<ApiKeySummary>
    /**
     * A new key like `id` (type, name, origins, scopes), shown this once; the old key keeps
     * working for `overlapSeconds` (default 24 hours).
     */
    rotate(id: string, request?: RotateKeyRequest): Promise<CreatedApiKey>
  }
  /** How the dealership's widget looks and greets; open widgets follow changes at once. */
  widgetSettings: {
    get(): Promise<WidgetSettings>
    /** Replaces every field; invalid settings are refused (`invalid_request`) and change nothing. */
    put(settings: WidgetSettings): Promise<WidgetSettings>
  }
  /** The passages the assistant would read to answer `query`. */
  search(query: string, options?: { limit?: number }): Promise<SearchResult['hits']>
  /** The dealership's vehicles, searched with the assistant's own engine. */
  inventory: {
    /** Every filter optional; `total` counts all matches beyond the vehicles returned. */
    search(query?: InventoryQuery): Promise<InventoryResult>
  }
  /** What the assistant answers directly: hours, phones, addresses, staff, holidays, time zone. */
  facts: {
    get(): Promise<DealershipFactsResponse>
    /**
     * Saves corrections (`facts`; `null` drops them, back to what the documents say) and the time
     * zone (`timezone`, IANA; `null`: from the widget's hours or the address). Invalid input is
     * refused (`invalid_request`) and changes nothing.
     */
    update(update: DealershipFactsUpdate): Promise<DealershipFactsResponse>
  }
  /** Activity per day over the last `days` (default 30, at most 90) and the cache's hit rate. */
  analytics(options?: { days?: number }): Promise<Analytics>
  /** Leads captured in the chat, newest first, and where new ones are emailed. */
  leads: {
    /** One page; pass the returned `nextCursor` as `before` for the next (older) one. */
    list(options?: { limit?: number; before?: string }): Promise<LeadList>
    get(id: string): Promise<Lead>
    settings(): Promise<LeadSettings>
    /** Email new leads to `notificationEmail` (`null`: stop). */
    updateSettings(settings: LeadSettings): Promise<LeadSettings>
  }
  /** Where new leads are POSTed, signed (see {@link CreatedLeadWebhook}). */
  webhooks: {
    get(): Promise<LeadWebhook>
    /** POST new leads to `url`; the result holds a new signing secret, shown only here. */
    set(url: string): Promise<CreatedLeadWebhook>
    /** Stop POSTing new leads. */
    delete(): Promise<void>
  }
  /** Email and webhook deliveries whose attempts ran out (the dead letters). */
  jobs: {
    failed(): Promise<FailedJob[]>
    /** Tries a failed job again, with its attempts anew. */
    retry(id: string): Promise<void>
  }
  /** The dealership's own providers; their keys go in and never come back out. */
  providers: {
    get(): Promise<ProviderOverrides>
    setLlm(settings: LlmOverride): Promise<LlmOverrideSummary>
    deleteLlm(): Promise<void>
    /** Turn the HeyGen video avatar on (`heygen`) or off (`builtin`) for this dealership. */
    setAvatar(settings: AvatarOverride): Promise<AvatarOverrideSummary>
    /** Go back to the server's default avatar. */
    deleteAvatar(): Promise<void>
  }
}

/**
 * The REST client for the `/v1` API, authenticated with a secret key.
 *
 * @example
 * ```ts
 * const avatar = createServerClient({ secretKey: process.env.AVATARADAM_SECRET_KEY!, baseUrl })
 * const { id } = await avatar.documents.upload(await readFile('financing.md'), { filename: 'financing.md' })
 * await avatar.documents.waitUntilReady(id, { onProgress: (d) => console.log(d.progress) })
 * ```
 */
export function createServerClient(options: ServerClientOptions): ServerClient {
  const base = options.baseUrl.replace(/\/+$/, '')
  const doFetch = options.fetch ?? globalThis.fetch

  async function call<T>(method: string, path: string, body?: BodyInit | object): Promise<T> {
    const headers: Record<string, string> = { authorization: `Bearer ${options.secretKey}` }
    let payload: BodyInit | undefined
    if (body instanceof FormData || typeof body === 'string') payload = body
    else if (body !== undefined) {
      payload = JSON.stringify(body)
      headers['content-type'] = 'application/json'
    }
    let res: Response
    try {
      res = await doFetch(`${base}${path}`, { method, headers, body: payload })
    } catch (cause) {
      throw new AvatarAdamError('network_error', `Could not reach ${base}.`, { cause })
    }
    if (res.status === 204) return undefined as T
    const text = await res.text()
    let json: unknown
    try {
      json = text ? JSON.parse(text) : undefined
    } catch {
      json = undefined
    }
    if (!res.ok) {
      const error = (json as Partial<ErrorResponse> | undefined)?.error
      throw error?.code
        ? AvatarAdamError.fromBody(error, res.status)
        : new AvatarAdamError('internal_error', `HTTP ${res.status} from ${path}`, {
            status: res.status,
          })
    }
    return json as T
  }

  const enc = encodeURIComponent
  const documents: ServerClient['documents'] = {
    upload(content, upload) {
      const form = new FormData()
      const blob =
        content instanceof Blob
          ? content
          : new Blob([content as BlobPart], upload.contentType ? { type: upload.contentType } : {})
      form.set('file', blob, upload.filename)
      if (upload.title) form.set('title', upload.title)
      return call('POST', '/v1/documents', form)
    },
    get: (id) => call('GET', `/v1/documents/${enc(id)}`),
    list: async () => (await call<DocumentList>('GET', '/v1/documents')).documents,
    delete: (id) => call('DELETE', `/v1/documents/${enc(id)}`),
    reindex: (id) => call('POST', `/v1/documents/${enc(id)}/reindex`),
    async waitUntilReady(id, wait = {}) {
      const started = Date.now()
      for (;;) {
        const doc = await documents.get(id)
        wait.onProgress?.(doc)
        if (doc.status === 'ready') return doc
        if (doc.status === 'failed') {
          throw new AvatarAdamError(
            doc.error?.code ?? 'ingestion_failed',
            doc.error?.message ?? 'Processing failed.',
          )
        }
        if (Date.now() - started > (wait.timeoutMs ?? 5 * 60_000)) {
          throw new AvatarAdamError('timeout', `Document ${id} was not ready in time.`)
        }
        if (wait.signal?.aborted) throw wait.signal.reason
        await new Promise((r) => setTimeout(r, wait.intervalMs ?? 500))
      }
    },
  }

  function conversationPage(query: ConversationQuery): Promise<ConversationList> {
    const params = new URLSearchParams()
    for (const [name, value] of Object.entries(query)) {
      if (value !== undefined) params.set(name, String(value))
    }
    const qs = params.toString()
    return call('GET', `/v1/conversations${qs ? `?${qs}` : ''}`)
  }

  return {
    documents,
    conversations: {
      list: async (query = {}) => (await conversationPage(query)).conversations,
      page: (query = {}) => conversationPage(query),
      get: (id) => call('GET', `/v1/conversations/${enc(id)}`),
    },
    leads: {
      list(opts = {}) {
        const query = new URLSearchParams()
        if (opts.limit) query.set('limit', String(opts.limit))
        if (opts.before) query.set('before', opts.before)
        const qs = query.toString()
        return call('GET', `/v1/leads${qs ? `?${qs}` : ''}`)
      },
      get: (id) => call('GET', `/v1/leads/${enc(id)}`),
      settings: () => call('GET', '/v1/leads/settings'),
      updateSettings: (settings) => call('PUT', '/v1/leads/settings', settings),
    },
    keys: {
      list: async () => (await call<KeyList>('GET', '/v1/keys')).keys,
      create: (request) => call('POST', '/v1/keys', request),
      revoke: (id) => call('POST', `/v1/keys/${enc(id)}/revoke`),
      rotate: (id, request = {}) => call('POST', `/v1/keys/${enc(id)}/rotate`, request),
    },
    widgetSettings: {
      get: () => call('GET', '/v1/widget-settings'),
      put: (settings) => call('PUT', '/v1/widget-settings', settings),
    },
    search: async (query, opts = {}) =>
      (await call<SearchResult>('POST', '/v1/search', { query, ...opts })).hits,
    inventory: {
      search(query = {}) {
        const params = new URLSearchParams()
        for (const [name, value] of Object.entries(query)) {
          // Lists (drivetrains, features) comma-separated, as the route reads them.
          if (value !== undefined)
            params.set(name, Array.isArray(value) ? value.join(',') : String(value))
        }
        const qs = params.toString()
        return call('GET', `/v1/inventory${qs ? `?${qs}` : ''}`)
      },
    },
    facts: {
      get: () => call('GET', '/v1/dealership-facts'),
      update: (update) => call('PUT', '/v1/dealership-facts', update),
    },
    analytics: (opts = {}) =>
      call('GET', `/v1/analytics${opts.days === undefined ? '' : `?days=${opts.days}`}`),
    webhooks: {
      get: () => call('GET', '/v1/webhooks'),
      set: (url) => call('PUT', '/v1/webhooks', { url }),
      delete: () => call('DELETE', '/v1/webhooks'),
    },
    jobs: {
      failed: async () => (await call<FailedJobList>('GET', '/v1/jobs/failed')).jobs,
      retry: async (id) => {
        await call('POST', `/v1/jobs/${enc(id)}/retry`)
      },
    },
    providers: {
      get: () => call('GET', '/v1/providers'),
      setLlm: (settings) => call('PUT', '/v1/providers/llm', settings),
      deleteLlm: () => call('DELETE', '/v1/providers/llm'),
      setAvatar: (settings) => call('PUT', '/v1/providers/avatar', settings),
      deleteAvatar: () => call('DELETE', '/v1/providers/avatar'),
    },
  }
}
