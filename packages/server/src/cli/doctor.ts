import { Command } from 'commander'
import { loadConfig } from '../config/index.ts'
import { runChecks } from '../doctor.ts'
import { output } from './output.ts'

export function doctorCommand() {
  return new Command('doctor')
    .description('Check the database, Redis and every configured provider; exit 1 if any fails.')
    .option('--json', 'print the result as JSON')
    .action(async (opts: { json?: boolean }) => {
      const checks = await runChecks(loadConfig(process.env))
      const ok = checks.every((c) => c.ok)
      output(opts.json === true, { ok, checks }, () =>
        checks.map(
          (c) =>
            `${c.ok ? 'ok  ' : 'FAIL'}  ${c.name.padEnd(24)} ${c.detail} (${c.ms.toFixed(0)} ms)`,
        ),
      )
      if (!ok) process.exitCode = 1
    })
}
