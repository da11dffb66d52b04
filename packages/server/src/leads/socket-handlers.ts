import type { LeadSubmitResult } from '@avataradam/sdk/protocol'
import type { EventHandle } from '../chat/socket-handlers.ts'
import type { VisitorSocket } from '../realtime/types.ts'
import type { LeadService } from './lead-service.ts'
import { LeadSubmitSchema } from './schemas.ts'

/**
 * `lead:submit`: the visitor's contact details, validated, stored once per clientLeadId, with the
 * stored lead as the ack. The visitor is the socket's (from the handshake), never the payload's.
 */
export function registerLeadHandlers(
  socket: VisitorSocket,
  deps: { leads: LeadService; handle: EventHandle },
): void {
  deps.handle('lead:submit', LeadSubmitSchema, async (payload) => {
    const { lead } = await deps.leads.submit(socket.data, payload)
    const ack: LeadSubmitResult = { lead }
    return { ack }
  })
}
