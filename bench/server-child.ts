/**
 * The service's side of `bench/server.ts`, one task per child process so that a figure's time
 * and memory are its own process's: `node --import tsx bench/server-child.ts <task> <json>`.
 * Each task answers its parent once over IPC ({ ok, value } or { ok: false, error }); logs go
 * to stderr. The database is PGlite in `<dir>/db`, or the server `databaseUrl` names.
 */
import type { KyselyPlugin } from 'kysely'
import type { DemoFile } from '../server/demo/world.ts'
import type { Store } from '../server/store/db.ts'
import { readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import process from 'node:process'
import { sql } from 'kysely'

export interface ChildOptions {
  /** The bench's temp folder: the database in `db/`, files in `files/`. */
  dir: string
  databaseUrl?: string
}

/** A demo file kept on disk for a later child to import. */
export interface FileRef {
  kind: string
  period: string
  name: string
  contentType: string
  path: string
  bytes: number
  /** The demo step (month) it belongs to, 1..30. */
  step: number
}

export interface PrepareArgs extends ChildOptions {
  today: string
  scale: number
  /** Steps before this one are imported at once; this one and later ones are kept as files. */
  keepFrom: number
}

export interface ImportArgs extends ChildOptions {
  files: FileRef[]
  /** Time the import (one file) and its process's peak RSS. */
  timed: boolean
}

export interface ImportTiming {
  kind: string
  period: string
  rows: number
  ms: number
  /** VmHWM over the import alone (reset when it starts) and over the whole process. */
  peakRssMB: number
  processPeakRssMB: number
  /** RSS when the import started: Node, the modules and the open database. */
  startRssMB: number
  /** V8 heap used, sampled every 50 ms (a lower bound: the timer waits on synchronous work). */
  sampledHeapMB: number
}

export interface ComposeRun {
  inputMs: number
  composeMs: number
  checkMs: number
  serialiseMs: number
  totalMs: number
}

export interface ComposeResult {
  runs: ComposeRun[]
  bytes: { identity: number, gzip: number, br: number }
  problem: string | null
  /** FeedPublisher.current() on a fresh publisher: composes. */
  firstCurrentMs: number
  firstQueries: number
  /** Again at once, the data version unchanged (recheck on every call): no composition. */
  unchangedCurrentMs: number
  unchangedQueries: number
  unchangedSameBytes: boolean
  /** After the data version moves on: composes again. */
  changedCurrentMs: number
  changedQueries: number
}

export interface ColdStart {
  /** openStore + migrate on the existing database. */
  openMs: number
  migrateMs: number
  /** First query after migrating (the data version). */
  firstQueryMs: number
}

const log = (s: string) => process.stderr.write(`  [child ${process.pid}] ${s}\n`)

async function open(o: ChildOptions): Promise<{ store: Store, openMs: number, migrateMs: number }> {
  const { migrate, openStore } = await import('../server/store/db.ts')
  const t0 = performance.now()
  const store = await openStore(o.databaseUrl ? { databaseUrl: o.databaseUrl } : { dataDir: join(o.dir, 'db') })
  const t1 = performance.now()
  await migrate(store.db)
  return { store, openMs: t1 - t0, migrateMs: performance.now() - t1 }
}

function vm(field: 'VmHWM' | 'VmRSS'): number {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync('/proc/self/status', 'utf8'))
  return m ? Number(m[1]) / 1024 : Number.NaN
}

/** Resets VmHWM to the current RSS (Linux ≥ 4.0), so the peak read after is the import's. */
function resetPeak(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5')
    return true
  }
  catch {
    return false
  }
}

async function importOne(store: Store, f: Pick<FileRef, 'kind' | 'period' | 'name' | 'contentType'> & { path?: string, data?: Uint8Array }): Promise<void> {
  const { runImport } = await import('../server/commit/pipeline.ts')
  const bytes = f.data ?? readFileSync(f.path!)
  const outcome = await runImport(store.db, { kind: f.kind, period: f.period, file: { name: f.name, bytes, contentType: f.contentType }, who: 'demo', dryRun: false, demo: true })
  if ('error' in outcome)
    throw new Error(`${f.name}: ${outcome.error.message}`)
  if (!outcome.answer.ok)
    throw new Error(`${f.name}: ${outcome.answer.errors.slice(0, 3).map(e => `${e.row ?? '-'} ${e.column ?? ''} ${e.message}`).join('; ')}`)
}

const tasks = {
  /** Builds the 10× database up to `keepFrom`, and keeps the later steps' files on disk. */
  async prepare(a: PrepareArgs): Promise<FileRef[]> {
    const { demoFiles } = await import('../server/demo/world.ts')
    const { store } = await open(a)
    const kept: FileRef[] = []
    try {
      const save = (f: DemoFile, step: number): FileRef => {
        const path = join(a.dir, 'files', `${String(kept.length).padStart(3, '0')}-${f.kind}-${f.period || 'all'}${f.name.slice(f.name.lastIndexOf('.'))}`)
        writeFileSync(path, f.bytes)
        return { kind: f.kind, period: f.period, name: f.name, contentType: f.contentType, path, bytes: f.bytes.byteLength, step }
      }
      for await (const step of demoFiles({ today: a.today, scale: a.scale })) {
        const t = performance.now()
        for (const f of step.files) {
          if (step.index >= a.keepFrom)
            kept.push(save(f, step.index))
          else await importOne(store, { ...f, data: f.bytes })
        }
        log(`step ${step.index}/${step.total} (${step.month}): ${step.files.length} files ${step.index >= a.keepFrom ? 'kept' : 'imported'} in ${Math.round(performance.now() - t)} ms`)
      }
    }
    finally {
      await store.close()
    }
    return kept
  },

  async import(a: ImportArgs): Promise<ImportTiming | null> {
    const { store } = await open(a)
    try {
      if (!a.timed) {
        for (const f of a.files)
          await importOne(store, f)
        return null
      }
      const [f] = a.files
      if (!f || a.files.length !== 1)
        throw new Error('a timed import is one file')
      const processPeakBefore = vm('VmHWM')
      globalThis.gc?.()
      const startRssMB = vm('VmRSS')
      if (!resetPeak())
        log('cannot reset VmHWM: the peak is the process\'s')
      let heap = 0
      const sampler = setInterval(() => heap = Math.max(heap, process.memoryUsage().heapUsed), 50)
      const t0 = performance.now()
      await importOne(store, f)
      const ms = performance.now() - t0
      clearInterval(sampler)
      const peakRssMB = vm('VmHWM')
      const rows = await sql<{ rows: number }>`select rows from imports where action = 'import' and kind = ${f.kind} and period = ${f.period} order by id desc limit 1`.execute(store.db)
      return { kind: f.kind, period: f.period, rows: rows.rows[0]?.rows ?? 0, ms, peakRssMB, processPeakRssMB: Math.max(processPeakBefore, peakRssMB), startRssMB, sampledHeapMB: heap / 2 ** 20 }
    }
    finally {
      await store.close()
    }
  },

  async coldStart(a: ChildOptions): Promise<ColdStart> {
    const { dataVersion } = await import('../server/store/db.ts')
    const { store, openMs, migrateMs } = await open(a)
    const t = performance.now()
    await dataVersion(store.db)
    const firstQueryMs = performance.now() - t
    await store.close()
    return { openMs, migrateMs, firstQueryMs }
  },

  async compose(a: ChildOptions & { runs: number, feedOut?: string }): Promise<ComposeResult> {
    const { composeFeed } = await import('../server/feed/compose.ts')
    const { feedProblem } = await import('../server/publish/feed-check.ts')
    const { FeedPublisher, serialise } = await import('../server/publish/publisher.ts')
    const { composeInput } = await import('../server/store/feed-input.ts')
    const { dataVersion } = await import('../server/store/db.ts')
    const { store } = await open(a)
    try {
      const version = await dataVersion(store.db)
      const runs: ComposeRun[] = []
      let problem: string | null = null
      let bytes = { identity: 0, gzip: 0, br: 0 }
      for (let i = 0; i < a.runs; i++) {
        const t0 = performance.now()
        const input = await composeInput(store.db)
        const t1 = performance.now()
        const doc = composeFeed(input, new Date())
        const t2 = performance.now()
        problem = feedProblem(doc)
        const t3 = performance.now()
        const published = await serialise(version, doc)
        const t4 = performance.now()
        runs.push({ inputMs: t1 - t0, composeMs: t2 - t1, checkMs: t3 - t2, serialiseMs: t4 - t3, totalMs: t4 - t0 })
        // Published with gzip; brotli follows on its own (publisher.ts), measured apart.
        await published.brReady
        bytes = { identity: published.identity.length, gzip: published.gzip.length, br: published.br?.length ?? 0 }
        log(`compose run ${i + 1}: ${Math.round(t4 - t0)} ms (input ${Math.round(t1 - t0)}, compose ${Math.round(t2 - t1)}, check ${Math.round(t3 - t2)}, serialise ${Math.round(t4 - t3)})`)
      }

      // Every statement the publisher sends, counted: an unchanged version asks one (the version).
      let queries = 0
      const counter: KyselyPlugin = {
        transformQuery: (args) => {
          queries++
          return args.node
        },
        transformResult: async args => args.result,
      }
      const quiet = { error: () => {}, warn: () => {}, info: () => {}, debug: () => {}, trace: () => {}, fatal: () => {}, child: () => quiet, level: 'silent', silent: () => {} }
      const publisher = new FeedPublisher(store.db.withPlugin(counter), quiet as never, { recheckMs: 0 })
      const timed = async () => {
        queries = 0
        const t = performance.now()
        const p = await publisher.current()
        return { ms: performance.now() - t, queries, p }
      }
      const first = await timed()
      const unchanged = await timed()
      await sql`update state set version = version + 1, changed_at = now() where id = 1`.execute(store.db)
      const changed = await timed()
      if (a.feedOut && changed.p)
        writeFileSync(a.feedOut, changed.p.identity)
      return {
        runs,
        bytes,
        problem,
        firstCurrentMs: first.ms,
        firstQueries: first.queries,
        unchangedCurrentMs: unchanged.ms,
        unchangedQueries: unchanged.queries,
        unchangedSameBytes: first.p !== null && unchanged.p?.identity === first.p.identity,
        changedCurrentMs: changed.ms,
        changedQueries: changed.queries,
      }
    }
    finally {
      await store.close()
    }
  },

  /** The service on a loopback port until the parent says stop (or goes away). */
  async serve(a: ChildOptions): Promise<never> {
    const { buildApp } = await import('../server/http/app.ts')
    const { store } = await open(a)
    const { app, publisher } = await buildApp({ store, dist: resolve('dist') })
    await app.listen({ port: 0, host: '127.0.0.1' })
    await publisher.refresh()
    const address = app.server.address()
    const port = typeof address === 'object' && address ? address.port : 0
    const stop = async () => {
      await app.close().catch(() => {})
      await store.close().catch(() => {})
      process.exit(0)
    }
    process.on('message', m => m === 'stop' && void stop())
    process.on('disconnect', () => void stop())
    process.once('SIGTERM', () => void stop())
    process.send?.({ ok: true, value: { port, pid: process.pid } })
    return new Promise<never>(() => {})
  },
}

export type Task = keyof typeof tasks

async function main(): Promise<void> {
  const [task, json] = process.argv.slice(2)
  if (!task || !(task in tasks))
    throw new Error(`unknown task ${task}`)
  const value = await (tasks[task as Task] as (a: unknown) => Promise<unknown>)(JSON.parse(json ?? '{}'))
  await new Promise<void>(resolve => process.send!({ ok: true, value }, () => resolve()))
  process.exit(0)
}

if (process.argv[1] && /server-child\.ts$/.test(process.argv[1])) {
  main().catch((error: unknown) => {
    const message = error instanceof Error ? error.stack ?? error.message : String(error)
    if (process.send) {
      process.send({ ok: false, error: message }, () => process.exit(1))
    }
    else {
      process.stderr.write(`${message}\n`)
      process.exit(1)
    }
  })
}
