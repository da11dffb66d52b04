import type { KeyMode, KeyType } from '@avataradam/sdk/protocol'
import { Command, InvalidArgumentError, Option } from 'commander'
import { isUuid } from '../ids.ts'
import { toKeySummary } from '../tenants/keys-repo.ts'
import { withDatabase } from './context.ts'
import { output } from './output.ts'

const uuid = (what: string) => (value: string) => {
  if (!isUuid(value)) throw new InvalidArgumentError(`${what} must be a UUID.`)
  return value
}

const date = (value: string) => {
  const d = new Date(value)
  if (Number.isNaN(d.getTime()))
    throw new InvalidArgumentError('--expires must be an ISO 8601 date.')
  return d
}

export function keyCommands() {
  const keys = new Command('keys').description("Manage a dealership's API keys.")

  keys
    .command('create')
    .description('Create a key. The full key is printed once and never stored.')
    .requiredOption('--tenant <id>', 'tenant id', uuid('--tenant'))
    .addOption(
      new Option('--type <type>', 'publishable (browsers) or secret (servers)')
        .choices(['publishable', 'secret'])
        .makeOptionMandatory(),
    )
    .addOption(
      new Option('--mode <mode>', 'live or test').choices(['live', 'test']).default('live'),
    )
    .option(
      '--origin <url>',
      'an origin a publishable key may be used from (repeatable; *.example.com for subdomains)',
      (value: string, previous: string[]) => [...previous, value],
      [] as string[],
    )
    .option('--name <name>', 'a label for the key')
    .option('--expires <date>', 'ISO 8601 time after which the key is refused', date)
    .option('--json', 'print the created key as JSON')
    .action(
      async (opts: {
        tenant: string
        type: KeyType
        mode: KeyMode
        origin: string[]
        name?: string
        expires?: Date
        json?: boolean
      }) => {
        const created = await withDatabase(({ keys }) =>
          keys.create(opts.tenant, {
            type: opts.type,
            mode: opts.mode,
            name: opts.name,
            allowedOrigins: opts.origin,
            expiresAt: opts.expires,
          }),
        )
        output(opts.json === true, created, () => [
          `Created ${created.type} key ${created.id}`,
          '',
          `  ${created.key}`,
          '',
          'Store it now: it is shown only this once.',
        ])
      },
    )

  keys
    .command('list')
    .description("List a tenant's keys (prefixes only).")
    .requiredOption('--tenant <id>', 'tenant id', uuid('--tenant'))
    .option('--json', 'print as JSON')
    .action(async (opts: { tenant: string; json?: boolean }) => {
      const list = (await withDatabase(({ keys }) => keys.list(opts.tenant))).map(toKeySummary)
      output(opts.json === true, { keys: list }, () =>
        list.length
          ? list.map(
              (k) =>
                `${k.id}  ${k.prefix}…  ${k.type}  ${k.revokedAt ? 'revoked' : 'active'}  ${k.allowedOrigins.join(' ')}`,
            )
          : ['No keys.'],
      )
    })

  keys
    .command('revoke')
    .description('Revoke a key: it is refused from then on.')
    .argument('<key-id>', 'the key id (from keys list)', uuid('key id'))
    .requiredOption('--tenant <id>', 'tenant id', uuid('--tenant'))
    .option('--json', 'print the revoked key as JSON')
    .action(async (keyId: string, opts: { tenant: string; json?: boolean }) => {
      const revoked = toKeySummary(
        await withDatabase(({ keys }) => keys.revoke(opts.tenant, keyId)),
      )
      output(opts.json === true, revoked, () => [`Revoked ${revoked.prefix}… (${revoked.id})`])
    })

  return keys
}
