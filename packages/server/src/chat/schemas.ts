import type {
  ChatSendPayload,
  HandshakeAuth,
  HistoryPayload,
  PageContext,
  StaffHandshakeAuth,
  StaffWatchPayload,
} from '@avataradam/sdk/protocol'
import { z } from 'zod'

/** Client-generated ids: visitor ids and client message ids. */
export const ClientId = z
  .string({ error: 'must be a string' })
  .regex(/^[A-Za-z0-9_-]{8,128}$/, { error: 'must be 8–128 characters of A–Z, a–z, 0–9, _ or -' })

const Vehicle = z.object({
  vin: z.string().max(32).optional(),
  stockNumber: z.string().max(64).optional(),
  year: z.number().int().min(1900).max(2100).optional(),
  make: z.string().max(64).optional(),
  model: z.string().max(64).optional(),
  trim: z.string().max(64).optional(),
  price: z.number().nonnegative().max(100_000_000).optional(),
  url: z
    .url({ protocol: /^https?$/ })
    .max(2048)
    .optional(),
})

// Only web pages: these URLs are shown to dealership staff, and a javascript: link there would
// run in their session.
export const PageContextSchema = z.object({
  url: z.url({ protocol: /^https?$/ }).max(2048),
  title: z.string().max(300).optional(),
  vehicle: Vehicle.optional(),
}) satisfies z.ZodType<PageContext>

/**
 * The page context a client sent, as much of it as is valid: a vehicle that does not fit is
 * dropped and the page kept; a page that does not fit is dropped whole. It is optional, so it
 * never refuses a visitor.
 */
export function readPageContext(raw: unknown): PageContext | null {
  const full = PageContextSchema.safeParse(raw)
  if (full.success) return full.data
  if (typeof raw !== 'object' || raw === null) return null
  const { vehicle: _dropped, ...page } = raw as Record<string, unknown>
  return PageContextSchema.safeParse(page).data ?? null
}

/**
 * The handshake's `auth`. The page context is checked apart (PageContextSchema) and dropped when
 * it does not fit: it is optional, and a page with, say, a very long title must not keep its
 * visitors from chatting.
 */
export const HandshakeAuthSchema = z.object({
  key: z.string({ error: 'a publishable key is required' }).max(200),
  visitorId: ClientId,
  page: z.unknown().optional(),
}) satisfies z.ZodType<Omit<HandshakeAuth, 'page'>, unknown>

/** `auth` of a staff handshake: only the secret key. */
export const StaffHandshakeAuthSchema = z.object({
  key: z.string({ error: 'a secret key is required' }).max(200),
}) satisfies z.ZodType<StaffHandshakeAuth, unknown>

/** `staff:watch`. */
export const StaffWatchSchema = z.object({
  conversationId: z.uuid({ error: 'must be a UUID' }),
}) satisfies z.ZodType<StaffWatchPayload>

/** `chat:send`. Text length is checked apart, to answer `message_too_long` rather than a generic error. */
export const ChatSendSchema = z.object({
  text: z.string({ error: 'must be a string' }).trim().min(1, { error: 'must not be empty' }),
  clientMessageId: ClientId,
  conversationId: z.uuid({ error: 'must be a UUID' }).optional(),
  speech: z.boolean({ error: 'must be true or false' }).optional(),
  page: z
    .unknown()
    .optional()
    .transform((raw) => (raw === undefined ? undefined : (readPageContext(raw) ?? undefined))),
}) satisfies z.ZodType<ChatSendPayload, unknown>

export const HistorySchema = z.object({
  conversationId: z.uuid({ error: 'must be a UUID' }),
  afterMessageId: z.uuid({ error: 'must be a UUID' }).optional(),
  limit: z.number().int().min(1).max(500).optional(),
}) satisfies z.ZodType<HistoryPayload>
