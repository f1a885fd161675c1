/**
 * `npm run bench [-- --quick] [-- --no-build] [-- --dist <dir>] [-- --server-only | --wall-only]
 * [-- --soak-to <poll>] [-- --import-page] [-- --snapshot] [-- --walls]`: builds the
 * cockpit, measures the wall in the real Chromium the e2e tests use, then the data service at
 * 10× (bench/server.ts), prints a table and writes bench/results/latest.json (and, in full
 * mode, bench/results/<date>-<machine>.json to commit), the service's figures under `server`.
 * `--server-only` measures the service alone, with neither a build nor Chromium: its results go
 * under `server` in latest.json (the wall's figures there are kept) and, in full mode, to
 * bench/results/<date>-<machine>-server.json. `--wall-only` leaves the service out (its figures in
 * latest.json are kept); `--soak-to 10000` runs the soak on to that poll, to see where the heap
 * levels off; `--import-page` measures the import page's dry run of the 10× roster alone;
 * `--snapshot` measures `npm run snapshot` on the 10× mock feed alone (bench/snapshot.ts);
 * `--walls` measures the service taking 1,000 walls' beats and the fleet page alone (bench/walls.ts).
 * docs/performance.md explains every figure.
 */
import type { Results } from './summary.ts'
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import process from 'node:process'
import { parseArgs } from 'node:util'
import { startMockServer } from '../mock/serve.ts'
import { launchBrowser } from '../test/e2e/harness.ts'
import { applyCost } from './apply.ts'
import { firstDraw } from './first-draw.ts'
import { idleBusy } from './idle.ts'
import { importPageBench, importPageRows, importPageTargets } from './import-page.ts'
import { initialJs } from './initial-js.ts'
import { describeMachine, machineLine, machineSlug } from './machine.ts'
import { table } from './report.ts'
import { serverBench, serverRows, serverTargets } from './server.ts'
import { snapshotBench, snapshotRows } from './snapshot.ts'
import { soak } from './soak.ts'
import { staffPaging } from './staff.ts'
import { heapGrowthListing, summaryRows, targets } from './summary.ts'
import { chartUpdates, updatesListing } from './updates.ts'
import { wallsBench, wallsRows, wallsTargets } from './walls.ts'

const { values: args } = parseArgs({
  options: {
    'quick': { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
    // Another folder than dist/, so that a build running beside the benchmark cannot swap it.
    'dist': { type: 'string', default: 'dist' },
    // The data service's figures only: no build, no browser.
    'server-only': { type: 'boolean', default: false },
    // The soak run on to this poll (5,000 and 10,000 are checkpoints too): where the heap levels off.
    'soak-to': { type: 'string' },
    'wall-only': { type: 'boolean', default: false },
    // The import page's dry run of the 10× roster alone (a build, Chromium and the service).
    'import-page': { type: 'boolean', default: false },
    // `npm run snapshot` on the 10× mock feed alone: its wall time and peak memory.
    'snapshot': { type: 'boolean', default: false },
    // 1,000 walls beating at the service, a flood beside them, and the fleet page that lists them.
    'walls': { type: 'boolean', default: false },
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
const soakTo = Number(args['soak-to'] ?? 0)
if (soakTo > Math.max(...plan.soak))
  plan.soak = [...plan.soak, ...[5000, 10_000].filter(p => p > Math.max(...plan.soak) && p < soakTo), soakTo]

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
    log('first draw at 10×…')
    const firstDraw10xMs = await firstDraw(bench, plan.firstDraw, 10)
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
    const results = { initialJs: initialJs(args.dist), firstDrawMs, firstDraw10xMs, apply: { '1x': apply1, '10x': apply10, '10x-map': apply10Map }, idle, updates, staff, soak: soakResult }
    return { results, machine }
  }
  finally {
    await quietly('closing the browser', () => browser.close())
    await quietly('closing the mock server', () => app.close())
  }
}

/** The service alone: its rows printed, `server` merged into latest.json. */
async function serverOnly(): Promise<void> {
  const machine = describeMachine()
  log(`machine: ${machineLine(machine)}`)
  const server = await serverBench({ quick: args.quick, log })
  const rows = serverRows(server)
  const mode = args.quick ? 'quick' : 'full'
  process.stdout.write(`\nmachine: ${machineLine(machine)}\nmode: ${mode} (server only)\n\n${table(rows)}\n`)
  const json = (x: unknown) => `${JSON.stringify(x, null, 2)}\n`
  const section = { machine, targets: serverTargets, table: rows, ...server }
  mkdirSync('bench/results', { recursive: true })
  const latest = 'bench/results/latest.json'
  const before = existsSync(latest) ? JSON.parse(readFileSync(latest, 'utf8')) as Record<string, unknown> : {}
  writeFileSync(latest, json({ ...before, server: section }))
  if (!args.quick)
    writeFileSync(`bench/results/${server.date.slice(0, 10)}-${machineSlug(machine)}-server.json`, json({ date: server.date, mode, machine, server: section }))
}

/** The import page alone: its rows printed, `importPage` merged into latest.json. */
async function importPageOnly(): Promise<void> {
  const browser = await launchBrowser()
  const machine = describeMachine(browser)
  try {
    log(`machine: ${machineLine(machine)}`)
    const result = await importPageBench(browser, args.dist, args.quick ? 3 : 7, log)
    const rows = importPageRows(result)
    const mode = args.quick ? 'quick' : 'full'
    process.stdout.write(`\nmachine: ${machineLine(machine)}\nmode: ${mode} (import page)\n\n${table(rows)}\n`)
    const json = (x: unknown) => `${JSON.stringify(x, null, 2)}\n`
    const section = { targets: importPageTargets, table: rows, ...result }
    mkdirSync('bench/results', { recursive: true })
    const latest = 'bench/results/latest.json'
    const before = existsSync(latest) ? JSON.parse(readFileSync(latest, 'utf8')) as Record<string, unknown> : {}
    writeFileSync(latest, json({ ...before, importPage: section }))
    if (!args.quick)
      writeFileSync(`bench/results/${new Date().toISOString().slice(0, 10)}-${machineSlug(machine)}-import-page.json`, json({ date: new Date().toISOString(), mode, machine, importPage: section }))
  }
  finally {
    await quietly('closing the browser', () => browser.close())
  }
}

/** The meeting pack alone: its rows printed, `snapshot` merged into latest.json. */
async function snapshotOnly(): Promise<void> {
  // The browser only names its version for the machine line: the pack starts its own.
  const browser = await launchBrowser()
  const machine = describeMachine(browser)
  await quietly('closing the browser', () => browser.close())
  log(`machine: ${machineLine(machine)}`)
  const result = await snapshotBench(args.dist, args.quick ? 1 : 3, log)
  const rows = snapshotRows(result)
  const mode = args.quick ? 'quick' : 'full'
  process.stdout.write(`\nmachine: ${machineLine(machine)}\nmode: ${mode} (snapshot)\n\n${table(rows)}\n`)
  const json = (x: unknown) => `${JSON.stringify(x, null, 2)}\n`
  const section = { table: rows, ...result }
  mkdirSync('bench/results', { recursive: true })
  const latest = 'bench/results/latest.json'
  const before = existsSync(latest) ? JSON.parse(readFileSync(latest, 'utf8')) as Record<string, unknown> : {}
  writeFileSync(latest, json({ ...before, snapshot: section }))
  if (!args.quick)
    writeFileSync(`bench/results/${new Date().toISOString().slice(0, 10)}-${machineSlug(machine)}-snapshot.json`, json({ date: new Date().toISOString(), mode, machine, snapshot: section }))
}

/** The walls alone: their rows printed, `walls` merged into latest.json. */
async function wallsOnly(): Promise<void> {
  const browser = await launchBrowser()
  const machine = describeMachine(browser)
  try {
    log(`machine: ${machineLine(machine)}`)
    const result = await wallsBench(browser, args.dist, args.quick, log)
    const rows = wallsRows(result)
    const mode = args.quick ? 'quick' : 'full'
    process.stdout.write(`\nmachine: ${machineLine(machine)}\nmode: ${mode} (walls)\n\n${table(rows)}\n`)
    const json = (x: unknown) => `${JSON.stringify(x, null, 2)}\n`
    const section = { targets: wallsTargets, table: rows, ...result }
    mkdirSync('bench/results', { recursive: true })
    const latest = 'bench/results/latest.json'
    const before = existsSync(latest) ? JSON.parse(readFileSync(latest, 'utf8')) as Record<string, unknown> : {}
    writeFileSync(latest, json({ ...before, walls: section }))
    if (!args.quick)
      writeFileSync(`bench/results/${new Date().toISOString().slice(0, 10)}-${machineSlug(machine)}-walls.json`, json({ date: new Date().toISOString(), mode, machine, walls: section }))
  }
  finally {
    await quietly('closing the browser', () => browser.close())
  }
}

async function main(): Promise<void> {
  if (args['server-only'])
    return serverOnly()
  if (!args['no-build'])
    execFileSync('npx', ['vite', 'build', '--logLevel', 'error', '--outDir', args.dist, '--emptyOutDir'], { stdio: 'inherit' })
  if (args['import-page'])
    return importPageOnly()
  if (args.snapshot)
    return snapshotOnly()
  if (args.walls)
    return wallsOnly()
  const { results, machine } = await measure()
  const mode = args.quick ? 'quick' : 'full'
  const date = new Date().toISOString()
  const json = (x: unknown) => `${JSON.stringify(x, null, 2)}\n`
  const latest = 'bench/results/latest.json'
  mkdirSync('bench/results', { recursive: true })
  if (args['wall-only']) {
    const rows = summaryRows(results)
    process.stdout.write(`\nmachine: ${machineLine(machine)}\nmode: ${mode} (wall only)\n\n${table(rows)}\n\n${updatesListing(results.updates)}\n\n${heapGrowthListing(results.soak)}\n`)
    // The service's section of latest.json is kept as the last run left it.
    const before = existsSync(latest) ? JSON.parse(readFileSync(latest, 'utf8')) as Record<string, unknown> : {}
    writeFileSync(latest, json({ date, mode, machine, targets, table: rows, ...results, server: before.server }))
    if (!args.quick)
      writeFileSync(`bench/results/${date.slice(0, 10)}-${machineSlug(machine)}-wall.json`, json({ date, mode, machine, targets, table: rows, ...results }))
    return
  }
  log('the data service at 10×…')
  const server = await serverBench({ quick: args.quick, log })
  const rows = [...summaryRows(results), ...serverRows(server)]
  process.stdout.write(`\nmachine: ${machineLine(machine)}\nmode: ${mode}\n\n${table(rows)}\n\n${updatesListing(results.updates)}\n\n${heapGrowthListing(results.soak)}\n`)
  const all = json({ date, mode, machine, targets, table: rows, ...results, server: { targets: serverTargets, ...server } })
  writeFileSync(latest, all)
  if (!args.quick)
    writeFileSync(`bench/results/${date.slice(0, 10)}-${machineSlug(machine)}.json`, all)
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`)
  process.exit(1)
})
