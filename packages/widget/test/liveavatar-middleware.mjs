// HeyGen's LiveAvatar session API as its web SDK calls it, on the test server under /liveavatar:
// `POST /v1/sessions/start` with `Authorization: Bearer <session token>`, answering LiveAvatar's
// envelope `{ code, data, message }`. No token is valid here (there is no LiveKit room to join),
// so the SDK's start fails the way it does for an expired token. `GET /liveavatar/requests`
// shows the element tests what arrived.

/** A Koa middleware for web-test-runner. */
export function liveAvatarMiddleware() {
  const requests = []
  return async function liveAvatar(context, next) {
    if (!context.path.startsWith('/liveavatar/')) return next()
    if (context.path === '/liveavatar/requests') {
      context.type = 'application/json'
      context.body = JSON.stringify(requests)
      return
    }
    requests.push({
      method: context.method,
      path: context.path.slice('/liveavatar'.length),
      authorization: context.get('authorization'),
    })
    context.type = 'application/json'
    if (context.method === 'POST' && context.path === '/liveavatar/v1/sessions/start') {
      context.status = 401
      context.body = JSON.stringify({ code: 401, data: null, message: 'Session token expired' })
      return
    }
    if (context.method === 'POST' && context.path === '/liveavatar/v1/sessions/stop') {
      // The SDK stops a session whose start failed; that goes through.
      context.body = JSON.stringify({ code: 1000, data: null, message: 'Session stopped' })
      return
    }
    context.status = 404
    context.body = JSON.stringify({ detail: 'Not Found' })
  }
}
