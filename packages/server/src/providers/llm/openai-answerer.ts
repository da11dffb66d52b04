import type OpenAI from 'openai'
import type {
  ChatCompletionChunk,
  ChatCompletionMessageParam,
  ChatCompletionTool,
} from 'openai/resources/chat/completions'
import { citedChunkIds, groundedPrompt, MAX_ANSWER_TOKENS } from './grounded-prompt.ts'
import type { AnswerModel, AnswerPart, AnswerRequest, AnswerTool, ToolResult } from './index.ts'

export interface OpenAIAnswererOptions {
  /** Client of the OpenAI API, OpenRouter, or any OpenAI-compatible server. */
  client: OpenAI
  model: string
  /** Provider name for logs: `openai`, `openrouter`, `openai-compatible`. */
  provider: string
  /** Longest wait for the first token, and between two tokens. */
  timeoutMs: number
  /** Rounds of tool calls before the model must answer with what it has (default 3). */
  maxToolRounds?: number
}

/** The model went quiet for longer than the timeout. */
export class ModelTimeoutError extends Error {
  override name = 'ModelTimeoutError'
}

/**
 * Streams answers from a chat-completions model, grounded in the retrieved passages (see
 * groundedPrompt), then reports the passages it cited. With tools in the request, the model may
 * call them first: the calls are assembled from the streamed fragments, run, and their results sent
 * back, for at most `maxToolRounds` rounds; then it must answer. All of it is under one silence
 * timeout and the turn's abort signal. Retries on 429 (honouring Retry-After),
 * 5xx and dropped connections are the `openai` client's, set by its `maxRetries`.
 *
 * @example
 * ```ts
 * const model = createOpenAIAnswerer({
 *   client: new OpenAI({ apiKey, baseURL: 'http://localhost:11434/v1', maxRetries: 2 }),
 *   model: 'llama3.1', provider: 'openai-compatible', timeoutMs: 20_000,
 * })
 * ```
 */
export function createOpenAIAnswerer(options: OpenAIAnswererOptions): AnswerModel {
  const { client, model, provider, timeoutMs } = options
  const maxToolRounds = options.maxToolRounds ?? 3
  return {
    provider,
    modelId: model,
    async *doStream(request: AnswerRequest): AsyncGenerator<AnswerPart> {
      // Aborted by the turn (visitor gone, shutdown) or by the silence timer below.
      const quiet = new AbortController()
      const signal = request.abortSignal
        ? AbortSignal.any([request.abortSignal, quiet.signal])
        : quiet.signal
      let timer: NodeJS.Timeout | undefined
      const arm = () => {
        clearTimeout(timer)
        timer = setTimeout(
          () => quiet.abort(new ModelTimeoutError(`${model} sent nothing for ${timeoutMs} ms`)),
          timeoutMs,
        )
      }
      arm()
      const tools = request.tools ?? []
      const toolDefinitions: ChatCompletionTool[] = tools.map((tool) => ({
        type: 'function',
        function: { name: tool.name, description: tool.description, parameters: tool.parameters },
      }))
      const messages: ChatCompletionMessageParam[] = groundedPrompt(request)
      // The passages the answer may cite: the retrieved ones, then those tools found.
      const passages = [...request.passages]
      let text = ''
      try {
        for (let round = 0; ; round++) {
          // Past the last round of tool calls, the model is told to answer with what it has.
          const toolChoice = round < maxToolRounds ? 'auto' : 'none'
          const stream = await client.chat.completions.create(
            {
              model,
              messages,
              stream: true,
              max_tokens: MAX_ANSWER_TOKENS,
              ...(tools.length > 0 ? { tools: toolDefinitions, tool_choice: toolChoice } : {}),
            },
            { signal },
          )
          const calls: PendingCall[] = []
          let finished = false
          let roundText = ''
          for await (const chunk of stream) {
            arm()
            const choice = chunk.choices[0]
            // OpenRouter reports a failure mid-stream as finish_reason "error": not an answer.
            if ((choice?.finish_reason as string | null | undefined) === 'error') {
              throw new Error(`${model} failed in the middle of its answer`)
            }
            if (choice?.finish_reason) finished = true
            for (const fragment of choice?.delta?.tool_calls ?? []) addFragment(calls, fragment)
            const delta = choice?.delta?.content
            if (delta) {
              text += delta
              roundText += delta
              yield { type: 'text', text: delta }
            }
          }
          // The client ends an aborted stream quietly, and a connection cut mid-answer looks like
          // the end of the stream: neither may pass for a finished answer.
          signal.throwIfAborted()
          if (!finished) throw new Error(`${model}'s stream ended before the answer was finished`)
          const called = calls.filter((call) => call !== undefined)
          if (called.length === 0) break
          if (toolChoice === 'none') {
            throw new Error(`${model} kept calling tools after ${maxToolRounds} rounds`)
          }
          messages.push({
            role: 'assistant',
            content: roundText || null,
            tool_calls: called.map((call) => ({
              id: call.id,
              type: 'function',
              function: { name: call.name, arguments: call.arguments },
            })),
          })
          for (const call of called) {
            const result = await runTool(tools, call, passages.length + 1, signal)
            passages.push(...(result.passages ?? []))
            messages.push({ role: 'tool', tool_call_id: call.id, content: result.content })
          }
          signal.throwIfAborted()
          // The tools' time is not the model's silence.
          arm()
        }
      } catch (err) {
        // The silence timer's reason is clearer than the client's generic abort error.
        if (quiet.signal.aborted) throw quiet.signal.reason
        throw err
      } finally {
        clearTimeout(timer)
      }
      yield { type: 'sources', chunkIds: citedChunkIds(text, passages) }
    },
  }
}

/** A tool call being assembled from streamed fragments. */
interface PendingCall {
  id: string
  name: string
  arguments: string
}

/**
 * Adds one streamed fragment to its call: the first fragment of a call (by `index`) brings its id
 * and name, the following ones pieces of the arguments' JSON.
 */
function addFragment(calls: PendingCall[], fragment: ChatCompletionChunk.Choice.Delta.ToolCall) {
  calls[fragment.index] ??= { id: '', name: '', arguments: '' }
  const call = calls[fragment.index]!
  if (fragment.id) call.id = fragment.id
  if (fragment.function?.name) call.name += fragment.function.name
  if (fragment.function?.arguments) call.arguments += fragment.function.arguments
}

/**
 * Runs one call. Whatever goes wrong (a tool the server does not have, arguments that are not
 * JSON, a tool that fails) becomes a result telling the model so: it may correct itself, or
 * answer without; the turn goes on.
 */
async function runTool(
  tools: AnswerTool[],
  call: PendingCall,
  firstRef: number,
  abortSignal: AbortSignal,
): Promise<ToolResult> {
  const tool = tools.find((t) => t.name === call.name)
  if (!tool) {
    return toolError(
      `There is no tool named "${call.name}". Use one of: ${tools.map((t) => t.name).join(', ')}.`,
    )
  }
  let args: unknown
  try {
    args = call.arguments.trim() === '' ? {} : JSON.parse(call.arguments)
  } catch {
    return toolError('The arguments are not valid JSON. Call again with a JSON object.')
  }
  try {
    return await tool.run(args, { firstRef, abortSignal })
  } catch (err) {
    abortSignal.throwIfAborted()
    return toolError(`The tool failed (${(err as Error).message}). Answer without it.`)
  }
}

const toolError = (error: string): ToolResult => ({ content: JSON.stringify({ error }) })
