import type { ClientToServerEvents, ServerToClientEvents } from '@avataradam/sdk/protocol'
import type { Server, Socket } from 'socket.io'
import type { Visitor } from '../chat/chat-service.ts'

/** Set by the handshake; the only source of a socket's tenant and visitor. */
export interface SocketData extends Visitor {
  keyId: string
  /** The publishable key, checked again on every message so a revoked key stops at once. */
  key: string
  /** The client's address (see TRUST_PROXY_HOPS). */
  ip: string
  /**
   * Connected with a secret key by the dealership's own server: may watch the tenant's
   * conversations (`staff:watch`) and do nothing a visitor does. `visitorId` is then `staff_<key id>`.
   */
  staff: boolean
  /**
   * A staff socket of a portal member (handshake `auth: { accessToken }`): the token, checked
   * again on every `staff:watch` and every few seconds, and the socket ends at its expiry, so a
   * signed-out or removed member watches nothing more (see `chat/staff-session.ts`).
   */
  accessToken?: string | undefined
}

// biome-ignore lint/complexity/noBannedTypes: no events between instances yet
export type InterServerEvents = {}

export type RealtimeServer = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  InterServerEvents,
  SocketData
>
export type VisitorSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  InterServerEvents,
  SocketData
>

/** The room every socket showing a conversation joins, across tabs and instances. */
export const conversationRoom = (conversationId: string) => `conversation:${conversationId}`

/** The room of every visitor socket of a dealership, across instances (settings changes). */
export const visitorsRoom = (tenantId: string) => `visitors:${tenantId}`
