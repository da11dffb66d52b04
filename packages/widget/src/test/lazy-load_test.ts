/// <reference types="mocha" />
import { expect, fixture, html, waitUntil } from '@open-wc/testing'
import '../avatar-adam.ts'
import type { AvatarAdam } from '../avatar-adam.ts'
import { fakeFactory } from './fake-client.ts'

const panelRequested = () =>
  performance.getEntriesByType('resource').some((e) => e.name.includes('avatar-adam-panel'))

// This file must be the only one on its page to import the launcher without the panel: web test
// runner gives every test file its own page.
describe('loading the panel', () => {
  it('loads only the launcher until the visitor reaches for it, connects on open', async () => {
    const element = await fixture<AvatarAdam>(html`<avatar-adam key="pk_test_x"></avatar-adam>`)
    const factory = fakeFactory()
    element.clientFactory = factory
    expect(customElements.get('avatar-adam-panel')).to.equal(undefined)
    expect(panelRequested()).to.equal(false)
    expect(element.shadowRoot!.querySelector('avatar-adam-panel')).to.equal(null)

    // Hovering the launcher fetches the panel early, without opening or connecting.
    const launcher = element.shadowRoot!.querySelector('button')!
    launcher.dispatchEvent(new PointerEvent('pointerenter'))
    await waitUntil(() => customElements.get('avatar-adam-panel'), 'the panel is fetched')
    expect(panelRequested()).to.equal(true)
    const panel = await element.preload()
    expect(panel.hidden).to.equal(true)
    expect(factory.client.options).to.equal(undefined)

    element.open = true
    await waitUntil(() => factory.client.options, 'the client connects once opened')
    expect(panel.hidden).to.equal(false)
    expect(factory.client.options!.key).to.equal('pk_test_x')
  })
})
