/// <reference types="mocha" />
import type { WidgetSettings } from '@avataradam/sdk'
import { expect, fixture, html, waitUntil } from '@open-wc/testing'
import '../avatar-adam.ts'
import type { AvatarAdam } from '../avatar-adam.ts'
import { isOpen, pickLanguage } from '../settings.ts'
import { fakeFactory } from './fake-client.ts'
import { openWidget, text, until } from './helpers.ts'

const SETTINGS: WidgetSettings = {
  assistantName: 'Ava',
  greeting: 'Welcome to Alpha Autos!',
  suggestions: ['Do you have SUVs?', 'Can I trade in my truck?'],
  colors: { primary: '#aa0000', onPrimary: '#00ff00' },
  avatar: { kind: 'builtin' },
  languages: ['en'],
  hours: null,
}

const launcherOf = (element: AvatarAdam) =>
  element.shadowRoot!.querySelector<HTMLButtonElement>('[part~="launcher"]')!
const suggestionsOf = (root: ShadowRoot) =>
  [...root.querySelectorAll('[part~="suggestion"]')].map((b) => b.textContent?.trim())

describe('<avatar-adam> with the server’s widget settings', () => {
  it('applies name, greeting, suggestions and colours once they arrive', async () => {
    const { element, panel, client, root } = await openWidget()
    client.emit('status', 'connected')
    client.emit('settings', SETTINGS)
    await until(panel, () => text(root, '[part~="title"]') === 'Ava', 'the name applies')
    expect(text(root, '[part~="message-assistant"]')).to.contain('Welcome to Alpha Autos!')
    expect(suggestionsOf(root)).to.deep.equal(SETTINGS.suggestions)
    expect(launcherOf(element).getAttribute('aria-label')).to.equal('Chat with Ava')
    const launcher = getComputedStyle(launcherOf(element))
    expect(launcher.backgroundColor).to.equal('rgb(170, 0, 0)')
    expect(launcher.color).to.equal('rgb(0, 255, 0)')
  })

  it('follows later changes', async () => {
    const { panel, client, root } = await openWidget()
    client.emit('settings', SETTINGS)
    await until(panel, () => text(root, '[part~="title"]') === 'Ava', 'first settings')
    client.emit('settings', { ...SETTINGS, greeting: 'Changed in the portal' })
    await until(
      panel,
      () => text(root, '[part~="message-assistant"]').includes('Changed in the portal'),
      'the new greeting shows',
    )
  })

  it('lets attributes the page set win over the settings', async () => {
    const element = await fixture<AvatarAdam>(
      html`<avatar-adam
        key="pk_test_x"
        assistant-name="Page Name"
        greeting="The page's greeting"
        suggestions="One|Two"
      ></avatar-adam>`,
    )
    element.style.setProperty('--avatar-adam-accent', 'rgb(0, 0, 255)')
    const factory = fakeFactory()
    element.clientFactory = factory
    element.open = true
    const panel = await element.preload()
    const root = panel.shadowRoot!
    factory.client.emit('settings', SETTINGS)
    await panel.updateComplete
    expect(text(root, '[part~="title"]')).to.equal('Page Name')
    expect(text(root, '[part~="message-assistant"]')).to.contain("The page's greeting")
    expect(suggestionsOf(root)).to.deep.equal(['One', 'Two'])
    // The colour the page did not set still follows the settings.
    const launcher = getComputedStyle(launcherOf(element))
    expect(launcher.backgroundColor).to.equal('rgb(0, 0, 255)')
    expect(launcher.color).to.equal('rgb(0, 255, 0)')
  })

  it('shows the dealership’s picture in place of the built-in face', async () => {
    const { panel, client, root } = await openWidget()
    client.emit('settings', {
      ...SETTINGS,
      avatar: { kind: 'image', url: 'https://cdn.example/ava.png' },
    })
    await until(panel, () => root.querySelector('img[part~="avatar"]'), 'the picture shows')
    expect(root.querySelector('img[part~="avatar"]')!.getAttribute('src')).to.equal(
      'https://cdn.example/ava.png',
    )
    expect(root.querySelector('avatar-adam-face')).to.equal(null)
  })

  it('offers the languages when there are several, and speaks the chosen one', async () => {
    const { panel, client, root } = await openWidget()
    client.emit('settings', { ...SETTINGS, languages: ['en', 'es'] })
    await until(panel, () => root.querySelector('select[part~="language"]'), 'a language menu')
    const select = root.querySelector<HTMLSelectElement>('select[part~="language"]')!
    expect([...select.options].map((o) => o.value)).to.deep.equal(['en', 'es'])
    select.value = 'es'
    select.dispatchEvent(new Event('change'))
    await until(panel, () => root.querySelector('section')?.getAttribute('lang') === 'es', 'lang')
  })

  it('shows the closed message outside opening hours', async () => {
    const { panel, client, root } = await openWidget()
    client.emit('status', 'connected')
    client.emit('settings', {
      ...SETTINGS,
      hours: { timezone: 'America/Chicago', days: {}, closedMessage: 'We are closed right now.' },
    })
    await until(
      panel,
      () => text(root, '[part~="notice"]') === 'We are closed right now.',
      'the closed message',
    )
    client.emit('settings', SETTINGS)
    await until(panel, () => text(root, '[part~="notice"]') === '', 'no message when always open')
  })
})

describe('<avatar-adam preview>', () => {
  it('renders opened from the given settings without a key or a connection', async () => {
    const factory = fakeFactory()
    const element = await fixture<AvatarAdam>(html`<avatar-adam preview></avatar-adam>`)
    element.clientFactory = factory
    element.settings = SETTINGS
    await waitUntil(() => element.open, 'a preview opens')
    const panel = await element.preload()
    await waitUntil(() => !panel.hidden, 'the panel shows')
    await panel.updateComplete
    const root = panel.shadowRoot!
    expect(text(root, '[part~="title"]')).to.equal('Ava')
    expect(text(root, '[part~="status"]')).to.equal('Preview')
    expect(text(root, '[part~="notice"]')).to.equal('')
    expect(suggestionsOf(root)).to.deep.equal(SETTINGS.suggestions)
    expect(factory.client.options).to.equal(undefined)
    expect(getComputedStyle(launcherOf(element)).display).to.equal('none')
    expect(getComputedStyle(root.querySelector('.panel')!).position).to.equal('relative')
  })

  it('updates live as .settings changes, and stays open', async () => {
    const element = await fixture<AvatarAdam>(
      html`<avatar-adam preview .settings=${SETTINGS}></avatar-adam>`,
    )
    const panel = await element.preload()
    const root = panel.shadowRoot!
    await until(panel, () => text(root, '[part~="title"]') === 'Ava', 'first render')
    element.settings = { ...SETTINGS, assistantName: 'Max', greeting: 'Howdy!', suggestions: [] }
    await until(panel, () => text(root, '[part~="title"]') === 'Max', 'the new name')
    expect(text(root, '[part~="message-assistant"]')).to.contain('Howdy!')
    expect(suggestionsOf(root)).to.deep.equal([])
    root.querySelector<HTMLButtonElement>('[part~="close"]')!.click()
    expect(element.open).to.equal(true)
  })
})

describe('settings helpers', () => {
  it('tells opening hours in the dealership’s time zone', () => {
    const hours = {
      timezone: 'America/Chicago',
      days: { mon: [{ open: '09:00', close: '17:00' }] },
      closedMessage: 'Closed',
    }
    // Monday 2024-06-03 15:00 UTC is 10:00 in Chicago (CDT), and 08:00 UTC is 03:00 there.
    expect(isOpen(hours, new Date('2024-06-03T15:00:00Z'))).to.equal(true)
    expect(isOpen(hours, new Date('2024-06-03T08:00:00Z'))).to.equal(false)
    expect(isOpen(hours, new Date('2024-06-04T15:00:00Z'))).to.equal(false)
    expect(isOpen(null)).to.equal(true)
  })

  it('starts in the visitor’s language when offered, else the first', () => {
    expect(pickLanguage(['en', 'es'], ['es-MX', 'en'])).to.equal('es')
    expect(pickLanguage(['en', 'es'], ['fr'])).to.equal('en')
  })
})
