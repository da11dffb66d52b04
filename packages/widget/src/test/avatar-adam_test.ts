/// <reference types="mocha" />
import { aTimeout, expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing'
import { emulateMedia, sendKeys } from '@web/test-runner-commands'
import '../avatar-adam.ts'
import type { AvatarAdam } from '../avatar-adam.ts'
import { fakeFactory } from './fake-client.ts'

const launcherOf = (element: AvatarAdam) =>
  element.shadowRoot!.querySelector<HTMLButtonElement>('[part~="launcher"]')!

async function widget(attributes = '') {
  const element = await fixture<AvatarAdam>(html`<avatar-adam key="pk_test_x"></avatar-adam>`)
  for (const pair of attributes.split(' ').filter(Boolean)) {
    const [name, value = ''] = pair.split('=')
    element.setAttribute(name!, value)
  }
  element.clientFactory = fakeFactory()
  return element
}

/** The element inside the shadow roots that has focus. */
function deepActiveElement(): Element | null {
  let active = document.activeElement
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement
  return active
}

describe('<avatar-adam> launcher', () => {
  afterEach(() => emulateMedia({ reducedMotion: 'no-preference', colorScheme: 'light' }))

  it('renders a real button that says what it opens', async () => {
    const element = await widget()
    const launcher = launcherOf(element)
    expect(launcher.localName).to.equal('button')
    expect(launcher.getAttribute('aria-expanded')).to.equal('false')
    expect(launcher.getAttribute('aria-controls')).to.equal('panel')
    expect(launcher.getAttribute('aria-label')).to.equal('Chat with Adam')
  })

  it('takes the key as publishable-key too, for React and Vue where `key` is reserved', async () => {
    const element = await fixture<AvatarAdam>(
      html`<avatar-adam publishable-key="pk_test_react"></avatar-adam>`,
    )
    expect(element.key).to.equal('pk_test_react')
  })

  it('names the button after the assistant', async () => {
    const element = await widget('assistant-name=Ava')
    expect(launcherOf(element).getAttribute('aria-label')).to.equal('Chat with Ava')
  })

  it('opens and closes on click, with aria-expanded and events', async () => {
    const element = await widget()
    const launcher = launcherOf(element)
    const opened = oneEvent(element, 'avatar-adam-open')
    launcher.click()
    await opened
    expect(element.open).to.equal(true)
    expect(element.hasAttribute('open')).to.equal(true)
    expect(launcher.getAttribute('aria-expanded')).to.equal('true')
    const panel = await element.preload()
    await waitUntil(() => !panel.hidden, 'the panel shows')
    const closed = oneEvent(element, 'avatar-adam-close')
    launcher.click()
    await closed
    expect(launcher.getAttribute('aria-expanded')).to.equal('false')
    expect(panel.hidden).to.equal(true)
  })

  it('reflects the open property to the attribute and back', async () => {
    const element = await widget()
    element.open = true
    expect(element.getAttribute('open')).to.equal('')
    element.removeAttribute('open')
    expect(element.open).to.equal(false)
    element.show()
    expect(element.open).to.equal(true)
    element.close()
    expect(element.open).to.equal(false)
  })

  it('opens with Enter, focuses the input; Escape gives focus back to the launcher', async () => {
    const element = await widget()
    launcherOf(element).focus()
    await sendKeys({ press: 'Enter' })
    await waitUntil(() => deepActiveElement()?.localName === 'input', 'focus moves to the input')
    expect(launcherOf(element).getAttribute('aria-expanded')).to.equal('true')
    await sendKeys({ press: 'Escape' })
    await waitUntil(() => !element.open, 'Escape closes')
    expect(deepActiveElement()).to.equal(launcherOf(element))
  })

  it('opens with Space', async () => {
    const element = await widget()
    launcherOf(element).focus()
    await sendKeys({ press: 'Space' })
    await waitUntil(() => element.open, 'Space opens')
  })

  it('returns focus to the launcher when the close button is used', async () => {
    const element = await widget()
    launcherOf(element).focus()
    await sendKeys({ press: 'Enter' })
    await waitUntil(() => deepActiveElement()?.localName === 'input', 'focus moves to the input')
    const panel = await element.preload()
    panel.shadowRoot!.querySelector<HTMLButtonElement>('[part~="close"]')!.click()
    await waitUntil(() => !element.open, 'closes')
    expect(deepActiveElement()).to.equal(launcherOf(element))
  })

  it('does not steal focus when the page opens it at load', async () => {
    const element = await fixture<AvatarAdam>(html`<avatar-adam open></avatar-adam>`)
    const panel = await element.preload()
    await panel.updateComplete
    await aTimeout(20)
    expect(deepActiveElement()?.localName ?? 'body').to.equal('body')
  })

  it('sits bottom-right by default and bottom-left on request', async () => {
    const element = await widget()
    const box = () => launcherOf(element).getBoundingClientRect()
    expect(getComputedStyle(launcherOf(element)).position).to.equal('fixed')
    expect(document.documentElement.clientWidth - box().right).to.equal(20)
    expect(innerHeight - box().bottom).to.equal(20)
    element.position = 'bottom-left'
    expect(box().left).to.equal(20)
  })

  it('puts the panel on the same side as the launcher', async () => {
    const element = await widget('position=bottom-left')
    element.open = true
    const panel = await element.preload()
    await panel.updateComplete
    const dialog = panel.shadowRoot!.querySelector('[role="dialog"]')!
    expect(dialog.getBoundingClientRect().left).to.equal(20)
  })

  it('has a light theme, a dark theme, and an auto theme that follows the system', async () => {
    const element = await widget()
    const background = () => getComputedStyle(launcherOf(element)).backgroundColor
    expect(background()).to.equal('rgb(26, 86, 219)')
    element.theme = 'dark'
    expect(background()).to.equal('rgb(138, 180, 248)')
    element.theme = 'auto'
    expect(background()).to.equal('rgb(26, 86, 219)')
    await emulateMedia({ colorScheme: 'dark' })
    expect(background()).to.equal('rgb(138, 180, 248)')
  })

  it('takes its colours from the page through CSS custom properties', async () => {
    const element = await widget()
    element.style.setProperty('--avatar-adam-accent', 'rgb(200, 0, 0)')
    expect(getComputedStyle(launcherOf(element)).backgroundColor).to.equal('rgb(200, 0, 0)')
  })

  it('lets the page style its parts, inside the lazily loaded panel too', async () => {
    const style = document.createElement('style')
    style.textContent = `
      avatar-adam::part(launcher) { border-radius: 8px; }
      avatar-adam::part(header) { background-color: rgb(1, 2, 3); }
      avatar-adam::part(send) { background-color: rgb(4, 5, 6); }`
    document.head.append(style)
    try {
      const element = await widget()
      element.open = true
      const panel = await element.preload()
      await panel.updateComplete
      const part = (name: string) => panel.shadowRoot!.querySelector(`[part~="${name}"]`)!
      expect(getComputedStyle(launcherOf(element)).borderRadius).to.equal('8px')
      expect(getComputedStyle(part('header')).backgroundColor).to.equal('rgb(1, 2, 3)')
      expect(getComputedStyle(part('send')).backgroundColor).to.equal('rgb(4, 5, 6)')
    } finally {
      style.remove()
    }
  })

  it('keeps the page’s inherited styles out of its shadow DOM', async () => {
    const wrapper = await fixture<HTMLDivElement>(
      html`<div class="page"><avatar-adam></avatar-adam></div>`,
    )
    wrapper.style.setProperty('font-size', '40px')
    wrapper.style.setProperty('color', 'rgb(255, 0, 255)')
    const element = wrapper.querySelector('avatar-adam')!
    element.open = true
    const panel = await element.preload()
    await panel.updateComplete
    const dialog = panel.shadowRoot!.querySelector('[role="dialog"]')!
    expect(getComputedStyle(dialog).fontSize).to.equal('15px')
    expect(getComputedStyle(dialog).color).not.to.equal('rgb(255, 0, 255)')
  })

  it('reads suggestions from a JSON or a | separated attribute', async () => {
    const element = await widget()
    expect(element.suggestions.length).to.be.greaterThan(0)
    element.setAttribute('suggestions', '["Hours?","Trade-ins?"]')
    expect(element.suggestions).to.deep.equal(['Hours?', 'Trade-ins?'])
    element.setAttribute('suggestions', 'Hours? | Service? ')
    expect(element.suggestions).to.deep.equal(['Hours?', 'Service?'])
    element.suggestions = ['Only this']
    expect(element.suggestions).to.deep.equal(['Only this'])
  })

  it('defaults the server to its own origin and the locale to the browser’s', async () => {
    const element = await widget()
    expect(element.server).to.equal(location.origin)
    expect(element.locale).to.equal(navigator.language)
    element.server = 'https://chat.example.com'
    element.locale = 'fr-CA'
    expect(element.getAttribute('server')).to.equal('https://chat.example.com')
    expect(element.locale).to.equal('fr-CA')
  })

  it('passes its settings to the panel, and later changes too', async () => {
    const element = await widget('locale=de-DE assistant-name=Max greeting=Hallo!')
    element.open = true
    const panel = await element.preload()
    await panel.updateComplete
    const dialog = panel.shadowRoot!.querySelector('[role="dialog"]')!
    expect(dialog.getAttribute('lang')).to.equal('de-DE')
    expect(panel.shadowRoot!.querySelector('h2')!.textContent).to.equal('Max')
    element.assistantName = 'Moritz'
    await panel.updateComplete
    expect(panel.shadowRoot!.querySelector('h2')!.textContent).to.equal('Moritz')
    expect(panel.shadowRoot!.textContent).to.contain('Hallo!')
  })

  it('is a labelled, non-modal dialog', async () => {
    const element = await widget()
    element.open = true
    const panel = await element.preload()
    await panel.updateComplete
    const dialog = panel.shadowRoot!.querySelector('[role="dialog"]')!
    expect(dialog.getAttribute('aria-modal')).to.equal('false')
    const title = panel.shadowRoot!.getElementById(dialog.getAttribute('aria-labelledby')!)
    expect(title?.textContent).to.equal('Adam')
  })
})
