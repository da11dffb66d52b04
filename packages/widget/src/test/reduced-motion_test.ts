/// <reference types="mocha" />
import { expect } from '@open-wc/testing'
import { emulateMedia } from '@web/test-runner-commands'
import '../avatar-adam.ts'
import { openWidget, until } from './helpers.ts'

async function waitingPanel() {
  const opened = await openWidget()
  const input = opened.root.querySelector('input')!
  input.value = 'Hi'
  input.dispatchEvent(new InputEvent('input'))
  await opened.panel.updateComplete
  opened.root.querySelector<HTMLButtonElement>('[part~="send"]')!.click()
  await until(opened.panel, () => opened.root.querySelector('.typing span'), 'typing indicator')
  const face = opened.root.querySelector('avatar-adam-face')!
  await face.updateComplete
  return {
    dot: opened.root.querySelector('.typing span')!,
    eye: face.shadowRoot!.querySelector('.eye')!,
    thought: face.shadowRoot!.querySelector('.dots circle')!,
    dialog: opened.root.querySelector('[role="dialog"]')!,
  }
}

describe('motion', () => {
  afterEach(() => emulateMedia({ reducedMotion: 'no-preference' }))

  it('animates the avatar and the typing indicator by default', async () => {
    const { dot, eye, thought } = await waitingPanel()
    expect(getComputedStyle(dot).animationName).to.equal('typing')
    expect(getComputedStyle(eye).animationName).to.equal('blink')
    expect(getComputedStyle(thought).animationName).to.equal('think')
  })

  it('stops every animation when the visitor prefers reduced motion', async () => {
    await emulateMedia({ reducedMotion: 'reduce' })
    const { dot, eye, thought, dialog } = await waitingPanel()
    expect(getComputedStyle(dot).animationName).to.equal('none')
    expect(getComputedStyle(eye).animationName).to.equal('none')
    expect(getComputedStyle(thought).animationName).to.equal('none')
    expect(getComputedStyle(dialog).animationName).to.equal('none')
  })
})
