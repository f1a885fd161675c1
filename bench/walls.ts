import type { Buffer } from 'node:buffer'
/**
 * The walls (issue 24): one service takes the beats of 1,000 registered walls, each every 30 s,
 * and the CPU its process spends on them is measured over windows of a beat cycle, as a share
 * of one core (target ≤ 5 %); a flood of 10,000 beats a minute from unknown walls runs beside
 * them, and the feed's answer time is measured before and during it, with the rows and the disk
 * the flood leaves. Then the fleet page: a staff laptop's window (1366×768) in Chromium, signed
 * in, the list of the 1,000 walls from its answer's last byte to its rows on screen (target
 * ≤ 500 ms). The service runs in a child process (bench/walls-child.ts).
 */
import type { ChildProcess } from 'node:child_process'
import type { Browser } from 'playwright-core'
import type { Row } from './report.ts'
import { spawn } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import process from 'node:process'
import { median, round } from './stats.ts'

export const wallsTargets = { beatCpuPercent: 5, fleetRenderMs: 500 }

/** The fleet page's viewer, made by the child. */
const BENCH_PASSWORD = 'bench pass phrase'

const WALLS = 1_000
const BEAT_MS = 30_000
const FLOOD_PER_MINUTE = 10_000
/** Clock ticks a second of /proc/<pid>/stat (USER_HZ, 100 on Linux). */
const TICKS = 100

export interface WallsResult {
  walls: number
  beatSeconds: number
  /** The service's CPU over each window of one beat cycle, % of one core. */
  beatCpuPercent: number[]
  /** Beats answered in those windows, and those not answered 200. */
  beats: number
  refused: number
  /** A beat's answer time as the wall sees it, ms (median). */
  beatMs: number
  flood: { perMinute: number, seconds: number, cpuPercent: number, feedMsBefore: number, feedMsDuring: number, pendingAfter: number, dataMBBefore: number, dataMBAfter: number }
  /** GET /api/walls with the 1,000 walls, ms, and its size. */
  listMs: number[]
  listKB: number
  /** The fleet page: from the list's last byte to its rows painted, per load. */
  renderMs: number[]
  rowsShown: number
}

function cpuTicks(pid: number): number {
  // Fields after the command's closing parenthesis: utime and stime are the 12th and 13th.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return Number(fields[11]) + Number(fields[12])
}

function folderMB(dir: string): number {
  let bytes = 0
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile())
      bytes += statSync(join(entry.parentPath, entry.name)).size
  }
  return round(bytes / 1024 / 1024, 1)
}

async function startChild(dir: string, dist: string): Promise<{ child: ChildProcess, url: string, token: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/walls-child.ts', dir, dist, BENCH_PASSWORD], { stdio: ['ignore', 'pipe', 'inherit'] })
  const line = await new Promise<string>((resolve, reject) => {
    let text = ''
    child.stdout!.on('data', (chunk: Buffer) => {
      text += chunk.toString()
      if (text.includes('\n'))
        resolve(text.slice(0, text.indexOf('\n')))
    })
    child.on('exit', code => reject(new Error(`the service exited (${code}) before it listened`)))
  })
  const { url, token } = JSON.parse(line) as { url: string, token: string }
  return { child, url, token }
}

function beatBody(screenId: string, key: string | null, sentAt: number) {
  return JSON.stringify({
    v: 1,
    screenId,
    key,
    build: 'bench',
    sentAt: new Date(sentAt).toISOString(),
    acceptedAt: new Date(sentAt - 5_000).toISOString(),
    generatedAt: new Date(sentAt - 20_000).toISOString(),
    state: 'live',
    reason: null,
    screen: 'overview',
    hidden: false,
    failures: 0,
    errors: 0,
    lastError: null,
    width: 1920,
    height: 1080,
    devicePixelRatio: 1,
    uptimeSeconds: 3600,
    intervalSeconds: BEAT_MS / 1000,
    done: [],
  })
}

/** Calls `send(i)` for i = 0, 1, … evenly over `ms`, `count` times, and waits for every answer. */
async function paced(count: number, ms: number, send: (i: number) => Promise<void>): Promise<void> {
  const start = performance.now()
  const pending: Promise<void>[] = []
  for (let i = 0; i < count; i++) {
    const due = start + (i * ms) / count
    const wait = due - performance.now()
    if (wait > 1)
      await new Promise(r => setTimeout(r, wait))
    pending.push(send(i))
  }
  await Promise.all(pending)
}

async function timedGet(url: string, headers: Record<string, string> = {}): Promise<{ ms: number, bytes: number }> {
  const t0 = performance.now()
  const res = await fetch(url, { headers })
  const body = await res.arrayBuffer()
  if (!res.ok)
    throw new Error(`${url} answered ${res.status}`)
  return { ms: performance.now() - t0, bytes: body.byteLength }
}

export async function wallsBench(browser: Browser, dist: string, quick: boolean, log: (s: string) => void): Promise<WallsResult> {
  const dir = mkdtempSync(join(tmpdir(), 'cockpit-bench-walls-'))
  const { child, url, token } = await startChild(dir, dist)
  try {
    const admin = { 'Authorization': `Bearer ${token}`, 'Content-Type': 'application/json' }
    log(`walls: registering ${WALLS.toLocaleString('en-US')} walls…`)
    const keys: string[] = []
    for (let i = 0; i < WALLS; i++) {
      const res = await fetch(`${url}/api/walls`, { method: 'POST', headers: admin, body: JSON.stringify({ screenId: `wall-${i}`, name: `大屏 ${i}`, place: `第 ${i % 13} 区` }) })
      if (res.status !== 201)
        throw new Error(`registering wall-${i} answered ${res.status}`)
      keys.push((await res.json() as { key: string }).key)
    }
    let beats = 0
    let refused = 0
    const beatTimes: number[] = []
    const beat = async (i: number) => {
      const t0 = performance.now()
      const res = await fetch(`${url}/api/heartbeat`, { method: 'POST', headers: { 'Content-Type': 'text/plain;charset=UTF-8' }, body: beatBody(`wall-${i}`, keys[i]!, Date.now()) })
      await res.arrayBuffer()
      beatTimes.push(performance.now() - t0)
      beats++
      if (res.status !== 200)
        refused++
    }
    const cycle = () => paced(WALLS, BEAT_MS, beat)
    log('walls: one beat cycle to warm up (each wall\'s first beat)…')
    await cycle()
    beats = 0
    refused = 0
    beatTimes.length = 0
    const windows = quick ? 2 : 4
    const beatCpuPercent: number[] = []
    for (let w = 0; w < windows; w++) {
      log(`walls: beat cycle ${w + 1} of ${windows}, ${WALLS.toLocaleString('en-US')} walls every ${BEAT_MS / 1000} s…`)
      const before = cpuTicks(child.pid!)
      const t0 = performance.now()
      await cycle()
      const seconds = (performance.now() - t0) / 1000
      beatCpuPercent.push(round(((cpuTicks(child.pid!) - before) / TICKS / seconds) * 100, 2))
    }
    const beatMs = round(median(beatTimes), 2)

    log('walls: the feed\'s answer time, quiet…')
    const feedOnce = async () => (await timedGet(`${url}/feed/cockpit.json`, { 'Accept-Encoding': 'gzip' })).ms
    const feedTimes = async (n: number) => {
      const out: number[] = []
      for (let i = 0; i < n; i++) {
        out.push(await feedOnce())
        await new Promise(r => setTimeout(r, 100))
      }
      return out
    }
    const feedMsBefore = round(median(await feedTimes(30)), 2)
    const dataMBBefore = folderMB(join(dir, 'data'))
    const floodSeconds = quick ? 30 : 60
    log(`walls: a flood of ${FLOOD_PER_MINUTE.toLocaleString('en-US')} beats a minute from unknown walls for ${floodSeconds} s, beside the 1,000…`)
    const floodCount = Math.round((FLOOD_PER_MINUTE * floodSeconds) / 60)
    const flood = (i: number) => fetch(`${url}/api/heartbeat`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain;charset=UTF-8', 'X-Forwarded-For': `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` },
      body: beatBody(`stranger-${i}`, null, Date.now()),
    }).then(r => r.arrayBuffer()).then(() => {})
    const floodBefore = cpuTicks(child.pid!)
    const floodStart = performance.now()
    const during: number[] = []
    const flooding = { on: true }
    const floodRun = Promise.all([
      paced(floodCount, floodSeconds * 1000, flood),
      paced(Math.round((WALLS * floodSeconds * 1000) / BEAT_MS), floodSeconds * 1000, i => beat(i % WALLS)),
    ]).finally(() => {
      flooding.on = false
    })
    await new Promise(r => setTimeout(r, 2_000))
    while (flooding.on) {
      during.push(await feedOnce())
      await new Promise(r => setTimeout(r, 100))
    }
    await floodRun
    const floodCpu = round(((cpuTicks(child.pid!) - floodBefore) / TICKS / ((performance.now() - floodStart) / 1000)) * 100, 1)

    log('walls: the fleet list…')
    const listMs: number[] = []
    let listBytes = 0
    let pendingAfter = 0
    for (let i = 0; i < 5; i++) {
      const r = await timedGet(`${url}/api/walls`, { Authorization: `Bearer ${token}` })
      listMs.push(round(r.ms, 1))
      listBytes = r.bytes
    }
    const list = await (await fetch(`${url}/api/walls`, { headers: { Authorization: `Bearer ${token}` } })).json() as { state: string }[]
    pendingAfter = list.filter(w => w.state === 'pending').length
    const dataMBAfter = folderMB(join(dir, 'data'))

    log('walls: the fleet page at 1366×768…')
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } })
    const renderMs: number[] = []
    let rowsShown = 0
    try {
      const page = await context.newPage()
      // The moment the list's rows are in the document and a frame has been drawn with them.
      await page.addInitScript(() => {
        const w = window as unknown as { __rowsAt?: number, __rows?: number }
        new MutationObserver(() => {
          const rows = document.querySelectorAll('[data-testid="walls-table"] tbody tr').length
          if (rows > 0 && w.__rowsAt === undefined) {
            w.__rows = rows
            w.__rowsAt = -1
            requestAnimationFrame(() => requestAnimationFrame(() => {
              w.__rowsAt = performance.now()
            }))
          }
        }).observe(document, { childList: true, subtree: true })
      })
      await page.goto(`${url}/#/walls`)
      await page.getByTestId('signin-name').fill('bench')
      await page.getByTestId('signin-password').fill(BENCH_PASSWORD)
      await page.getByTestId('signin-submit').click()
      await page.getByTestId('walls-table').waitFor({ timeout: 30_000 })
      for (let run = 0; run < (quick ? 3 : 7); run++) {
        await page.reload()
        const timing = await page.waitForFunction(() => {
          const w = window as unknown as { __rowsAt?: number, __rows?: number }
          if (w.__rowsAt === undefined || w.__rowsAt < 0)
            return null
          const list = performance.getEntriesByType('resource').filter(e => /\/api\/walls$/.test(e.name)) as PerformanceResourceTiming[]
          const answer = list.at(-1)
          return answer ? { ms: w.__rowsAt - answer.responseEnd, rows: w.__rows ?? 0 } : null
        }, null, { timeout: 30_000 })
        const { ms, rows } = await timing.jsonValue() as { ms: number, rows: number }
        renderMs.push(round(ms, 1))
        rowsShown = rows
      }
    }
    finally {
      await context.close()
    }
    return {
      walls: WALLS,
      beatSeconds: BEAT_MS / 1000,
      beatCpuPercent,
      beats,
      refused,
      beatMs,
      flood: { perMinute: FLOOD_PER_MINUTE, seconds: floodSeconds, cpuPercent: floodCpu, feedMsBefore, feedMsDuring: round(median(during), 2), pendingAfter, dataMBBefore, dataMBAfter },
      listMs,
      listKB: round(listBytes / 1024, 1),
      renderMs,
      rowsShown,
    }
  }
  finally {
    child.kill('SIGTERM')
    await new Promise(r => child.once('exit', r))
    rmSync(dir, { recursive: true, force: true })
  }
}

export function wallsRows(r: WallsResult): Row[] {
  const cpu = median(r.beatCpuPercent)
  const render = median(r.renderMs)
  return [
    {
      figure: `service CPU, ${r.walls.toLocaleString('en-US')} walls beating every ${r.beatSeconds} s (median of ${r.beatCpuPercent.length} cycles: ${r.beatCpuPercent.join(', ')} %)`,
      value: `${cpu} % of one core`,
      target: `≤ ${wallsTargets.beatCpuPercent} %`,
      met: cpu <= wallsTargets.beatCpuPercent,
      ...(cpu > wallsTargets.beatCpuPercent && { by: `missed by ${round(cpu - wallsTargets.beatCpuPercent, 2)} points (${Math.round((cpu / wallsTargets.beatCpuPercent - 1) * 100)} %)` }),
    },
    { figure: `a beat's answer, median (${r.beats.toLocaleString('en-US')} beats, ${r.refused} not 200)`, value: `${r.beatMs} ms`, target: '' },
    { figure: `flood: ${r.flood.perMinute.toLocaleString('en-US')} unknown beats a minute for ${r.flood.seconds} s, service CPU`, value: `${r.flood.cpuPercent} % of one core`, target: '' },
    { figure: 'flood: the feed\'s answer, median, quiet → during', value: `${r.flood.feedMsBefore} → ${r.flood.feedMsDuring} ms`, target: '' },
    { figure: 'flood: walls kept pending after it', value: String(r.flood.pendingAfter), target: '≤ 1,000', met: r.flood.pendingAfter <= 1000 },
    { figure: 'flood: the database folder before → after', value: `${r.flood.dataMBBefore} → ${r.flood.dataMBAfter} MB`, target: '' },
    { figure: `GET /api/walls, ${r.walls.toLocaleString('en-US')} walls (${r.listKB} KB), median of ${r.listMs.length}`, value: `${median(r.listMs)} ms`, target: '' },
    {
      figure: `fleet page at 1366×768: the list's last byte to its first ${r.rowsShown} rows painted (median of ${r.renderMs.length}: ${r.renderMs.join(', ')} ms)`,
      value: `${render} ms`,
      target: `≤ ${wallsTargets.fleetRenderMs} ms`,
      met: render <= wallsTargets.fleetRenderMs,
      ...(render > wallsTargets.fleetRenderMs && { by: `missed by ${round(render - wallsTargets.fleetRenderMs)} ms` }),
    },
  ]
}
