import { LiveAvatarSession, SessionEvent } from '@heygen/liveavatar-web-sdk'
import type { HeygenGrant, VideoAvatarSession } from './video-avatar.ts'

/**
 * A HeyGen LiveAvatar session through HeyGen's official web SDK: the token the server minted
 * starts it (`POST /v1/sessions/start`), the SDK joins the LiveKit room, and the avatar's video and
 * audio arrive as remote tracks. Voice chat stays off: the visitor talks to AvatarAdam, and the
 * avatar only says AvatarAdam's answers (`repeat`, HeyGen's `avatar.speak_text`).
 */
export async function createHeygenSession(grant: HeygenGrant): Promise<VideoAvatarSession> {
  const session = new LiveAvatarSession(grant.sessionToken, {
    voiceChat: false,
    apiUrl: grant.apiUrl,
  })
  return {
    start: () => session.start(),
    stop: () => session.stop(),
    attach: (element) => session.attach(element),
    repeat: (text) => session.repeat(text),
    interrupt: () => session.interrupt(),
    keepAlive: () => session.keepAlive(),
    on(event, listener) {
      if (event === 'ready') session.on(SessionEvent.SESSION_STREAM_READY, listener)
      else session.on(SessionEvent.SESSION_DISCONNECTED, listener)
    },
  }
}
