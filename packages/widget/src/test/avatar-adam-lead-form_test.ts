/// <reference types="mocha" />
import { AvatarAdamError, type Lead, type LeadRequest } from '@avataradam/sdk'
import { expect, oneEvent } from '@open-wc/testing'
import '../avatar-adam.ts'
import type { AvatarAdamPanel } from '../avatar-adam-panel.ts'
import type { FakeClient } from './fake-client.ts'
import { openWidget, text, until } from './helpers.ts'

const request: LeadRequest = {
  conversationId: 'c1',
  answerId: 'a1',
  reason: 'Test drive of the 2021 Toyota RAV4',
  vehicle: { name: '2021 Toyota RAV4 XLE', stockNumber: 'T100' },
  prefill: { name: 'Dana', phone: '555-010-2030' },
}

const stored = (name: string): Lead => ({
  id: '0190f0f0-0000-7000-8000-000000000001',
  conversationId: 'c1',
  visitorId: 'v_test_visitor',
  name,
  email: null,
  phone: '555-010-2030',
  message: null,
  reason: request.reason,
  vehicle: request.vehicle!,
  page: null,
  consentAt: new Date().toISOString(),
  createdAt: new Date().toISOString(),
})

async function formShown(panel: AvatarAdamPanel, client: FakeClient) {
  client.emit('lead:request', request)
  await until(panel, () => panel.shadowRoot!.querySelector('avatar-adam-lead-form'), 'lead form')
  const form = panel.shadowRoot!.querySelector('avatar-adam-lead-form')!
  await form.updateComplete
  return form
}

function field<T extends HTMLElement = HTMLInputElement>(root: ShadowRoot, id: string): T {
  return root.querySelector<T>(`#${id}`)!
}

describe('<avatar-adam> lead form', () => {
  it('shows the form the assistant offers, prefilled, with a label for every field', async () => {
    const { panel, client } = await openWidget((c) => {
      c.conversationId = 'c1'
    })
    const form = await formShown(panel, client)
    const root = form.shadowRoot!
    expect(text(root, '#lead-reason')).to.equal('Test drive of the 2021 Toyota RAV4')
    expect(text(root, 'form')).to.contain('2021 Toyota RAV4 XLE')
    expect(field(root, 'lead-name').value).to.equal('Dana')
    expect(field(root, 'lead-phone').value).to.equal('555-010-2030')
    expect(field(root, 'lead-email').value).to.equal('')
    for (const input of root.querySelectorAll<HTMLInputElement>('input, textarea')) {
      expect(input.labels?.length, input.id).to.be.greaterThan(0)
    }
    expect(root.querySelector('form')!.getAttribute('aria-labelledby')).to.equal('lead-reason')
  })

  it('sends lead:submit through the client and confirms, once the server stored it', async () => {
    const { panel, client } = await openWidget((c) => {
      c.conversationId = 'c1'
    })
    const form = await formShown(panel, client)
    const root = form.shadowRoot!
    field(root, 'lead-name').value = 'Dana Reyes'
    field<HTMLTextAreaElement>(root, 'lead-message').value = 'Saturday morning, please.'
    field(root, 'lead-consent').click()
    const sent = oneEvent(panel, 'avatar-adam-lead')
    // The keyboard way: Enter in a field submits the form.
    field(root, 'lead-name').focus()
    root.querySelector('form')!.requestSubmit()
    await until(panel, () => client.leads.length === 1, 'lead:submit')
    expect(client.leads[0]!.lead).to.deep.equal({
      clientLeadId: client.leads[0]!.lead.clientLeadId,
      conversationId: 'c1',
      name: 'Dana Reyes',
      phone: '555-010-2030',
      message: 'Saturday morning, please.',
      consent: true,
      reason: 'Test drive of the 2021 Toyota RAV4',
      vehicle: { name: '2021 Toyota RAV4 XLE', stockNumber: 'T100' },
    })
    expect(client.leads[0]!.lead.clientLeadId).to.match(/^l_[0-9a-f]{32}$/)
    await form.updateComplete
    expect(root.querySelector<HTMLButtonElement>('[part~="lead-submit"]')!.disabled).to.equal(true)
    client.leads[0]!.resolve(stored('Dana Reyes'))
    expect((await sent).detail.name).to.equal('Dana Reyes')
    await form.updateComplete
    const confirmation = root.querySelector('[part~="lead-sent"]')!
    expect(confirmation.getAttribute('role')).to.equal('status')
    expect(text(root, '[part~="lead-sent"]')).to.equal(
      'Thanks, Dana Reyes! The team will be in touch soon.',
    )
  })

  it('says what is missing, focuses it, and sends nothing', async () => {
    const { panel, client } = await openWidget((c) => {
      c.conversationId = 'c1'
    })
    const form = await formShown(panel, client)
    const root = form.shadowRoot!
    root.querySelector('form')!.requestSubmit()
    await form.updateComplete
    expect(text(root, '[role="alert"]')).to.match(/agree to be contacted/)
    expect(root.activeElement?.id).to.equal('lead-consent')
    field(root, 'lead-consent').click()
    field(root, 'lead-phone').value = ''
    root.querySelector('form')!.requestSubmit()
    await form.updateComplete
    expect(text(root, '[role="alert"]')).to.equal(
      'Please enter an email address or a phone number.',
    )
    expect(root.activeElement?.id).to.equal('lead-email')
    field(root, 'lead-email').value = 'dana@'
    root.querySelector('form')!.requestSubmit()
    await form.updateComplete
    expect(text(root, '[role="alert"]')).to.equal('Please check the email address.')
    expect(client.leads).to.have.length(0)
  })

  it('shows a clear error when the server refuses, and sends again with the same lead id', async () => {
    const { panel, client } = await openWidget((c) => {
      c.conversationId = 'c1'
    })
    const form = await formShown(panel, client)
    const root = form.shadowRoot!
    field(root, 'lead-consent').click()
    root.querySelector('form')!.requestSubmit()
    await until(panel, () => client.leads.length === 1, 'first try')
    client.leads[0]!.reject(new AvatarAdamError('rate_limited', 'Too many', { retryAfter: 60 }))
    await until(panel, () => text(root, '[role="alert"]') !== '', 'error shown')
    expect(text(root, '[role="alert"]')).to.match(/try again later/)
    expect(root.querySelector('[part~="lead-sent"]')).to.equal(null)
    root.querySelector('form')!.requestSubmit()
    await until(panel, () => client.leads.length === 2, 'second try')
    expect(client.leads[1]!.lead.clientLeadId).to.equal(client.leads[0]!.lead.clientLeadId)
  })

  it("ignores a lead request for another conversation (another tab's)", async () => {
    const { panel, client, root } = await openWidget((c) => {
      c.conversationId = 'c1'
    })
    client.emit('lead:request', { ...request, conversationId: 'c2' })
    await new Promise((r) => setTimeout(r, 20))
    await panel.updateComplete
    expect(root.querySelector('avatar-adam-lead-form')).to.equal(null)
  })
})
