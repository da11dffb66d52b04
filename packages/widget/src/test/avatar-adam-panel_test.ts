/// <reference types="mocha" />
import { AvatarAdamError } from '@avataradam/sdk'
import { expect, oneEvent } from '@open-wc/testing'
import '../avatar-adam.ts'
import { ack, delta } from './fake-client.ts'
import { openWidget, text, until } from './helpers.ts'

const message = (id: string, role: 'visitor' | 'assistant', body: string) => ({
  id,
  conversationId: 'c1',
  role,
  text: body,
  citations: [],
  clientMessageId: role === 'visitor' ? `m_${id}_00000` : null,
  replyTo: null,
  createdAt: new Date().toISOString(),
})

async function ask(root: ShadowRoot, question: string) {
  const input = root.querySelector('input')!
  input.value = question
  input.dispatchEvent(new InputEvent('input'))
  await (root.host as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete
  root.querySelector<HTMLButtonElement>('[part~="send"]')!.click()
}

describe('<avatar-adam> chat panel', () => {
  beforeEach(() => localStorage.removeItem('avataradam:muted'))

  it('connects with the key, the server and the page it is on', async () => {
    const { client, element } = await openWidget()
    expect(client.options).to.deep.include({ key: 'pk_test_widget', baseUrl: element.server })
    expect(client.options!.page).to.deep.include({ url: location.href })
  })

  it('shows a typing indicator until the first words, then streams the answer', async () => {
    const { panel, client, root } = await openWidget()
    const sent = oneEvent(panel, 'avatar-adam-send')
    await ask(root, 'When are you open?')
    expect((await sent).detail).to.deep.equal({ text: 'When are you open?' })
    expect(client.asked[0]!.text).to.equal('When are you open?')
    await until(panel, () => root.querySelector('[part~="typing"]'), 'typing indicator')
    expect(text(root, '.visitor .bubble')).to.equal('When are you open?')
    expect(root.querySelector('avatar-adam-face')!.state).to.equal('thinking')

    const answer = client.asked[0]!.answer
    ack(answer)
    delta(answer, 'We open ', 0)
    await until(panel, () => !root.querySelector('[part~="typing"]'), 'typing indicator goes')
    await until(
      panel,
      () => text(root, '.assistant:last-child .bubble') === 'We open',
      'first words',
    )
    delta(answer, 'at **9am**.', 1)
    await until(panel, () => root.querySelector('.assistant:last-child strong'), 'bold text')
    expect(text(root, '.assistant:last-child .bubble')).to.equal('We open at 9am.')
  })

  it('shows the sources of an answer, collapsed', async () => {
    const { panel, client, root } = await openWidget()
    await ask(root, 'Financing?')
    await until(panel, () => client.asked.length === 1, 'asked')
    const answer = client.asked[0]!.answer
    ack(answer)
    const answered = oneEvent(panel, 'avatar-adam-answer')
    answer._done({
      conversationId: 'c1',
      messageId: 'a1',
      replyTo: 'q1',
      text: 'Yes, we offer financing.',
      citations: [
        { documentId: 'd1', title: 'Financing guide', snippet: 'Rates from 3.9% APR.' },
        { documentId: 'd2', title: 'FAQ', snippet: 'Apply online in minutes.' },
      ],
    })
    expect((await answered).detail.text).to.equal('Yes, we offer financing.')
    await until(panel, () => root.querySelector('details'), 'citations')
    const details = root.querySelector('details')!
    expect(details.open).to.equal(false)
    expect(text(details, 'summary')).to.equal('2 sources')
    expect(text(details, 'li .source-title')).to.equal('Financing guide')
    expect(details.textContent).to.contain('Rates from 3.9% APR.')
  })

  it('announces finished sentences to screen readers, not every word', async () => {
    const { panel, client, root } = await openWidget()
    const live = () => text(root, '[aria-live="polite"]')
    await ask(root, 'Hours?')
    await until(panel, () => client.asked.length === 1, 'asked')
    const answer = client.asked[0]!.answer
    ack(answer)
    delta(answer, 'We open at nine. We cl', 0)
    await until(panel, () => live() === 'We open at nine.', 'first sentence announced')
    delta(answer, 'ose at six', 1)
    await panel.updateComplete
    expect(live()).to.equal('We open at nine.')
    answer._done({
      conversationId: 'c1',
      messageId: 'a1',
      replyTo: 'q1',
      text: 'We open at nine. We close at **six**',
      citations: [],
    })
    await until(panel, () => live() === 'We close at six', 'the rest when done, without markup')
  })

  it('shows only the new attempt when an answer starts over', async () => {
    const { panel, client, root } = await openWidget()
    await ask(root, 'Hours on Saturday?')
    await until(panel, () => client.asked.length === 1, 'asked')
    const answer = client.asked[0]!.answer
    ack(answer)
    delta(answer, 'Half of a first ', 0)
    delta(answer, 'attempt', 1)
    await until(
      panel,
      () => text(root, '.assistant:last-child .bubble').endsWith('attempt'),
      'first',
    )
    answer._delta({
      conversationId: 'c1',
      messageId: 'a1',
      text: 'Saturday: ',
      index: 2,
      restart: true,
    })
    delta(answer, '9 to 6.', 3)
    await until(
      panel,
      () => text(root, '.assistant:last-child .bubble') === 'Saturday: 9 to 6.',
      'only the second attempt',
    )
    expect(root.querySelectorAll('.assistant .bubble:not(.typing)').length).to.equal(2)
  })

  it('puts a hand-off button under an answer that offers one; it opens the contact form', async () => {
    const { panel, client, root } = await openWidget((c) => {
      c.conversationId = 'c1'
    })
    await ask(root, 'Do you sell boats?')
    await until(panel, () => client.asked.length === 1, 'asked')
    const answer = client.asked[0]!.answer
    ack(answer)
    answer._done({
      conversationId: 'c1',
      messageId: 'a1',
      replyTo: 'q1',
      text: "I don't have information about that.",
      citations: [],
      actions: [{ type: 'handoff', label: 'Connect me with the team' }],
    })
    await until(panel, () => root.querySelector('[part~="handoff"]'), 'the hand-off button')
    const button = root.querySelector<HTMLButtonElement>('[part~="handoff"]')!
    expect(button.textContent!.trim()).to.equal('Connect me with the team')
    expect(button.type).to.equal('button')
    button.click()
    await until(panel, () => root.querySelector('avatar-adam-lead-form'), 'the contact form')
    const form = root.querySelector('avatar-adam-lead-form')!
    expect(form.request).to.deep.equal({
      conversationId: 'c1',
      answerId: 'a1',
      reason: 'Connect me with the team',
    })
    await form.updateComplete
    expect(text(form.shadowRoot!, '#lead-reason')).to.equal('Connect me with the team')
    // The form replaces the button: one way to get in touch at a time.
    expect(root.querySelector('[part~="handoff"]')).to.equal(null)
  })

  it('offers suggested questions until the visitor asks one', async () => {
    const { panel, client, root, element } = await openWidget()
    const buttons = [...root.querySelectorAll<HTMLButtonElement>('[part~="suggestion"]')]
    expect(buttons.map((b) => b.textContent!.trim())).to.deep.equal(element.suggestions)
    buttons[1]!.click()
    await until(panel, () => client.asked.length === 1, 'asked')
    expect(client.asked[0]!.text).to.equal(element.suggestions[1])
    await until(panel, () => !root.querySelector('[part~="suggestions"]'), 'suggestions go')
  })

  it('shows the greeting first', async () => {
    const { root } = await openWidget()
    expect(text(root, '.assistant .bubble')).to.contain("Hi, I'm Adam!")
  })

  it('says when it is reconnecting, and stops saying it once back', async () => {
    const { panel, client, root } = await openWidget()
    client.emit('status', 'connected')
    await panel.updateComplete
    expect(text(root, '[part~="notice"]')).to.equal('')
    expect(text(root, '[part~="status"]')).to.equal('Online')
    client.emit('status', 'offline')
    await panel.updateComplete
    expect(text(root, '[part~="notice"]')).to.contain('Reconnecting…')
    expect(text(root, '[part~="status"]')).to.equal('Reconnecting…')
    client.emit('status', 'connected')
    await panel.updateComplete
    expect(text(root, '[part~="notice"]')).to.equal('')
  })

  it('says the assistant is not available when the server refuses this site', async () => {
    const { panel, client, root, element } = await openWidget()
    const error = oneEvent(element, 'avatar-adam-error')
    client.emit('error', new AvatarAdamError('origin_not_allowed', 'Origin not allowed'))
    client.emit('status', 'closed')
    expect((await error).detail.code).to.equal('origin_not_allowed')
    await panel.updateComplete
    expect(text(root, '[part~="notice"]')).to.equal("This assistant isn't available on this site.")
    expect(root.querySelector('input')!.disabled).to.equal(true)
    expect(root.querySelector('[part~="suggestions"]')).to.equal(null)
  })

  it('explains a failed answer gently and sends it again, once, on request', async () => {
    const { panel, client, root } = await openWidget()
    await ask(root, 'Price of the red Civic?')
    await until(panel, () => client.asked.length === 1, 'asked')
    const first = client.asked[0]!
    first.answer._fail(new AvatarAdamError('internal_error', 'boom'))
    await until(panel, () => root.querySelector('.error'), 'error shown')
    expect(text(root, '.error')).to.contain('Please try again')
    expect(root.textContent).not.to.contain('boom')
    root.querySelector<HTMLButtonElement>('.link-button')!.click()
    await until(panel, () => client.asked.length === 2, 'asked again')
    expect(client.asked[1]!.text).to.equal('Price of the red Civic?')
    expect(client.asked[1]!.options.clientMessageId).to.equal(first.answer.clientMessageId)
    expect(root.querySelectorAll('.visitor').length).to.equal(1)
    expect(root.querySelector('.error')).to.equal(null)
  })

  it('does not offer to resend a message that is too long', async () => {
    const { panel, client, root } = await openWidget()
    await ask(root, 'x')
    await until(panel, () => client.asked.length === 1, 'asked')
    client.asked[0]!.answer._fail(new AvatarAdamError('message_too_long', 'too long'))
    await until(panel, () => root.querySelector('.error'), 'error shown')
    expect(text(root, '.error')).to.contain('too long')
    expect(root.querySelector('.link-button')).to.equal(null)
  })

  it('shows the conversation so far after a reload', async () => {
    const { panel, root } = await openWidget((client) => {
      client.conversationId = 'c1'
      client.storedHistory = [
        message('q0', 'visitor', 'Do you have SUVs?'),
        message('a0', 'assistant', 'Yes: the *RAV4* and the CR-V.'),
      ]
    })
    await until(panel, () => root.querySelectorAll('.message').length === 3, 'history shown')
    expect(text(root, '.visitor .bubble')).to.equal('Do you have SUVs?')
    expect(text(root, '.assistant:last-child .bubble')).to.equal('Yes: the RAV4 and the CR-V.')
    expect(root.querySelector('[part~="suggestions"]')).to.equal(null)
  })

  it('shows messages and answers from another tab of the same visitor', async () => {
    const { panel, client, root } = await openWidget((c) => {
      c.conversationId = 'c1'
    })
    client.emit('chat:message', message('q9', 'visitor', 'Asked in another tab'))
    client.emit('chat:delta', {
      conversationId: 'c1',
      messageId: 'a9',
      text: 'Streamed ',
      index: 0,
    })
    client.emit('chat:delta', { conversationId: 'c1', messageId: 'a9', text: 'there.', index: 1 })
    client.emit('chat:delta', { conversationId: 'c1', messageId: 'a9', text: 'there.', index: 1 })
    await until(
      panel,
      () => text(root, '.assistant:last-child .bubble') === 'Streamed there.',
      'streamed',
    )
    expect(text(root, '.visitor .bubble')).to.equal('Asked in another tab')
    client.emit('chat:delta', {
      conversationId: 'other',
      messageId: 'z',
      text: 'Not ours',
      index: 0,
    })
    await new Promise((r) => setTimeout(r, 10))
    expect(root.textContent).not.to.contain('Not ours')
  })

  it('starts a new conversation on request', async () => {
    const { panel, client, root } = await openWidget()
    await ask(root, 'Hello')
    await until(panel, () => client.asked.length === 1, 'asked')
    root.querySelector<HTMLButtonElement>('[part~="new-conversation"]')!.click()
    await panel.updateComplete
    expect(client.newConversations).to.equal(1)
    expect(root.querySelectorAll('.visitor').length).to.equal(0)
    expect(root.querySelector('[part~="suggestions"]')).not.to.equal(null)
  })

  it('renders model output as text: no HTML gets in', async () => {
    const { panel, client, root } = await openWidget()
    await ask(root, '<b>hi</b>')
    await until(panel, () => client.asked.length === 1, 'asked')
    const answer = client.asked[0]!.answer
    ack(answer)
    delta(
      answer,
      '<img src=x onerror=alert(1)><script>alert(2)</script>[x](javascript:alert(3))',
      0,
    )
    await until(panel, () => text(root, '.assistant:last-child .bubble').includes('<img'), 'text')
    expect(root.querySelector('.bubble img, .bubble script, .bubble b, .bubble a')).to.equal(null)
    expect(text(root, '.visitor .bubble')).to.equal('<b>hi</b>')
  })

  it('explains itself when it has no key', async () => {
    const { root, client } = await openWidget(() => {}, '')
    expect(text(root, '[part~="notice"]')).to.equal("This assistant isn't set up yet.")
    expect(root.querySelector('input')!.disabled).to.equal(true)
    expect(client.options).to.equal(undefined)
  })

  it('remembers the mute choice across pages', async () => {
    const { panel, root } = await openWidget()
    const mute = root.querySelector<HTMLButtonElement>('[part~="mute"]')
    if (!mute) return // No speech synthesis in this browser: nothing to mute.
    expect(mute.getAttribute('aria-pressed')).to.equal('false')
    mute.click()
    await panel.updateComplete
    expect(mute.getAttribute('aria-pressed')).to.equal('true')
    expect(localStorage.getItem('avataradam:muted')).to.equal('1')
  })

  it('closes the client when removed from the page', async () => {
    const { element, client } = await openWidget()
    element.remove()
    expect(client.closed).to.equal(true)
  })
})
