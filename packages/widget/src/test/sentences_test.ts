/// <reference types="mocha" />
import { expect } from '@open-wc/testing'
import { SentenceSplitter } from '../sentences.ts'

describe('SentenceSplitter', () => {
  it('gives each sentence once, as soon as it is complete', () => {
    const sentences = new SentenceSplitter()
    expect(sentences.update('We open at 9')).to.deep.equal([])
    expect(sentences.update('We open at 9. On Sat')).to.deep.equal(['We open at 9.'])
    expect(sentences.update('We open at 9. On Saturday at 10! Any')).to.deep.equal([
      'On Saturday at 10!',
    ])
    expect(sentences.finish('We open at 9. On Saturday at 10! Any questions')).to.deep.equal([
      'Any questions',
    ])
  })

  it('does not cut prices or decimals', () => {
    const sentences = new SentenceSplitter()
    expect(sentences.update('It costs $24.99 a month. ')).to.deep.equal([
      'It costs $24.99 a month.',
    ])
  })

  it('treats line breaks (bullets) as ends', () => {
    const sentences = new SentenceSplitter()
    expect(sentences.update('- Sales\n- Service\n- Parts')).to.deep.equal(['- Sales', '- Service'])
    expect(sentences.finish()).to.deep.equal(['- Parts'])
  })

  it('starts over when the text is replaced', () => {
    const sentences = new SentenceSplitter()
    sentences.update('First try. ')
    expect(sentences.update('Second try. ')).to.deep.equal(['Second try.'])
  })
})
