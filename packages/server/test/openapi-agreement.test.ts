/**
 * The OpenAPI document and the SDK agree. The document is generated from the zod schemas that
 * validate the routes; here it is turned into TypeScript by openapi-typescript and compiled
 * against the SDK's protocol types (each must be assignable to the other), and every call the
 * SDK's REST client makes is checked against the document's paths and methods.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { createServerClient } from '@avataradam/sdk'
import openapiTS, { astToString } from 'openapi-typescript'
import ts from 'typescript'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  api,
  createTenant,
  startTestServer,
  type TestServer,
  type TestTenant,
} from './support/server.ts'

// Inside the package, so the check resolves `@avataradam/sdk/protocol` as the project does.
// Kept after the run (git ignores it) so a failure can be read beside the generated types.
const WORK_DIR = fileURLToPath(new URL('./.openapi-agreement/', import.meta.url))

/** Component schema → the SDK protocol type it must agree with. */
const COMPONENTS: Record<string, string> = {
  Error: 'ErrorResponse',
  ApiKey: 'ApiKeySummary',
  CreatedApiKey: 'CreatedApiKey',
  CreateKeyRequest: 'CreateKeyRequest',
  KeyList: 'KeyList',
  Document: 'KnowledgeDocument',
  DocumentAccepted: 'DocumentAccepted',
  DocumentList: 'DocumentList',
  Conversation: 'ConversationDetail',
  ConversationList: 'ConversationList',
  Message: 'ChatMessage',
  SearchRequest: 'SearchRequest',
  SearchResult: 'SearchResult',
  LlmOverride: 'LlmOverride',
  LlmOverrideSummary: 'LlmOverrideSummary',
  ProviderOverrides: 'ProviderOverrides',
  AvatarOverride: 'AvatarOverride',
  AvatarOverrideSummary: 'AvatarOverrideSummary',
  Lead: 'Lead',
  Analytics: 'Analytics',
  LeadList: 'LeadList',
  LeadSettings: 'LeadSettings',
  LeadWebhook: 'LeadWebhook',
  LeadWebhookRequest: 'LeadWebhookRequest',
  CreatedLeadWebhook: 'CreatedLeadWebhook',
  FailedJob: 'FailedJob',
  FailedJobList: 'FailedJobList',
  RotateKeyRequest: 'RotateKeyRequest',
  QuestionStat: 'QuestionStat',
  WidgetSettings: 'WidgetSettings',
  Account: 'Account',
  AuthSession: 'AuthSession',
  SignUpRequest: 'SignUpRequest',
  LoginRequest: 'LoginRequest',
  PasswordResetRequest: 'PasswordResetRequest',
  PasswordResetConfirm: 'PasswordResetConfirm',
  InvitationPreview: 'InvitationPreview',
  AcceptInvitationRequest: 'AcceptInvitationRequest',
  TotpSetup: 'TotpSetup',
  TotpConfirmed: 'TotpConfirmed',
  TotpConfirmRequest: 'TotpConfirmRequest',
  TotpDisableRequest: 'TotpDisableRequest',
  ChangePasswordRequest: 'ChangePasswordRequest',
  Member: 'Member',
  Invitation: 'Invitation',
  MemberList: 'MemberList',
  InviteRequest: 'InviteRequest',
  UpdateMemberRequest: 'UpdateMemberRequest',
  AuditEntry: 'AuditEntry',
  AuditLog: 'AuditLog',
  OutboxMessage: 'OutboxMessage',
  OutboxList: 'OutboxList',
}

let server: TestServer
let tenant: TestTenant
// biome-ignore lint/suspicious/noExplicitAny: an OpenAPI document, walked by key
let doc: any

beforeAll(async () => {
  server = await startTestServer()
  tenant = await createTenant(server)
  const res = await api(server, null, 'GET', '/v1/openapi.json')
  expect(res.status).toBe(200)
  doc = res.body
})
afterAll(() => server.stop())

/** Compiles `files` (written under WORK_DIR) as the repository's strict settings would. */
async function compile(files: Record<string, string>): Promise<string[]> {
  await rm(WORK_DIR, { recursive: true, force: true })
  await mkdir(WORK_DIR, { recursive: true })
  for (const [name, text] of Object.entries(files)) {
    await writeFile(path.join(WORK_DIR, name), text)
  }
  const program = ts.createProgram([path.join(WORK_DIR, 'check.ts')], {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2023,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    customConditions: ['source'],
    allowImportingTsExtensions: true,
    skipLibCheck: true,
    types: [],
  })
  return ts
    .getPreEmitDiagnostics(program)
    .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))
}

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1 and names every schema the SDK has a type for', () => {
    expect(doc.openapi).toBe('3.1.0')
    expect(Object.keys(doc.components.schemas)).toEqual(
      expect.arrayContaining(Object.keys(COMPONENTS)),
    )
  })

  it("agrees with the SDK's protocol types, both ways", async () => {
    const generated = astToString(await openapiTS(doc))
    const pairs = Object.entries(COMPONENTS)
      .map(
        ([schema, type]) =>
          `export type Check${schema} = Holds<Agree<components['schemas']['${schema}'], P.${type}, '${schema} ≠ ${type}'>>`,
      )
      .join('\n')
    const check = `import type * as P from '@avataradam/sdk/protocol'
import type { components } from './openapi.ts'

/** A type error naming the pair unless each side is assignable to the other. */
type Agree<Doc, Sdk, Name extends string> = [Doc] extends [Sdk]
  ? [Sdk] extends [Doc]
    ? true
    : \`SDK type wider than the document: \${Name}\`
  : \`document wider than the SDK type: \${Name}\`
type Holds<T extends true> = T

${pairs}
`
    const errors = await compile({ 'openapi.ts': generated, 'check.ts': check })
    expect(errors).toEqual([])
  })

  it('fails the check when a type drifts (the check can fail)', async () => {
    const drifted = structuredClone(doc)
    drifted.components.schemas.Document.properties.chunkCount = { type: 'string' }
    const generated = astToString(await openapiTS(drifted))
    const errors = await compile({
      'openapi.ts': generated,
      'check.ts': `import type * as P from '@avataradam/sdk/protocol'
import type { components } from './openapi.ts'
type Agree<Doc, Sdk> = [Doc] extends [Sdk] ? ([Sdk] extends [Doc] ? true : false) : false
export const agreement: true = true as Agree<components['schemas']['Document'], P.KnowledgeDocument>
`,
    })
    expect(errors.join('\n')).toMatch(/not assignable to type 'true'/)
  })
})

describe("the SDK's REST client", () => {
  it('calls only paths and methods the document declares', async () => {
    const calls: { method: string; pathname: string }[] = []
    const client = createServerClient({
      secretKey: tenant.secret.key,
      baseUrl: server.url,
      fetch: (input, init) => {
        const url = new URL(input instanceof Request ? input.url : String(input))
        calls.push({ method: (init?.method ?? 'GET').toLowerCase(), pathname: url.pathname })
        return fetch(input, init)
      },
    })

    const accepted = await client.documents.upload('# Hours\n\nOpen 9 to 5.', {
      filename: 'hours.md',
    })
    await client.documents.waitUntilReady(accepted.id, { intervalMs: 20 })
    await client.documents.list()
    await client.search('hours')
    const conversations = await client.conversations.list()
    expect(conversations).toEqual([])
    await client.conversations.get('00000000-0000-4000-8000-000000000000').catch(() => {})
    const key = await client.keys.create({ type: 'secret' })
    await client.keys.list()
    await client.keys.revoke(key.id)
    await client.providers.get().catch(() => {})
    await client.providers.deleteLlm().catch(() => {})
    await client.providers.deleteAvatar().catch(() => {})
    await client.analytics({ days: 7 })
    await client.leads.list()
    await client.leads.settings()
    await client.leads.get('00000000-0000-4000-8000-000000000000').catch(() => {})
    await client.webhooks.get()
    await client.webhooks.set('https://crm.example.com/hooks/avataradam')
    await client.webhooks.delete()
    await client.jobs.failed()
    await client.jobs.retry('00000000-0000-4000-8000-000000000000').catch(() => {})
    await client.documents.delete(accepted.id)

    const declared = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(
      ([template, operations]) =>
        Object.keys(operations).map((method) => ({
          method,
          pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`),
          template,
        })),
    )
    const undeclared = calls.filter(
      (call) => !declared.some((d) => d.method === call.method && d.pattern.test(call.pathname)),
    )
    expect(calls.length).toBeGreaterThan(10)
    expect(undeclared).toEqual([])
  })
})

describe('the reference page', () => {
  it('serves the page and its assets from this server under a strict policy', async () => {
    const page = await fetch(`${server.url}/v1/reference`)
    expect(page.status).toBe(200)
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'")
    const html = await page.text()
    expect(html).not.toMatch(/<script>|https?:\/\//)
    for (const asset of ['swagger-ui.css', 'swagger-ui-bundle.js', 'init.js']) {
      expect(html).toContain(`reference/${asset}`)
      const res = await fetch(`${server.url}/v1/reference/${asset}`)
      expect(res.status, asset).toBe(200)
      expect(res.headers.get('content-type')).toMatch(asset.endsWith('.css') ? /css/ : /javascript/)
      expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(100)
    }
    const missing = await api(server, null, 'GET', '/v1/reference/index.html')
    expect(missing.status).toBe(404)
    expect(missing.body.error.code).toBe('not_found')
  })
})
