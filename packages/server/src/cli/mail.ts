import { Command, InvalidArgumentError } from 'commander'
import { loadConfig } from '../config/index.ts'
import { mailTransportFromConfig } from '../providers/mail/mail-from-config.ts'
import { createMailer } from '../providers/mail/mailer.ts'
import { withDatabase } from './context.ts'
import { output } from './output.ts'

const count = (value: string) => {
  const n = Number(value)
  if (!Number.isInteger(n) || n < 1 || n > 100) {
    throw new InvalidArgumentError('--limit must be a whole number from 1 to 100.')
  }
  return n
}

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
  mail
    .command('list')
    .description(
      'Show the mail stored for one address, newest first: with MAIL_PROVIDER=outbox (embedded) nothing leaves the machine, so this is how someone who forgot their portal password reads the reset link.',
    )
    .requiredOption('--to <address>', 'whose mail (any case)')
    .option('--limit <n>', 'how many, newest first (1 to 100)', count, 5)
    .option('--json', 'print the messages as JSON')
    .action(async (opts: { to: string; limit: number; json?: boolean }) => {
      const limit = opts.limit
      const rows = await withDatabase(({ db }) =>
        db.query<{ subject: string; text_body: string; status: string; created_at: Date }>(
          `select subject, text_body, status, created_at from mail_outbox
           where lower(recipient) = lower($1) order by created_at desc limit $2`,
          [opts.to, limit],
        ),
      )
      const messages = rows.map((r) => ({
        subject: r.subject,
        status: r.status,
        createdAt: r.created_at.toISOString(),
        text: r.text_body,
      }))
      output(opts.json === true, messages, () =>
        messages.length === 0
          ? [`No mail for ${opts.to}.`]
          : messages.flatMap((m) => [`── ${m.createdAt}  ${m.subject} (${m.status})`, m.text, '']),
      )
    })
  return mail
}
