import { Command } from 'commander'
import { AppError } from '../errors.ts'
import { insertTenant, listTenants } from '../tenants/tenants-repo.ts'
import { withDatabase } from './context.ts'
import { output } from './output.ts'

export function tenantCommands() {
  const tenants = new Command('tenants').description('Manage dealerships (tenants).')

  tenants
    .command('create')
    .description('Create a dealership.')
    .requiredOption('--name <name>', 'the dealership name visitors see')
    .option('--json', 'print the created tenant as JSON')
    .action(async (opts: { name: string; json?: boolean }) => {
      const name = opts.name.trim()
      if (!name || name.length > 200) {
        throw new AppError('invalid_request', '--name must be 1–200 characters.')
      }
      const tenant = await withDatabase(({ db }) => insertTenant(db, name))
      const value = { id: tenant.id, name: tenant.name, createdAt: tenant.createdAt.toISOString() }
      output(opts.json === true, value, () => [`Created tenant ${tenant.id} (${tenant.name})`])
    })

  tenants
    .command('list')
    .description('List dealerships.')
    .option('--json', 'print as JSON')
    .action(async (opts: { json?: boolean }) => {
      const all = await withDatabase(({ db }) => listTenants(db))
      const value = {
        tenants: all.map((t) => ({ id: t.id, name: t.name, createdAt: t.createdAt.toISOString() })),
      }
      output(opts.json === true, value, () =>
        all.length ? all.map((t) => `${t.id}  ${t.name}`) : ['No tenants yet.'],
      )
    })

  return tenants
}
