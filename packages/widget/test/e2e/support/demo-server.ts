import { createBuiltinAnswerer } from '../../../../server/src/answers/builtin-answerer.ts'
import type { AnswerModel } from '../../../../server/src/providers/llm/index.ts'
import { eventually } from '../../../../server/test/support/chat.ts'
import { startTestServer, type TestServer } from '../../../../server/test/support/server.ts'

/**
 * The built-in answerer, word by word with a pause between words, so a test can watch an answer
 * grow in the page and act while it is still coming. The words, citations and actions are the
 * real ones: the server hands it the turn's understanding and evidence as it hands them to the
 * built-in answerer it composes itself.
 */
export function pacedAnswerer(delayMs: number): AnswerModel {
  const inner = createBuiltinAnswerer()
  return {
    provider: 'test',
    modelId: 'paced-builtin',
    async *doStream(request) {
      for await (const part of inner.doStream(request)) {
        if (part.type !== 'text') {
          yield part
          continue
        }
        for (const word of part.text.match(/\S+\s*|\s+/g) ?? []) {
          await new Promise((resolve) => setTimeout(resolve, delayMs))
          request.abortSignal?.throwIfAborted()
          yield { type: 'text', text: word }
        }
      }
    },
  }
}

/**
 * `npm start`'s demo on a free port: the demo dealership with its documents ingested, the
 * example dealership site at `/` with the built widget at `/widget/`.
 */
export async function startDemoServer(
  options: {
    answerer?: AnswerModel
    dataDir?: string | undefined
    port?: number
    env?: Record<string, string>
  } = {},
): Promise<TestServer> {
  const server = await startTestServer({
    env: { AVATARADAM_DEMO: 'true', ...options.env },
    parts: options.answerer ? { answerer: options.answerer } : undefined,
    dataDir: options.dataDir,
    port: options.port,
  })
  if (!server.demo) throw new Error('the demo dealership was not created')
  const tenantId = server.demo.tenantId
  await eventually(async () => {
    const rows = await server.db.query<{ status: string }>(
      'select status from documents where tenant_id = $1',
      [tenantId],
    )
    if (rows.some((r) => r.status === 'failed')) throw new Error('a demo document failed')
    return rows.length > 0 && rows.every((r) => r.status === 'ready')
  }, 60_000)
  return server
}
