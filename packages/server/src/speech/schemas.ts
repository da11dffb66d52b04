import type {
  SpeechChunkPayload,
  SpeechEndPayload,
  SpeechStartPayload,
} from '@avataradam/sdk/protocol'
import { z } from 'zod'
import { audioContainer } from '../providers/stt/openai-transcriber.ts'

const StreamId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, { error: 'must be a stream id' })

export const SpeechStartSchema = z.object({
  mediaType: z
    .string({ error: 'must be a string' })
    .max(100)
    .refine((v) => audioContainer(v) !== undefined, {
      error: 'must be audio/webm, audio/ogg, audio/mp4, audio/mpeg or audio/wav',
    }),
  language: z
    .string()
    .regex(/^[a-z]{2}$/, { error: 'must be an ISO 639-1 code such as en' })
    .optional(),
}) satisfies z.ZodType<SpeechStartPayload>

/** Socket.io hands binary attachments to Node as Buffers (Uint8Arrays); ArrayBuffers are kept. */
export const SpeechChunkSchema = z.object({
  streamId: StreamId,
  chunk: z
    .custom<Uint8Array | ArrayBuffer>((v) => v instanceof Uint8Array || v instanceof ArrayBuffer, {
      error: 'must be binary audio',
    })
    .transform((v) => (v instanceof Uint8Array ? v : new Uint8Array(v))),
}) satisfies z.ZodType<SpeechChunkPayload, unknown>

export const SpeechEndSchema = z.object({
  streamId: StreamId,
}) satisfies z.ZodType<SpeechEndPayload>
