/**
 * `npm run bench [-- --quick] [-- --no-build] [-- --dist <dir>]`: builds the cockpit, measures
 * the wall in the real Chromium the e2e tests use, prints a table and writes
 * bench/results/latest.json (and, in full mode, bench/results/<date>-<machine>.json to commit).
 * docs/performance.md explains every figure.
 */
import type { Results } from './summary.ts'
import { execFileSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import process from 'node:process'
import { parseArgs } from 'node:util'
import { startMockServer } from '../mock/serve.ts'
import { launchBrowser } from '../test/e2e/harness.ts'
import { applyCost } from './apply.ts'
import { firstDraw } from './first-draw.ts'
import { idleBusy } from './idle.ts'
import { initialJs } from './initial-js.ts'
import { describeMachine, machineLine, machineSlug } from './machine.ts'
import { table } from './report.ts'
import { soak } from './soak.ts'
import { staffPaging } from './staff.ts'
import { heapGrowthListing, summaryRows, targets } from './summary.ts'
import { chartUpdates, updatesListing } from './updates.ts'

const { values: args } = parseArgs({
  options: {
    'quick': { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
    // Another folder than dist/, so that a build running beside the benchmark cannot swap it.
    'dist': { type: 'string', default: 'dist' },
  },
})

/**
 * Runs per figure: quick is for CI (the numbers roughly, in about three minutes), full for the
 * results file. The soak's heap growth is judged from `baseline` (once code and caches have
 * warmed up) to its last checkpoint.
 */
const plan = args.quick
  ? { firstDraw: 5, apply1x: 5, apply10x: 3, idleSeconds: 10, updates: 5, staffRuns: 1, soak: [50, 100, 300], baseline: 100 }
  : { firstDraw: 11, apply1x: 15, apply10x: 8, idleSeconds: 20, updates: 10, staffRuns: 3, soak: [50, 500, 2000], baseline: 500 }

const log = (s: string) => process.stderr.write(`${s}\n`)

/** Clean-up must never fail a run whose figures are in: a failure is reported, not thrown. */
async function quietly(what: string, f: () => Promise<unknown>): Promise<void> {
  try {
    await f()
  }
  catch (error) {
    log(`  (${what} failed: ${error instanceof Error ? error.message : String(error)})`)
  }
}

async function measure(): Promise<{ results: Results, machine: ReturnType<typeof describeMachine> }> {
  const server = await startMockServer({ port: 0, dist: resolve(args.dist) })
  const app = { ...server, feedUrl: `${server.url}feed/cockpit.json` }
  const browser = await launchBrowser()
  const bench = { app, browser, quick: args.quick }
  const machine = describeMachine(browser)
  try {
    log(`machine: ${machineLine(machine)}`)
    log('first draw…')
    const firstDrawMs = await firstDraw(bench, plan.firstDraw)
    log('one snapshot at 1×…')
    const apply1 = await applyCost(bench, 1, plan.apply1x)
    log('one snapshot at 10×…')
    const apply10 = await applyCost(bench, 10, plan.apply10x)
    log('one snapshot at 10× on the district map…')
    const apply10Map = await applyCost(bench, 10, plan.apply10x, 'districts:coverage')
    log(`idle for ${plan.idleSeconds} s…`)
    const idle = await idleBusy(bench, plan.idleSeconds)
    log('chart updates per poll…')
    const updates = await chartUpdates(bench, plan.updates)
    log('staff search and paging over the 10× feed…')
    const staff = await staffPaging(bench, plan.staffRuns, 5)
    log(`soak to poll ${Math.max(...plan.soak)}…`)
    const soakResult = await soak(bench, plan.soak, plan.baseline)
    const results = { initialJs: initialJs(args.dist), firstDrawMs, apply: { '1x': apply1, '10x': apply10, '10x-map': apply10Map }, idle, updates, staff, soak: soakResult }
    return { results, machine }
  }
  finally {
    await quietly('closing the browser', () => browser.close())
    await quietly('closing the mock server', () => app.close())
  }
}

async function main(): Promise<void> {
  if (!args['no-build'])
    execFileSync('npx', ['vite', 'build', '--logLevel', 'error', '--outDir', args.dist, '--emptyOutDir'], { stdio: 'inherit' })
  const { results, machine } = await measure()
  const rows = summaryRows(results)
  const mode = args.quick ? 'quick' : 'full'
  process.stdout.write(`\nmachine: ${machineLine(machine)}\nmode: ${mode}\n\n${table(rows)}\n\n${updatesListing(results.updates)}\n\n${heapGrowthListing(results.soak)}\n`)

  const date = new Date().toISOString()
  const json = `${JSON.stringify({ date, mode, machine, targets, table: rows, ...results }, null, 2)}\n`
  mkdirSync('bench/results', { recursive: true })
  writeFileSync('bench/results/latest.json', json)
  if (!args.quick)
    writeFileSync(`bench/results/${date.slice(0, 10)}-${machineSlug(machine)}.json`, json)
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`)
  process.exit(1)
})
