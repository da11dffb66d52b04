import { Command } from 'commander'
import { loadConfig } from '../config/index.ts'
import { startServer } from '../server.ts'
import { closeOnSignals } from './close-on-signals.ts'

export function serveCommand() {
  return new Command('serve')
    .description('Start the HTTP API, the chat socket and the ingestion worker.')
    .action(async () => {
      const config = loadConfig(process.env)
      const server = await startServer(config)
      closeOnSignals(server.log, () => server.close())
      process.stderr.write(banner(server.publicUrl, server))
    })
}

function banner(publicUrl: string, server: Awaited<ReturnType<typeof startServer>>): string {
  const lines = ['', `  AvatarAdam is running on ${publicUrl}`, '']
  if (server.demo) {
    lines.push(
      `  Demo dealership site   ${publicUrl}/`,
      `  Demo tenant            ${server.demo.tenantId}`,
      `  Publishable key        ${server.demo.publishableKey}`,
    )
    if (server.demo.secretKey && process.stderr.isTTY) {
      lines.push(
        `  Secret key             ${server.demo.secretKey}`,
        '                         (shown once: copy it now to try the REST API)',
      )
    } else if (server.demo.secretKey) {
      // Not a terminal (a log collector, say): a secret key must not end up in logs.
      lines.push(
        `  Secret key             not shown outside a terminal; make one with`,
        `                         npx avataradam keys create --tenant ${server.demo.tenantId} --type secret`,
      )
    }
    if (server.demo.owner) {
      lines.push(`  Portal                 ${publicUrl}/portal  (${server.demo.owner.email})`)
      if (server.demo.owner.password && process.stderr.isTTY) {
        lines.push(
          `  Portal password        ${server.demo.owner.password}`,
          '                         (shown once; set DEMO_OWNER_PASSWORD to choose it)',
        )
      } else if (server.demo.owner.password) {
        lines.push(
          '  Portal password        not shown outside a terminal; set DEMO_OWNER_PASSWORD and restart',
        )
      }
    }
    lines.push(
      '',
      `  Try: curl ${publicUrl}/v1/documents -H "Authorization: Bearer <secret key>"`,
      '',
    )
  }
  lines.push(
    `  Health                 ${publicUrl}/healthz  ${publicUrl}/readyz`,
    `  Data                   ${server.config.database.kind === 'pglite' ? server.config.database.dataDir : 'PostgreSQL (DATABASE_URL)'}`,
    '',
  )
  return `${lines.join('\n')}\n`
}
