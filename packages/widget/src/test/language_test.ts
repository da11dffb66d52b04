/// <reference types="mocha" />
import type { WidgetSettings } from '@avataradam/sdk'
import { expect } from '@open-wc/testing'
import '../avatar-adam.ts'
import { DEFAULT_SUGGESTIONS, launcherLabel } from '../launcher-strings.ts'
import { STRINGS, stringsFor } from '../strings.ts'
import { openWidget, text, until } from './helpers.ts'

const launcherOf = (root: ShadowRoot) =>
  root.querySelector<HTMLButtonElement>('[part~="launcher"]')!
const suggestionsOf = (root: ShadowRoot) =>
  [...root.querySelectorAll('[part~="suggestion"]')].map((b) => b.textContent?.trim())

/** What the server sends a dealership that never changed its settings. */
const SERVER_DEFAULTS: WidgetSettings = {
  assistantName: 'Adam',
  greeting: "Hi, I'm Adam! Ask me about our cars, financing, service or opening hours.",
  suggestions: [...DEFAULT_SUGGESTIONS],
  colors: { primary: '#1a56db', onPrimary: '#ffffff' },
  avatar: { kind: 'builtin' },
  languages: ['en'],
  hours: null,
}

describe('<avatar-adam> in the visitor’s language', () => {
  it('speaks Spanish with locale="es": launcher, panel, greeting and suggestions', async () => {
    const { element, panel, root } = await openWidget()
    element.locale = 'es'
    await until(panel, () => root.querySelector('section')!.lang === 'es', 'the panel in Spanish')
    const input = root.querySelector('input')!
    expect(input.placeholder).to.equal('Escriba su pregunta…')
    expect(input.labels![0]!.textContent).to.equal('Mensaje para Adam')
    expect(root.querySelector('[part~="send"]')!.getAttribute('aria-label')).to.equal('Enviar')
    expect(root.querySelector('[part~="close"]')!.getAttribute('aria-label')).to.equal(
      'Cerrar el chat',
    )
    expect(text(root, '[part~="message-assistant"]')).to.equal(
      '¡Hola, soy Adam! Pregúnteme por nuestros autos, el financiamiento, el servicio o el horario.',
    )
    expect(suggestionsOf(root)).to.deep.equal(STRINGS.es!.suggestions)
    expect(launcherOf(element.shadowRoot!).getAttribute('aria-label')).to.equal('Chatear con Adam')
  })

  it('says the server’s untouched English defaults in Spanish, and a dealership’s own words as written', async () => {
    const { element, panel, client, root } = await openWidget()
    element.locale = 'es-MX'
    client.emit('settings', SERVER_DEFAULTS)
    await until(panel, () => text(root, '[part~="message-assistant"]').startsWith('¡Hola'), 'es')
    expect(suggestionsOf(root)).to.deep.equal(STRINGS.es!.suggestions)
    client.emit('settings', {
      ...SERVER_DEFAULTS,
      greeting: '¡Bienvenido a Autos Alfa!',
      suggestions: ['¿Tienen camionetas?'],
    })
    await until(
      panel,
      () => text(root, '[part~="message-assistant"]') === '¡Bienvenido a Autos Alfa!',
      'the dealership’s greeting',
    )
    expect(suggestionsOf(root)).to.deep.equal(['¿Tienen camionetas?'])
  })

  it('shows English visitors the defaults the server still sends as today’s defaults', async () => {
    const { panel, client, root } = await openWidget()
    client.emit('settings', SERVER_DEFAULTS)
    await until(panel, () => suggestionsOf(root)[1] === DEFAULT_SUGGESTIONS[1], 'suggestions')
    expect(suggestionsOf(root)).to.deep.equal(DEFAULT_SUGGESTIONS)
    expect(text(root, '[part~="message-assistant"]')).to.equal(SERVER_DEFAULTS.greeting)
  })

  it('has every word in Spanish that it has in English', () => {
    const keys = (o: object): string[] =>
      Object.entries(o).flatMap(([k, v]) =>
        v && typeof v === 'object' && !Array.isArray(v) ? keys(v).map((n) => `${k}.${n}`) : [k],
      )
    expect(keys(STRINGS.es!)).to.deep.equal(keys(STRINGS.en!))
    expect(STRINGS.es!.suggestions.length).to.equal(STRINGS.en!.suggestions.length)
    expect(stringsFor('es-419').send).to.equal('Enviar')
    expect(stringsFor('fr-CA').send).to.equal('Send')
    expect(launcherLabel('es-MX', 'Ava')).to.equal('Chatear con Ava')
    expect(launcherLabel('de', 'Ava')).to.equal('Chat with Ava')
  })
})
