import type { WidgetSettings } from '@avataradam/sdk/protocol'
import type { Logger } from '../logger.ts'
import { type RealtimeServer, type VisitorSocket, visitorsRoom } from '../realtime/types.ts'
import type { WidgetSettingsService } from './widget-settings.ts'

/**
 * A visitor socket joins its dealership's room (so later changes reach it, on any instance) and
 * gets the current settings at once.
 */
export async function welcomeVisitor(
  socket: VisitorSocket,
  settings: WidgetSettingsService,
  log: Logger,
): Promise<void> {
  const { tenantId } = socket.data
  await socket.join(visitorsRoom(tenantId))
  try {
    socket.emit('widget:settings', await settings.forVisitors(tenantId))
  } catch (err) {
    // The widget keeps its own defaults; the next change (or reconnect) brings the settings.
    log.warn({ err, tenantId }, 'could not send widget settings')
  }
}

/** Sends changed settings to every visitor of the dealership, through the adapter (all instances). */
export function broadcastWidgetSettings(
  io: RealtimeServer,
  tenantId: string,
  settings: WidgetSettings,
): void {
  io.to(visitorsRoom(tenantId)).emit('widget:settings', settings)
}
