import { z } from 'zod'
import type { AnswerTool, ToolResult } from './index.ts'

/**
 * A tool whose arguments are a zod schema: the JSON Schema the model sees is generated from it,
 * and arguments that do not fit are answered with a result naming what is wrong (the model may
 * call again), never run.
 *
 * @example
 * ```ts
 * const hours = defineTool({
 *   name: 'opening_hours', description: 'Opening hours of a department',
 *   schema: z.object({ department: z.enum(['sales', 'service']) }),
 *   run: async ({ department }) => ({ content: JSON.stringify(await hoursOf(department)) }),
 * })
 * ```
 */
export function defineTool<S extends z.ZodType>(definition: {
  name: string
  description: string
  schema: S
  run(
    args: z.output<S>,
    context: { firstRef: number; abortSignal: AbortSignal },
  ): Promise<ToolResult>
}): AnswerTool {
  const { $schema: _dialect, ...parameters } = z.toJSONSchema(definition.schema, {
    io: 'input',
    unrepresentable: 'any',
  }) as Record<string, unknown>
  return {
    name: definition.name,
    description: definition.description,
    parameters,
    async run(args, context) {
      const parsed = definition.schema.safeParse(args)
      if (!parsed.success) {
        const problems = parsed.error.issues.map((i) =>
          i.path.length > 0 ? `${i.path.join('.')}: ${i.message}` : i.message,
        )
        return {
          content: JSON.stringify({ error: `Invalid arguments: ${problems.join('; ')}` }),
        }
      }
      return definition.run(parsed.data, context)
    },
  }
}
