import { Command } from 'commander'
import { loadConfig } from '../config/index.ts'
import { createSecretBox } from '../secrets/secret-box.ts'
import { createProviderOverrides } from '../tenants/provider-overrides.ts'
import { withDatabase } from './context.ts'
import { output } from './output.ts'

export function secretCommands() {
  const secrets = new Command('secrets').description(
    "Dealerships' provider keys, sealed with AVATARADAM_SECRET_KEYS.",
  )
  secrets
    .command('rotate')
    .description(
      'Seal every stored provider key with the first key of AVATARADAM_SECRET_KEYS. Rotate by putting a new key first, running this, then removing the old key.',
    )
    .option('--json', 'print the result as JSON')
    .action(async (opts: { json?: boolean }) => {
      const { secretKeys } = loadConfig(process.env)
      const box = secretKeys.length > 0 ? createSecretBox(secretKeys) : undefined
      const resealed = await withDatabase(({ db }) => createProviderOverrides(db, box).rotate())
      output(opts.json === true, { resealed, keyId: box?.currentKeyId }, () => [
        `Sealed ${resealed} stored value(s) anew with key ${box?.currentKeyId}.`,
      ])
    })
  return secrets
}
