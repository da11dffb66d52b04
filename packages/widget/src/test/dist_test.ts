/// <reference types="mocha" />
import { expect, waitUntil } from '@open-wc/testing'

// The built files, as a dealership's page loads them (`npm test` builds first).
const SCRIPT = '/packages/widget/dist/avatar-adam.js'
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
].join('; ')

/** A same-origin page with the strict policy a dealership may send. */
async function strictPage(): Promise<{ doc: Document; win: Window; violations: string[] }> {
  const frame = document.createElement('iframe')
  frame.srcdoc = [
    '<!doctype html><html><head>',
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    '<title>Used cars</title></head><body><h1>Inventory</h1></body></html>',
  ].join('')
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }))
  document.body.append(frame)
  await loaded
  const doc = frame.contentDocument!
  const violations: string[] = []
  doc.addEventListener('securitypolicyviolation', (e) =>
    violations.push(`${e.violatedDirective} ${e.blockedURI}`),
  )
  return { doc, win: frame.contentWindow!, violations }
}

describe('the built script tag under a strict Content-Security-Policy', () => {
  before(async () => {
    const built = await fetch(SCRIPT, { method: 'HEAD' })
    if (!built.ok) throw new Error(`${SCRIPT} is missing: run \`npm run build\` first`)
  })

  it('mounts itself, loads the panel only on open, and breaks no rule of the policy', async () => {
    const { doc, win, violations } = await strictPage()
    const script = doc.createElement('script')
    script.src = SCRIPT
    script.async = true
    script.dataset.key = 'pk_test_csp'
    script.dataset.server = location.origin
    script.dataset.theme = 'dark'
    script.dataset.position = 'bottom-left'
    script.dataset.assistantName = 'Ava'
    doc.body.append(script)

    await waitUntil(() => doc.querySelector('avatar-adam'), 'the script mounts the element')
    const element = doc.querySelector('avatar-adam')!
    expect(element.getAttribute('theme')).to.equal('dark')
    expect(element.getAttribute('assistant-name')).to.equal('Ava')
    const resources = () => win.performance.getEntriesByType('resource').map((e) => e.name)
    expect(resources().some((name) => name.endsWith('/avatar-adam-panel.js'))).to.equal(false)

    element.shadowRoot!.querySelector('button')!.click()
    await waitUntil(() => win.customElements.get('avatar-adam-panel'), 'the panel loads', {
      timeout: 4000,
    })
    expect(resources()).to.include(`${location.origin}/packages/widget/dist/avatar-adam-panel.js`)
    const panel = element.shadowRoot!.querySelector('avatar-adam-panel')!
    await waitUntil(() => panel.shadowRoot?.querySelector('[role="dialog"]'), 'the panel renders')
    const dialog = panel.shadowRoot!.querySelector('[role="dialog"]')!
    // Its styles applied: constructable stylesheets need no 'unsafe-inline'.
    expect(win.getComputedStyle(dialog).position).to.equal('fixed')
    expect(win.getComputedStyle(dialog).backgroundColor).to.equal('rgb(30, 33, 38)')
    expect(dialog.getBoundingClientRect().left).to.equal(20)
    // There is no AvatarAdam server here: the client keeps trying, under the same policy.
    const presence = panel.shadowRoot!.querySelector('[part~="status"]')!
    expect(presence.textContent).to.match(/Connecting…|Reconnecting…/)
    await new Promise((resolve) => setTimeout(resolve, 500))
    expect(violations).to.deep.equal([])
    element.remove()
  })
})
