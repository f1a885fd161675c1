/**
 * The data service's section of `npm run bench` (issue 20, item 9): the demo world at 10×
 * (4,460 chambers, 200,000 learners) on PGlite in a temp folder, each figure in a child process
 * of its own (bench/server-child.ts): roster and study-day imports with the import's peak RSS,
 * PGlite's cold start, feed composition (and none while the data version stands), and serving
 * the feed beside Debian's nginx serving the same bytes from disk, with the same autocannon
 * client. docs/performance.md explains every figure.
 */
import type { ChildProcess } from 'node:child_process'
import type { Row } from './report.ts'
import type { ChildOptions, ColdStart, ComposeResult, FileRef, ImportTiming, Task } from './server-child.ts'
import type { Nginx } from './server-nginx.ts'
import { Buffer } from 'node:buffer'
import { fork } from 'node:child_process'
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import process from 'node:process'
import autocannon from 'autocannon'
import { findNginx, startNginx } from './server-nginx.ts'
import { median, round } from './stats.ts'

export const serverTargets = {
  rosterImportMs: 3_000,
  studyImportMs: 15_000,
  studyImportRssMB: 400,
  composeMs: 1_500,
  /** The service's 304s per second against nginx's, and their p99 latency. */
  notModifiedRatio: 0.25,
  notModifiedP99Ms: 50,
  /** The service's full gzipped 200s per second against nginx's. */
  fullRatio: 0.8,
}

export interface LoadRun {
  /** Mean and median of autocannon's per-second request counts. */
  requestsPerSecMean: number
  requestsPerSecMedian: number
  p50Ms: number
  p99Ms: number
  maxMs: number
  statuses: Record<string, number>
  errors: number
  timeouts: number
  /** Bytes per second received (body and headers). */
  throughputMBps: number
}

export interface ServingResult {
  connections: number
  seconds: number
  pipelining: number
  feedBytes: { identity: number, gzip: number }
  service: { notModified: LoadRun, full: LoadRun }
  nginx: { version: string, notModified: LoadRun, full: LoadRun } | null
  /** Why nginx was not measured, when it was not. */
  nginxSkipped: string | null
}

export interface ServerResults {
  date: string
  mode: 'quick' | 'full'
  engine: 'pglite'
  scale: number
  today: string
  /** Building the 10× database (untimed imports): how long the bench spent before measuring. */
  prepareSeconds: number
  chambers: number
  learners: number
  coldStart: ColdStart[]
  roster: ImportTiming[]
  study: ImportTiming[]
  compose: ComposeResult
  serving: ServingResult
}

interface ServerPlan {
  quick: boolean
  log: (s: string) => void
}

const SHANGHAI_MS = 8 * 3_600_000
const SCALE = 10

/** Every child still running: ended on failure, on a signal, and when the bench exits. */
const live = new Set<ChildProcess>()
function killAll(): void {
  for (const child of live)
    child.kill('SIGKILL')
}
process.once('exit', killAll)

function spawnChild<A extends ChildOptions>(task: Task, args: A): ChildProcess {
  const child = fork(resolve('bench/server-child.ts'), [task, JSON.stringify(args)], {
    execArgv: ['--import', 'tsx', '--expose-gc', ...(process.env.BENCH_CHILD_FLAGS?.split(/\s+/).filter(Boolean) ?? [])],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  live.add(child)
  child.once('exit', () => live.delete(child))
  return child
}

/** One task in a fresh process: its answer, or its error; killed past `timeoutMs`. */
function runChild<T>(task: Task, args: ChildOptions & Record<string, unknown>, timeoutMs: number): Promise<T> {
  const child = spawnChild(task, args)
  return new Promise<T>((resolve, reject) => {
    let answer: { ok: boolean, value?: unknown, error?: string } | null = null
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`${task} took over ${timeoutMs / 1000} s`))
    }, timeoutMs)
    child.on('message', m => answer = m as typeof answer)
    child.once('exit', (code) => {
      clearTimeout(timer)
      if (answer?.ok)
        resolve(answer.value as T)
      else reject(new Error(`${task} failed (exit ${code}): ${answer?.error ?? 'no answer'}`))
    })
  })
}

/** The service in a child process: the client (autocannon, here) must not share its event loop. */
async function startService(o: ChildOptions): Promise<{ url: string, stop: () => Promise<void> }> {
  const child = spawnChild('serve', o)
  const exited = new Promise<void>(resolve => child.once('exit', () => resolve()))
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the service did not start within 120 s')), 120_000)
    child.once('message', (m: { ok: boolean, value?: { port: number }, error?: string }) => {
      clearTimeout(timer)
      if (m.ok && m.value)
        resolve(m.value.port)
      else reject(new Error(`the service failed: ${m.error}`))
    })
    child.once('exit', code => reject(new Error(`the service exited with ${code}`)))
  })
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null)
      return
    child.send('stop')
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
    await exited
    clearTimeout(timer)
  }
  return { url: `http://127.0.0.1:${port}/feed/cockpit.json`, stop }
}

/** A GET with the bytes as sent (fetch would undo the gzip). */
function rawGet(url: string, headers: Record<string, string>): Promise<{ status: number, headers: Record<string, string | string[] | undefined>, body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers, timeout: 30_000 }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }))
      res.on('error', reject)
    })
    req.on('timeout', () => req.destroy(new Error(`GET ${url} timed out`)))
    req.on('error', reject)
    req.end()
  })
}

interface Load {
  connections: number
  seconds: number
  pipelining: number
}

async function cannon(url: string, headers: Record<string, string>, load: Load, seconds = load.seconds): Promise<LoadRun> {
  const r = await autocannon({ url, headers, connections: load.connections, pipelining: load.pipelining, duration: seconds, timeout: 10 })
  const statuses: Record<string, number> = {}
  for (const [code, s] of Object.entries(r.statusCodeStats ?? {}))
    statuses[code] = s.count ?? 0
  return {
    requestsPerSecMean: r.requests.average,
    requestsPerSecMedian: r.requests.p50,
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
    maxMs: r.latency.max,
    statuses,
    errors: r.errors,
    timeouts: r.timeouts,
    throughputMBps: r.throughput.average / 2 ** 20,
  }
}

function etagOf(h: Record<string, string | string[] | undefined>): string {
  const etag = h.etag
  if (typeof etag !== 'string')
    throw new Error('no ETag')
  return etag
}

/** The two kinds of request, each warmed for a second, then measured: nginx first, then the service. */
async function serving(o: ChildOptions, dir: string, load: Load, log: (s: string) => void): Promise<ServingResult> {
  const service = await startService(o)
  let nginx: Nginx | null = null
  try {
    const gz = await rawGet(service.url, { 'accept-encoding': 'gzip' })
    const plain = await rawGet(service.url, {})
    if (gz.status !== 200 || gz.headers['content-encoding'] !== 'gzip' || plain.status !== 200)
      throw new Error(`the service's feed: ${gz.status} ${String(gz.headers['content-encoding'])} / ${plain.status}`)
    const serviceTag = etagOf(gz.headers)
    const root = join(dir, 'www')
    mkdirSync(join(root, 'feed'), { recursive: true })
    writeFileSync(join(root, 'feed', 'cockpit.json'), plain.body)
    writeFileSync(join(root, 'feed', 'cockpit.json.gz'), gz.body)
    // nginx's worker may run as nobody: the files must be readable to it.
    for (const p of [dir, root, join(root, 'feed')])
      chmodSync(p, 0o755)
    log(`  feed ${round(plain.body.length / 2 ** 20, 2)} MB, gzipped ${round(gz.body.length / 2 ** 20, 2)} MB`)

    let nginxSkipped: string | null = null
    const found = findNginx(log)
    if (found.ok) {
      try {
        nginx = await startNginx(join(dir, 'nginx'), root)
      }
      catch (error) {
        nginxSkipped = `nginx did not start: ${error instanceof Error ? error.message : String(error)}`
      }
    }
    else {
      nginxSkipped = found.why
    }
    if (nginxSkipped)
      log(`  SKIPPING the nginx comparison: ${nginxSkipped}`)

    const measure = async (url: string, etag: string, who: string) => {
      const conditional = { 'accept-encoding': 'gzip', 'if-none-match': etag }
      const full = { 'accept-encoding': 'gzip' }
      await cannon(url, conditional, load, 1)
      log(`  ${who}: conditional GETs (If-None-Match), ${load.seconds} s…`)
      const notModified = await cannon(url, conditional, load)
      await cannon(url, full, load, 1)
      log(`  ${who}: full gzipped GETs, ${load.seconds} s…`)
      const fullRun = await cannon(url, full, load)
      return { notModified, full: fullRun }
    }

    let nginxRuns: ServingResult['nginx'] = null
    if (nginx) {
      const probe = await rawGet(nginx.url, { 'accept-encoding': 'gzip' })
      if (probe.status !== 200 || probe.headers['content-encoding'] !== 'gzip' || !probe.body.equals(gz.body))
        throw new Error(`nginx does not serve the service's gzipped bytes (status ${probe.status}, ${String(probe.headers['content-encoding'])}, ${probe.body.length} bytes)`)
      nginxRuns = { version: nginx.version, ...await measure(nginx.url, etagOf(probe.headers), 'nginx') }
    }
    const serviceRuns = await measure(service.url, serviceTag, 'service')
    return { ...load, feedBytes: { identity: plain.body.length, gzip: gz.body.length }, service: serviceRuns, nginx: nginxRuns, nginxSkipped }
  }
  finally {
    await nginx?.stop().catch(() => {})
    await service.stop().catch(() => {})
  }
}

/**
 * The untimed imports in order, grouped so that each timed one runs alone in its own process
 * on the database as it stands after everything before it.
 */
function importPlan(kept: FileRef[], timed: Set<FileRef>): { files: FileRef[], timed: boolean }[] {
  const plan: { files: FileRef[], timed: boolean }[] = []
  for (const f of kept) {
    const last = plan.at(-1)
    if (timed.has(f))
      plan.push({ files: [f], timed: true })
    else if (last && !last.timed)
      last.files.push(f)
    else plan.push({ files: [f], timed: false })
  }
  return plan
}

export async function serverBench({ quick, log }: ServerPlan): Promise<ServerResults> {
  const runs = quick ? { roster: 1, study: 1, coldStart: 3, compose: 1, seconds: 3, studyDays: 3 } : { roster: 3, study: 3, coldStart: 5, compose: 3, seconds: 10, studyDays: Infinity }
  const today = new Date(Date.now() + SHANGHAI_MS).toISOString().slice(0, 10)
  const dir = mkdtempSync(join(tmpdir(), 'cockpit-bench-'))
  const o: ChildOptions = { dir }
  const stopOnSignal = () => {
    killAll()
    rmSync(dir, { recursive: true, force: true })
    process.exit(130)
  }
  process.once('SIGINT', stopOnSignal)
  process.once('SIGTERM', stopOnSignal)
  try {
    mkdirSync(join(dir, 'files'))
    mkdirSync(join(dir, 'nginx'))
    // The last `roster` months are kept as files, so each of their rosters is imported timed
    // after the month's groups, on a database holding every month before.
    const keepFrom = 30 - runs.roster - 1
    log(`server: building the ${SCALE}× demo database (PGlite, ${dir})…`)
    const t0 = performance.now()
    const kept = await runChild<FileRef[]>('prepare', { ...o, today, scale: SCALE, keepFrom }, 900_000)
    const rosters = kept.filter(f => f.kind === 'chambers').slice(-runs.roster)
    let days = kept.filter(f => f.kind === 'study')
    // Quick mode imports only the last few days: the feed then has fewer days' sums.
    const skipped = new Set(days.slice(0, Math.max(0, days.length - runs.studyDays)))
    days = days.filter(d => !skipped.has(d))
    const studyTimed = days.slice(-runs.study)
    const timed = new Set([...rosters, ...studyTimed])
    const roster: ImportTiming[] = []
    const study: ImportTiming[] = []
    for (const step of importPlan(kept.filter(f => !skipped.has(f)), timed)) {
      if (!step.timed) {
        await runChild<null>('import', { ...o, files: step.files, timed: false }, 120_000 + 30_000 * step.files.length)
        continue
      }
      const f = step.files[0]!
      log(`server: timed import of ${f.name} (${f.kind} ${f.period}, ${round(f.bytes / 2 ** 20, 1)} MB)…`)
      const t = await runChild<ImportTiming>('import', { ...o, files: step.files, timed: true }, 180_000)
      log(`  ${round(t.ms)} ms, ${t.rows} rows, peak RSS ${round(t.peakRssMB)} MB`)
      ;(f.kind === 'chambers' ? roster : study).push(t)
    }
    const prepareSeconds = (performance.now() - t0) / 1000 - [...roster, ...study].reduce((s, t) => s + t.ms / 1000, 0)

    log(`server: PGlite cold start ×${runs.coldStart}…`)
    const coldStart: ColdStart[] = []
    for (let i = 0; i < runs.coldStart; i++)
      coldStart.push(await runChild<ColdStart>('coldStart', { ...o }, 120_000))
    log(`  ${coldStart.map(c => `${Math.round(c.openMs + c.migrateMs)} ms`).join(', ')}`)

    log(`server: feed composition ×${runs.compose}…`)
    const compose = await runChild<ComposeResult>('compose', { ...o, runs: runs.compose }, 300_000)

    log(`server: serving, ${runs.seconds} s per run…`)
    const served = await serving(o, dir, { connections: 10, seconds: runs.seconds, pipelining: 1 }, log)

    const lastRoster = roster.at(-1)
    return {
      date: new Date().toISOString(),
      mode: quick ? 'quick' : 'full',
      engine: 'pglite',
      scale: SCALE,
      today,
      prepareSeconds: round(prepareSeconds),
      chambers: lastRoster?.rows ?? 0,
      learners: study.at(-1)?.rows ?? 0,
      coldStart,
      roster,
      study,
      compose,
      serving: served,
    }
  }
  finally {
    killAll()
    rmSync(dir, { recursive: true, force: true })
    process.off('SIGINT', stopOnSignal)
    process.off('SIGTERM', stopOnSignal)
  }
}

const ms = (n: number) => n >= 10_000 ? `${round(n / 1000, 2)} s` : `${round(n)} ms`
const rate = (n: number) => `${Math.round(n).toLocaleString('en-US')}/s`

/** "missed by 1.2 s (40 %)": how far a figure is from its bound. */
function over(value: number, bound: number, show: (n: number) => string): string {
  return `missed by ${show(value - bound)} (${round((value / bound - 1) * 100)} %)`
}

export function serverRows(r: ServerResults): Row[] {
  const t = serverTargets
  const cold = median(r.coldStart.map(c => c.openMs + c.migrateMs))
  const roster = median(r.roster.map(x => x.ms))
  const study = median(r.study.map(x => x.ms))
  const studyRss = median(r.study.map(x => x.processPeakRssMB))
  const compose = median(r.compose.runs.map(x => x.totalMs))
  const part = (f: (x: ComposeResult['runs'][number]) => number) => ms(median(r.compose.runs.map(f)))
  const s = r.serving
  const rows: Row[] = [
    { figure: `server (${r.engine}, ${r.scale}×): PGlite cold start, openStore + migrate (median of ${r.coldStart.length})`, value: `${ms(cold)} (first query ${ms(median(r.coldStart.map(c => c.firstQueryMs)))})`, target: 'measured' },
    { figure: `server: roster import, ${r.chambers.toLocaleString('en-US')} chambers (median of ${r.roster.length})`, value: ms(roster), target: `≤ ${ms(t.rosterImportMs)}`, met: roster <= t.rosterImportMs, ...roster > t.rosterImportMs ? { by: over(roster, t.rosterImportMs, ms) } : {} },
    { figure: `server: study day import, ${r.learners.toLocaleString('en-US')} learners (median of ${r.study.length})`, value: ms(study), target: `≤ ${ms(t.studyImportMs)}`, met: study <= t.studyImportMs, ...study > t.studyImportMs ? { by: over(study, t.studyImportMs, ms) } : {} },
    { figure: '  its process\'s peak RSS (VmHWM; median)', value: `${round(studyRss)} MB (at the start ${round(median(r.study.map(x => x.startRssMB)))} MB)`, target: `≤ ${t.studyImportRssMB} MB`, met: studyRss <= t.studyImportRssMB, ...studyRss > t.studyImportRssMB ? { by: over(studyRss, t.studyImportRssMB, n => `${round(n)} MB`) } : {} },
    { figure: `server: feed composition: input + compose + check + serialise (median of ${r.compose.runs.length})`, value: ms(compose), target: `≤ ${ms(t.composeMs)}`, met: compose <= t.composeMs, ...compose > t.composeMs ? { by: over(compose, t.composeMs, ms) } : {} },
    { figure: '  input / compose / check / serialise (gzip + brotli)', value: `${part(x => x.inputMs)} / ${part(x => x.composeMs)} / ${part(x => x.checkMs)} / ${part(x => x.serialiseMs)}`, target: '' },
    { figure: '  feed: JSON / gzip / brotli', value: `${round(r.compose.bytes.identity / 2 ** 20, 2)} / ${round(r.compose.bytes.gzip / 2 ** 20, 2)} / ${round(r.compose.bytes.br / 2 ** 20, 2)} MB`, target: 'passes the cockpit\'s checks', met: r.compose.problem === null },
    {
      figure: '  publisher.current() again, version unchanged (statements sent)',
      value: `${round(r.compose.unchangedCurrentMs, 2)} ms (${r.compose.unchangedQueries}; first ${ms(r.compose.firstCurrentMs)}, ${r.compose.firstQueries}; after a change ${ms(r.compose.changedCurrentMs)}, ${r.compose.changedQueries})`,
      target: 'no composition (1 statement)',
      met: r.compose.unchangedQueries === 1 && r.compose.unchangedSameBytes && r.compose.changedQueries > 1,
    },
  ]
  const load = `${s.connections} connections, ${s.seconds} s`
  const run = (x: LoadRun) => `${rate(x.requestsPerSecMean)}, p99 ${x.p99Ms} ms`
  const statuses = (x: LoadRun) => Object.entries(x.statuses).map(([c, n]) => `${n.toLocaleString('en-US')} × ${c}`).join(', ') + (x.errors ? `, ${x.errors} errors` : '')
  const only304 = (x: LoadRun) => Object.keys(x.statuses).every(c => c === '304') && x.errors === 0
  const only200 = (x: LoadRun) => Object.keys(x.statuses).every(c => c === '200') && x.errors === 0
  if (s.nginx) {
    const ratio304 = s.service.notModified.requestsPerSecMean / s.nginx.notModified.requestsPerSecMean
    const ratio200 = s.service.full.requestsPerSecMean / s.nginx.full.requestsPerSecMean
    const ok304 = ratio304 >= t.notModifiedRatio && s.service.notModified.p99Ms <= t.notModifiedP99Ms && only304(s.service.notModified) && only304(s.nginx.notModified)
    const miss304 = [
      ratio304 < t.notModifiedRatio ? `rate missed by ${round((t.notModifiedRatio - ratio304) * 100)} points` : '',
      s.service.notModified.p99Ms > t.notModifiedP99Ms ? `p99 missed by ${s.service.notModified.p99Ms - t.notModifiedP99Ms} ms` : '',
    ].filter(Boolean).join('; ')
    rows.push(
      { figure: `server: 304s, service (${load}; ${statuses(s.service.notModified)})`, value: run(s.service.notModified), target: '' },
      { figure: `server: 304s, nginx ${s.nginx.version} (${statuses(s.nginx.notModified)})`, value: run(s.nginx.notModified), target: '' },
      { figure: '  service / nginx, 304s', value: `${round(ratio304, 2)}×`, target: `≥ ${t.notModifiedRatio}×, p99 ≤ ${t.notModifiedP99Ms} ms`, met: ok304, ...miss304 ? { by: miss304 } : {} },
      { figure: `server: gzipped 200s, service (${statuses(s.service.full)})`, value: `${run(s.service.full)}, ${round(s.service.full.throughputMBps)} MB/s`, target: '' },
      { figure: `server: gzipped 200s, nginx (${statuses(s.nginx.full)})`, value: `${run(s.nginx.full)}, ${round(s.nginx.full.throughputMBps)} MB/s`, target: '' },
      { figure: '  service / nginx, gzipped 200s', value: `${round(ratio200, 2)}×`, target: `≥ ${t.fullRatio}×`, met: ratio200 >= t.fullRatio && only200(s.service.full) && only200(s.nginx.full), ...ratio200 < t.fullRatio ? { by: `missed by ${round((t.fullRatio - ratio200) * 100)} points` } : {} },
    )
  }
  else {
    rows.push(
      { figure: `server: 304s, service (${load}; ${statuses(s.service.notModified)})`, value: run(s.service.notModified), target: `p99 ≤ ${t.notModifiedP99Ms} ms; nginx skipped`, met: s.service.notModified.p99Ms <= t.notModifiedP99Ms && only304(s.service.notModified) },
      { figure: `server: gzipped 200s, service (${statuses(s.service.full)})`, value: run(s.service.full), target: 'nginx skipped' },
      { figure: `  nginx comparison skipped: ${s.nginxSkipped}`, value: '', target: '' },
    )
  }
  return rows
}
