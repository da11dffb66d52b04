import { describe, expect, it } from 'vitest'
import { contactIntent } from './contact-intent.ts'

describe('contactIntent', () => {
  it('reads plain requests to be contacted', () => {
    expect(contactIntent('Can I book a test drive on Saturday?')).toBe('Test drive')
    expect(contactIntent('I want to test-drive the RAV4')).toBe('Test drive')
    expect(contactIntent('Please call me tomorrow')).toBe('Call back')
    expect(contactIntent('Can someone give me a call back?')).toBe('Call back')
    expect(contactIntent("I'd like to talk to someone about financing")).toBe('Contact request')
    expect(contactIntent('How do I get in touch with sales?')).toBe('Contact request')
    expect(contactIntent('Can I get a quote on the Camry?')).toBe('Price quote')
  })
  it('leaves other questions alone', () => {
    expect(contactIntent('When are you open on Saturday?')).toBeNull()
    expect(contactIntent('What is your phone number?')).toBeNull()
    expect(contactIntent('Do you have any SUVs under $30,000?')).toBeNull()
    expect(contactIntent('How do I contact the service department hours?')).toBeNull()
  })
})
