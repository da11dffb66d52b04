import { Command } from 'commander'
import { loadConfig } from '../config/index.ts'
import { mailTransportFromConfig } from '../providers/mail/mail-from-config.ts'
import { createMailer } from '../providers/mail/mailer.ts'
import { withDatabase } from './context.ts'
import { output } from './output.ts'

export function mailCommands() {
  const mail = new Command('mail').description(
    'Email, through MAIL_PROVIDER, recorded in the outbox.',
  )
  mail
    .command('test')
    .description('Send a test message and report what the provider said; exit 1 if it failed.')
    .requiredOption('--to <address>', 'who receives it')
    .option('--json', 'print the result as JSON')
    .action(async (opts: { to: string; json?: boolean }) => {
      const config = loadConfig(process.env)
      const sent = await withDatabase(({ db, log }) =>
        createMailer({ db, transport: mailTransportFromConfig(config.mail), log }).send({
          to: opts.to,
          subject: 'AvatarAdam test message',
          text: `This is a test message from AvatarAdam, sent with ${config.mail.provider}.`,
        }),
      )
      output(opts.json === true, sent, () => [
        sent.status === 'failed'
          ? `Not delivered: ${sent.error}`
          : sent.status === 'sent'
            ? `Sent (${sent.providerMessageId ?? 'no id'}).`
            : 'Stored in the outbox (MAIL_PROVIDER=outbox sends nothing).',
      ])
      if (sent.status === 'failed') process.exitCode = 1
    })
  return mail
}
