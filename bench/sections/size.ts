import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import {
  LAUNCHER_BUDGET_MS,
  launcherTimes,
  median,
} from '../../packages/widget/scripts/launcher-time.ts'
import { peerSizes } from '../../packages/widget/scripts/peer-sizes.ts'
import { BUDGETS, sdkGzip, widgetSizes } from '../../packages/widget/scripts/size.ts'
import type { BenchContext } from '../lib/context.ts'
import { figure, type SectionResult } from '../lib/report.ts'

const kb = (bytes: number) => bytes / 1024

/**
 * Widget and SDK size (gzip -9) and the time to a visible launcher in headless Chromium. Sizes
 * stand beside the smallest peer embed on npm (the SDK beside socket.io-client's own minified
 * browser build, which it contains); the launcher beside a script that only appends a button.
 */
export async function benchSize(ctx: BenchContext): Promise<SectionResult> {
  ctx.progress('size: widget and SDK bundles')
  const sizes = await widgetSizes()
  const sdk = await sdkGzip()
  // Not in the package's exports map: found beside its package.json.
  const ioPackage = createRequire(import.meta.url).resolve('socket.io-client/package.json')
  const ioFile = path.join(path.dirname(ioPackage), 'dist/socket.io.min.js')
  const socketIo = gzipSync(await readFile(ioFile), { level: 9 }).length
  ctx.progress('size: peer embeds from npm')
  const peers = await peerSizes()
  const measured = peers.filter((p) => p.gzip !== null)
  const smallest = measured.sort((a, b) => a.gzip! - b.gzip!)[0]
  ctx.progress('size: launcher timing in Chromium')
  const times = await launcherTimes(ctx.options.quick ? 5 : 15)
  const peerKb = smallest ? kb(smallest.gzip!) : null
  return {
    name: 'size',
    title: 'Widget size (gzip -9) and time to a visible launcher',
    baseline: smallest
      ? `sizes: ${smallest.name}@${smallest.version} ${smallest.file}, the smallest peer embed; SDK: socket.io-client's minified browser build; time: a script appending one button`
      : 'no peer could be fetched from npm',
    figures: [
      figure({
        case: 'first script (every page view)',
        metric: 'gzip',
        unit: 'KB',
        value: kb(sizes.firstScriptGzip),
        baseline: peerKb,
        target: { op: '<=', value: kb(BUDGETS.firstScriptGzip) },
      }),
      figure({
        case: 'full widget (chat open)',
        metric: 'gzip',
        unit: 'KB',
        value: kb(sizes.fullWidgetGzip),
        baseline: peerKb,
        target: { op: '<=', value: kb(BUDGETS.fullWidgetGzip) },
      }),
      figure({
        case: 'SDK as the panel bundles it',
        metric: 'gzip',
        unit: 'KB',
        value: kb(sdk),
        baseline: kb(socketIo),
        target: { op: '<=', value: kb(BUDGETS.sdkGzip) },
      }),
      figure({
        case: 'script request → launcher visible',
        metric: 'p50',
        unit: 'ms',
        value: median(times.widget),
        baseline: median(times.bare),
        target: { op: '<=', value: LAUNCHER_BUDGET_MS },
      }),
    ],
    notes: peers.map((p) =>
      p.gzip === null
        ? `${p.name}: not measured (${p.error})`
        : `${p.name}@${p.version} ${p.file}: ${kb(p.gzip).toFixed(1)} KB gzip (${p.note})`,
    ),
    details: { files: sizes.files, sdkGzip: sdk, socketIoGzip: socketIo, peers, times },
  }
}
