import { afterAll, describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../src/config/index.ts'
import { ask } from './support/chat.ts'
import { startTcpProxy } from './support/instances.ts'
import {
  api,
  connectVisitor,
  createTenant,
  startTestServer,
  type TestServer,
  visitorClient,
} from './support/server.ts'

const { DATABASE_URL } = process.env

describe('DATABASE_READ_URL', () => {
  if (DATABASE_URL) {
    const cleanup: (() => unknown)[] = []
    afterAll(async () => {
      for (const step of cleanup.reverse()) await step()
    })

    it('sends history and conversation reads to the replica, and every write to the primary', async () => {
      // The "replica" is the same database, reached through a proxy that sees every statement.
      const target = new URL(DATABASE_URL)
      const replica = await startTcpProxy({
        host: target.hostname,
        port: Number(target.port || 5432),
      })
      cleanup.push(() => replica.close())
      const readUrl = new URL(DATABASE_URL)
      readUrl.hostname = '127.0.0.1'
      readUrl.port = String(replica.port)
      const server: TestServer = await startTestServer({
        env: { DATABASE_READ_URL: readUrl.toString() },
      })
      cleanup.push(() => server.stop())
      const tenant = await createTenant(server)
      const socket = await connectVisitor(visitorClient(server, { key: tenant.publishable.key }))
      cleanup.push(() => socket.close())

      const { ack, done } = await ask(socket, 'Do you take trade-ins?')
      // Storing and answering the message went to the primary only.
      expect(replica.sent()).not.toMatch(/insert into/i)

      const history = await socket.emitWithAck('conversation:history', {
        conversationId: ack.conversationId,
      })
      expect('messages' in history && history.messages.map((m) => m.text)).toEqual([
        'Do you take trade-ins?',
        done.text,
      ])
      expect(replica.connections).toBeGreaterThan(0)
      expect(replica.sent()).toContain('select * from messages where conversation_id')

      const listed = await api(server, tenant.secret.key, 'GET', '/v1/conversations')
      expect(listed.body.conversations.map((c: { id: string }) => c.id)).toContain(
        ack.conversationId,
      )
      const detail = await api(
        server,
        tenant.secret.key,
        'GET',
        `/v1/conversations/${ack.conversationId}`,
      )
      expect(detail.body.messages).toHaveLength(2)
      expect(replica.sent()).toMatch(/where c\.tenant_id = \$1\s[\s\S]*order by c\.updated_at desc/)
      expect(replica.sent()).not.toMatch(/insert into|update messages|delete from/i)
    })
  } else {
    it('is refused without DATABASE_URL: a replica is of a PostgreSQL primary', () => {
      expect(() => loadConfig({ DATABASE_READ_URL: 'postgres://replica/app' })).toThrow(ConfigError)
      expect(() => loadConfig({ DATABASE_READ_URL: 'postgres://replica/app' })).toThrow(
        /DATABASE_READ_URL: needs DATABASE_URL/,
      )
    })
  }
})
