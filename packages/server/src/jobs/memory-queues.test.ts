import { describe, expect, it } from 'vitest'
import { createLogger } from '../logger.ts'
import { createMemoryQueues } from './memory-queues.ts'
import { PermanentJobError } from './queues.ts'

const policy = { attempts: 3, backoffMs: 20 }
const queues = () =>
  createMemoryQueues({
    retry: { email: policy, webhooks: policy, ingestion: policy },
    log: createLogger('silent'),
    keepFailed: 2,
  })

const until = async (check: () => Promise<boolean> | boolean) => {
  for (let i = 0; i < 200 && !(await check()); i++) await new Promise((r) => setTimeout(r, 10))
  expect(await check()).toBe(true)
}

describe('the in-process queue', () => {
  it('runs a job added before its handler, retrying with a doubling wait until it succeeds', async () => {
    const q = queues()
    const id = await q.add('webhooks', { tenantId: 't1', leadId: 'l1' })
    const tries: { attempt: number; lastAttempt: boolean; at: number }[] = []
    q.process('webhooks', async (_data, job) => {
      expect(job.id).toBe(id)
      tries.push({ attempt: job.attempt, lastAttempt: job.lastAttempt, at: Date.now() })
      if (job.attempt < 3) throw new Error('503')
    })
    await until(() => tries.length === 3)
    expect(tries.map((t) => [t.attempt, t.lastAttempt])).toEqual([
      [1, false],
      [2, false],
      [3, true],
    ])
    expect(tries[1]!.at - tries[0]!.at).toBeGreaterThanOrEqual(18)
    expect(tries[2]!.at - tries[1]!.at).toBeGreaterThanOrEqual(38)
    expect(await q.failed()).toEqual([])
    await q.close()
  })

  it('fails a job at once on a permanent error, keeps it per tenant, and retries it on demand', async () => {
    const q = queues()
    let calls = 0
    q.process('webhooks', async () => {
      calls++
      if (calls === 1) throw new PermanentJobError('answered 410')
    })
    const id = await q.add('webhooks', { tenantId: 't1', leadId: 'l1' })
    await until(async () => (await q.failed()).length === 1)
    expect(await q.failed({ tenantId: 't1' })).toMatchObject([
      { id, queue: 'webhooks', tenantId: 't1', attemptsMade: 1, reason: 'answered 410' },
    ])
    expect(await q.failed({ tenantId: 't2' })).toEqual([])
    expect(await q.failed({ queues: ['email'] })).toEqual([])
    expect((await q.counts()).webhooks.failed).toBe(1)
    expect(await q.retry(id, { tenantId: 't2' })).toBe(false)
    expect(await q.retry(id, { tenantId: 't1', queues: ['email'] })).toBe(false)
    expect(await q.retry(id, { tenantId: 't1' })).toBe(true)
    await until(() => calls === 2)
    await until(async () => (await q.failed()).length === 0)
    expect(await q.retry(id)).toBe(false)
    await q.close()
  })

  it('keeps only the newest failed jobs', async () => {
    const q = queues()
    q.process('email', async () => {
      throw new PermanentJobError('refused')
    })
    const ids = [
      await q.add('email', { tenantId: null, mailId: 'm1' }),
      await q.add('email', { tenantId: null, mailId: 'm2' }),
      await q.add('email', { tenantId: null, mailId: 'm3' }),
    ]
    await until(
      async () => (await q.counts()).email.active === 0 && (await q.failed()).length === 2,
    )
    const kept = (await q.failed()).map((j) => j.id)
    expect(kept).toHaveLength(2)
    expect(kept).not.toContain(ids[0])
    await q.close()
  })
})
