/// <reference types="mocha" />
import { AvatarAdamError, type AvatarSession } from '@avataradam/sdk'
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing'
import '../avatar-adam.ts'
import type { AvatarAdam } from '../avatar-adam.ts'
import type { AvatarAdamPanel } from '../avatar-adam-panel.ts'
import type { HeygenGrant, VideoAvatarFactory, VideoAvatarSession } from '../video-avatar.ts'
import { ack, type FakeClient, fakeFactory } from './fake-client.ts'
import { until } from './helpers.ts'

const base64url = (value: unknown) =>
  btoa(JSON.stringify(value)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_')
/** Shaped like LiveAvatar's session tokens (a JWT), which the SDK reads the mode from. */
const TOKEN = `${base64url({ alg: 'HS256', typ: 'JWT' })}.${base64url({ start_session_data: { mode: 'FULL' } })}.c2lnbmF0dXJl`

const GRANT: HeygenGrant = {
  provider: 'heygen',
  sessionToken: TOKEN,
  sessionId: '6f1c2b1e-0000-4000-8000-000000000001',
  apiUrl: `${location.origin}/liveavatar`,
  expiresAt: new Date(Date.now() + 600_000).toISOString(),
}

/**
 * A stand-in for HeyGen's LiveAvatarSession: its "avatar" is a canvas streamed as a real
 * MediaStream, ready (or not) as a test needs.
 */
function canvasSession(behaviour: { start?: 'ok' | 'fail' | 'never-ready' } = {}) {
  const listeners = { ready: [] as (() => void)[], ended: [] as (() => void)[] }
  const canvas = document.createElement('canvas')
  canvas.width = 64
  canvas.height = 48
  const context = canvas.getContext('2d')!
  let frame = 0
  const draw = () => {
    context.fillStyle = `hsl(${(performance.now() / 5) % 360} 70% 50%)`
    context.fillRect(0, 0, 64, 48)
    frame = requestAnimationFrame(draw)
  }
  const stream = canvas.captureStream(30)
  const record = { started: 0, stopped: 0, spoken: [] as string[], interrupts: 0, keepAlives: 0 }
  const session: VideoAvatarSession = {
    async start() {
      record.started++
      if (behaviour.start === 'fail') throw new Error('LiveKit room unreachable')
      draw()
      if (behaviour.start !== 'never-ready')
        setTimeout(() => {
          for (const ready of listeners.ready) ready()
        })
    },
    async stop() {
      record.stopped++
      cancelAnimationFrame(frame)
    },
    attach(element) {
      element.srcObject = stream
    },
    repeat(text) {
      record.spoken.push(text)
      return 'event-id'
    },
    interrupt() {
      record.interrupts++
    },
    async keepAlive() {
      record.keepAlives++
    },
    on(event, listener) {
      listeners[event].push(listener)
    },
  }
  const end = () => {
    for (const ended of listeners.ended) ended()
  }
  return { session, record, end }
}

/** An opened widget whose server answers `avatar:session` with `grant`. */
async function openWith(
  grant: () => Promise<AvatarSession>,
  factory: VideoAvatarFactory | undefined,
  timeoutMs = 2000,
) {
  const element = await fixture<AvatarAdam>(html`<avatar-adam key="pk_test_widget"></avatar-adam>`)
  const clients = fakeFactory()
  clients.client.avatar = grant
  element.clientFactory = clients
  element.videoAvatarFactory = factory
  element.videoAvatarTimeoutMs = timeoutMs
  const avatarEvent = oneEvent(element, 'avatar-adam-avatar')
  element.open = true
  const panel = await element.preload()
  await waitUntil(() => !panel.hidden, 'the panel opens')
  return { element, panel, client: clients.client, root: panel.shadowRoot!, avatarEvent }
}

const video = (root: ShadowRoot) => root.querySelector<HTMLVideoElement>('video.avatar-video')
const face = (root: ShadowRoot) => root.querySelector('avatar-adam-face')

function answer(client: FakeClient, text: string) {
  const stream = client.asked.at(-1)!.answer
  ack(stream)
  stream._done({ conversationId: 'c1', messageId: 'a1', replyTo: 'q1', text, citations: [] })
}

async function ask(panel: AvatarAdamPanel, root: ShadowRoot, client: FakeClient, text: string) {
  const input = root.querySelector('input')!
  input.value = text
  input.dispatchEvent(new InputEvent('input'))
  await panel.updateComplete
  root.querySelector<HTMLButtonElement>('[part~="send"]')!.click()
  await until(panel, () => client.asked.some((a) => a.text === text), 'asked')
}

describe('<avatar-adam> HeyGen video avatar', () => {
  beforeEach(() => localStorage.setItem('avataradam:muted', 'false'))
  afterEach(() => localStorage.removeItem('avataradam:muted'))

  it('shows the HeyGen video in place of the face and has it speak each answer', async () => {
    const double = canvasSession()
    const grants: HeygenGrant[] = []
    const { panel, client, root, element, avatarEvent } = await openWith(
      async () => GRANT,
      async (grant) => {
        grants.push(grant)
        return double.session
      },
    )
    expect((await avatarEvent).detail).to.deep.equal({ provider: 'heygen', reason: undefined })
    await until(panel, () => video(root), 'the video avatar')
    expect(face(root)).to.equal(null)
    expect(grants).to.deep.equal([GRANT])
    expect(client.avatarRequests).to.equal(1)
    const shown = video(root)!
    expect(shown.getAttribute('part')).to.equal('avatar')
    // Real frames from the stream reach the element.
    await waitUntil(() => shown.videoWidth === 64 && shown.videoHeight === 48, 'frames arrive')

    await ask(panel, root, client, 'When are you open?')
    expect(double.record.interrupts).to.equal(1)
    expect(double.record.keepAlives).to.equal(1)
    answer(client, 'We open at **9am** on Saturday. See you then!')
    await until(panel, () => double.record.spoken.length === 2, 'the avatar speaks')
    expect(double.record.spoken).to.deep.equal(['We open at 9am on Saturday.', 'See you then!'])
    expect(speechSynthesis.speaking || speechSynthesis.pending).to.equal(false)

    // Closing ends the (billed) session; opening again mints and starts a new one.
    element.open = false
    await until(panel, () => face(root), 'the face while closed')
    expect(double.record.stopped).to.equal(1)
    element.open = true
    await until(panel, () => video(root), 'the video again')
    expect(client.avatarRequests).to.equal(2)
  })

  it('keeps the built-in face when the dealership has not turned HeyGen on', async () => {
    let loaded = 0
    const { panel, root, avatarEvent } = await openWith(
      async () => ({ provider: 'builtin' }),
      async () => {
        loaded++
        return canvasSession().session
      },
    )
    expect((await avatarEvent).detail).to.deep.equal({ provider: 'builtin', reason: undefined })
    await panel.updateComplete
    expect(face(root)).to.not.equal(null)
    expect(video(root)).to.equal(null)
    expect(loaded).to.equal(0)
  })

  const failures: [string, () => ReturnType<typeof openWith>, string][] = [
    [
      'the server could not mint a session',
      () =>
        openWith(
          () =>
            Promise.reject(
              new AvatarAdamError('avatar_unavailable', 'The video avatar is unavailable.'),
            ),
          async () => canvasSession().session,
        ),
      'avatar_unavailable',
    ],
    [
      "HeyGen's SDK did not load",
      () =>
        openWith(
          async () => GRANT,
          () => Promise.reject(new TypeError('Failed to fetch dynamically imported module')),
        ),
      'session_failed',
    ],
    [
      'the session did not start',
      () =>
        openWith(
          async () => GRANT,
          async () => canvasSession({ start: 'fail' }).session,
        ),
      'session_failed',
    ],
    [
      'no video arrived in time',
      () =>
        openWith(
          async () => GRANT,
          async () => canvasSession({ start: 'never-ready' }).session,
          300,
        ),
      'timeout',
    ],
  ]
  for (const [when, open, reason] of failures) {
    it(`falls back to the face and the browser's voice when ${when}`, async () => {
      const { panel, client, root, avatarEvent } = await open()
      expect((await avatarEvent).detail).to.deep.equal({ provider: 'builtin', reason })
      await panel.updateComplete
      expect(face(root)).to.not.equal(null)
      expect(video(root)).to.equal(null)
      // The chat works as ever.
      await ask(panel, root, client, 'Hello?')
      answer(client, 'Hi there.')
      await until(panel, () => root.querySelector('.assistant .bubble'), 'the answer')
    })
  }

  it('stops a session that started after it was given up on', async () => {
    const double = canvasSession({ start: 'never-ready' })
    const { avatarEvent } = await openWith(
      async () => GRANT,
      async () => double.session,
      200,
    )
    expect((await avatarEvent).detail.reason).to.equal('timeout')
    await waitUntil(() => double.record.stopped === 1, 'the late session is stopped')
  })

  it('goes back to the face when the session drops, and answers in the browser voice', async () => {
    const double = canvasSession()
    const { panel, client, root } = await openWith(
      async () => GRANT,
      async () => double.session,
    )
    await until(panel, () => video(root), 'the video avatar')
    const dropped = oneEvent(panel, 'avatar-adam-avatar')
    double.end()
    expect((await dropped).detail).to.deep.equal({ provider: 'builtin', reason: 'ended' })
    await until(panel, () => face(root), 'the face')
    await ask(panel, root, client, 'Still there?')
    answer(client, 'Yes.')
    await until(panel, () => root.querySelector('.assistant .bubble'), 'the answer')
    expect(double.record.spoken).to.deep.equal([])
  })

  it("loads HeyGen's real web SDK only when needed, which starts with the minted token", async () => {
    const { panel, root, avatarEvent } = await openWith(async () => GRANT, undefined, 4000)
    expect((await avatarEvent).detail).to.deep.equal({
      provider: 'builtin',
      reason: 'session_failed',
    })
    const requests = await (await fetch('/liveavatar/requests')).json()
    expect(requests).to.deep.include({
      method: 'POST',
      path: '/v1/sessions/start',
      authorization: `Bearer ${GRANT.sessionToken}`,
    })
    await panel.updateComplete
    expect(face(root)).to.not.equal(null)
  })
})
