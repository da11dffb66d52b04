import { Command, InvalidArgumentError } from 'commander'
import { doctorCommand } from './cli/doctor.ts'
import { jobCommands } from './cli/jobs.ts'
import { keyCommands } from './cli/keys.ts'
import { mailCommands } from './cli/mail.ts'
import { migrateCommand } from './cli/migrate.ts'
import { secretCommands } from './cli/secrets.ts'
import { serveCommand } from './cli/serve.ts'
import { tenantCommands } from './cli/tenants.ts'
import { workerCommand } from './cli/worker.ts'
import { ConfigError } from './config/index.ts'
import { AppError } from './errors.ts'

const program = new Command('avataradam')
  .description(
    'AvatarAdam server: an AI assistant for car dealership websites.\nConfigured from the environment (DATABASE_URL, REDIS_URL, PORT, …); see the README.',
  )
  .showHelpAfterError()

program.addCommand(serveCommand())
program.addCommand(workerCommand())
program.addCommand(migrateCommand())
program.addCommand(tenantCommands())
program.addCommand(keyCommands())
program.addCommand(doctorCommand())
program.addCommand(secretCommands())
program.addCommand(mailCommands())
program.addCommand(jobCommands())

try {
  await program.parseAsync()
} catch (err) {
  const json = process.argv.includes('--json')
  if (
    AppError.isInstance(err) ||
    err instanceof ConfigError ||
    err instanceof InvalidArgumentError
  ) {
    const body = AppError.isInstance(err)
      ? err.toBody()
      : { code: 'invalid_request', message: (err as Error).message }
    if (json) process.stdout.write(`${JSON.stringify({ error: body })}\n`)
    else process.stderr.write(`error: ${body.message}\n`)
  } else {
    process.stderr.write(`error: ${(err as Error).message ?? err}\n`)
  }
  process.exitCode = 1
}
