// Uploads a document with a secret key, waits until it is ready, then asks about it as a visitor.
//
//   AVATARADAM_SECRET_KEY=sk_test_… AVATARADAM_PUBLISHABLE_KEY=pk_test_… npm start -w examples/node-sdk
//
// Both keys are printed by `npm start` at the repository root (the secret key on the first start
// only; make another with `npx avataradam keys create --tenant <id> --type secret`).
import { readFile } from 'node:fs/promises'
import { createClient, createServerClient } from '@avataradam/sdk'

const baseUrl = process.env.AVATARADAM_URL ?? 'http://localhost:3000'
const secretKey = process.env.AVATARADAM_SECRET_KEY
const publishableKey = process.env.AVATARADAM_PUBLISHABLE_KEY
if (!secretKey || !publishableKey) {
  console.error(
    'Set AVATARADAM_SECRET_KEY and AVATARADAM_PUBLISHABLE_KEY (see the comment on top).',
  )
  process.exit(2)
}

// Back office: upload a document and follow its processing.
const backOffice = createServerClient({ secretKey, baseUrl })
const file = new URL('./documents/extended-warranty.md', import.meta.url)
const upload = await backOffice.documents.upload(await readFile(file), {
  filename: 'extended-warranty.md',
})
console.log(`Uploaded ${upload.id}${upload.duplicate ? ' (already there)' : ''}`)
const ready = await backOffice.documents.waitUntilReady(upload.id, {
  onProgress: (d) => console.log(`  ${d.status} ${Math.round(d.progress * 100)}%`),
})
console.log(`Ready: "${ready.title}", ${ready.chunkCount} passages\n`)

// Visitor: outside a browser, send an Origin the publishable key allows (a page's own origin).
const visitor = createClient({ key: publishableKey, baseUrl, origin: baseUrl, storage: false })
const question = 'How long does the Powertrain Plus warranty last?'
console.log(`Q: ${question}\nA: `)
const answer = visitor.ask(question)
for await (const delta of answer) process.stdout.write(delta.text)
const { citations } = await answer
console.log(`\n\nSources: ${citations.map((c) => c.title).join(', ') || 'none'}`)
visitor.close()
