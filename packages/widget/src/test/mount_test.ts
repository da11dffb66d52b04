/// <reference types="mocha" />
import { expect } from '@open-wc/testing'
import '../avatar-adam.ts'
import { mountFromScript } from '../mount.ts'

function script(data: Record<string, string>): HTMLScriptElement {
  const element = document.createElement('script')
  for (const [name, value] of Object.entries(data)) element.setAttribute(`data-${name}`, value)
  return element
}

describe('script-tag install', () => {
  afterEach(() => {
    for (const element of document.querySelectorAll('avatar-adam')) element.remove()
  })

  it('mounts <avatar-adam> with the script’s data-* attributes', () => {
    const element = mountFromScript(
      script({
        key: 'pk_live_abc',
        server: 'https://chat.example.com',
        position: 'bottom-left',
        open: '',
        locale: 'es-MX',
        theme: 'dark',
        'assistant-name': 'Sofía',
        greeting: '¡Hola!',
        suggestions: 'Horario?|Financiamiento?',
        cfasync: 'false',
      }),
    )
    expect(element.isConnected).to.equal(true)
    expect(element.parentElement).to.equal(document.body)
    expect(element.key).to.equal('pk_live_abc')
    expect(element.server).to.equal('https://chat.example.com')
    expect(element.position).to.equal('bottom-left')
    expect(element.open).to.equal(true)
    expect(element.locale).to.equal('es-MX')
    expect(element.theme).to.equal('dark')
    expect(element.assistantName).to.equal('Sofía')
    expect(element.greeting).to.equal('¡Hola!')
    expect(element.suggestions).to.deep.equal(['Horario?', 'Financiamiento?'])
    expect(element.hasAttribute('cfasync')).to.equal(false)
  })

  it('reads data-open="false" as closed', () => {
    expect(mountFromScript(script({ key: 'pk_x', open: 'false' })).open).to.equal(false)
  })

  it('defaults the server to where the script came from', () => {
    expect(mountFromScript(script({ key: 'pk_x' })).server).to.equal(location.origin)
  })

  it('leaves a hand-placed <avatar-adam> alone', () => {
    const placed = document.createElement('avatar-adam')
    document.body.append(placed)
    const mounted = mountFromScript(script({ key: 'pk_x' }))
    expect(mounted.isConnected).to.equal(false)
    expect(document.querySelectorAll('avatar-adam').length).to.equal(1)
  })
})
