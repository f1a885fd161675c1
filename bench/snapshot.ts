/**
 * `npm run snapshot` on the 10× mock feed (issue 23): the whole meeting pack — every screen at
 * both sizes with its pixels checked, the oversight PDF, the evening ranking — as a scheduler
 * runs it, from the command's start to its exit. Beside the wall time, the peak memory of the
 * command's whole process tree (tsx, node and every Chromium process), sampled from /proc every
 * 100 ms: the proportional set size (PSS, each shared page split among its sharers, so the sum
 * is what the tree costs the machine) and the plain resident sizes summed (RSS, shared pages
 * counted in every process, an upper bound). Linux only: elsewhere the memory reads 0.
 */
import type { Row } from './report.ts'
import { spawn } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { startMockServer } from '../mock/serve.ts'
import { median, round } from './stats.ts'

export interface SnapshotRun {
  wallMs: number
  /** The tree's peak summed PSS and summed RSS, MiB. */
  peakPssMiB: number
  peakRssMiB: number
  /** The most processes seen at once in the tree. */
  processes: number
  files: number
  exitCode: number
}

export interface SnapshotResult {
  feed: { scale: number, bytes: number }
  runs: SnapshotRun[]
}

/** The pids under `root`, itself included, from /proc's parent links. */
function tree(root: number): number[] {
  const children = new Map<number, number[]>()
  let entries: string[] = []
  try {
    entries = readdirSync('/proc').filter(e => /^\d+$/.test(e))
  }
  catch {
    return []
  }
  for (const e of entries) {
    try {
      // The command may hold spaces and parentheses: the fields start after the last ')'.
      const stat = readFileSync(`/proc/${e}/stat`, 'utf8')
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
      children.set(parent, [...children.get(parent) ?? [], Number(e)])
    }
    catch {}
  }
  const out: number[] = []
  const queue = [root]
  while (queue.length) {
    const pid = queue.shift()!
    out.push(pid)
    queue.push(...children.get(pid) ?? [])
  }
  return out
}

/** A process's PSS and RSS in KiB; zeros once it has gone. */
function memoryOf(pid: number): { pss: number, rss: number } {
  try {
    const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8')
    const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(rollup)?.[1] ?? 0)
    return { pss: kib('Pss'), rss: kib('Rss') }
  }
  catch {
    return { pss: 0, rss: 0 }
  }
}

/** Runs the command once, sampling its tree's memory until it exits. */
function runOnce(args: string[]): Promise<Omit<SnapshotRun, 'files'> & { stderr: string }> {
  return new Promise((done, fail) => {
    const started = performance.now()
    const child = spawn('npx', ['tsx', 'scripts/snapshot.ts', ...args], { stdio: ['ignore', 'ignore', 'pipe'] })
    let stderr = ''
    child.stderr.setEncoding('utf8')
    child.stderr.on('data', (chunk: string) => void (stderr += chunk))
    let peakPss = 0
    let peakRss = 0
    let processes = 0
    const sample = setInterval(() => {
      const pids = tree(child.pid!)
      let pss = 0
      let rss = 0
      for (const pid of pids) {
        const m = memoryOf(pid)
        pss += m.pss
        rss += m.rss
      }
      peakPss = Math.max(peakPss, pss)
      peakRss = Math.max(peakRss, rss)
      processes = Math.max(processes, pids.length)
    }, 100)
    child.on('error', (error) => {
      clearInterval(sample)
      fail(error)
    })
    child.on('exit', (code) => {
      clearInterval(sample)
      done({ wallMs: performance.now() - started, peakPssMiB: peakPss / 1024, peakRssMiB: peakRss / 1024, processes, exitCode: code ?? -1, stderr })
    })
  })
}

export async function snapshotBench(dist: string, runs: number, log: (line: string) => void): Promise<SnapshotResult> {
  const scale = 10
  const mock = await startMockServer({ port: 0, scale })
  const feed = `${mock.url}feed/cockpit.json`
  try {
    const bytes = (await (await fetch(feed)).arrayBuffer()).byteLength
    log(`snapshot on the ${scale}× mock feed (${round(bytes / 2 ** 20)} MiB), ${runs} runs`)
    const result: SnapshotResult = { feed: { scale, bytes }, runs: [] }
    for (let i = 0; i < runs; i++) {
      const out = mkdtempSync(join(tmpdir(), 'cockpit-bench-snapshot-'))
      try {
        const r = await runOnce(['--feed', feed, '--out', out, '--dist', resolve(dist)])
        const files = readdirSync(out).length
        if (r.exitCode !== 0)
          throw new Error(`npm run snapshot exited ${r.exitCode}: ${r.stderr.trim()}`)
        const { stderr: _, ...run } = r
        result.runs.push({ ...run, files })
        log(`  run ${i + 1}: ${round(r.wallMs / 1000)} s, ${files} files, peak PSS ${Math.round(r.peakPssMiB)} MiB (RSS summed ${Math.round(r.peakRssMiB)} MiB, ${r.processes} processes)`)
      }
      finally {
        rmSync(out, { recursive: true, force: true })
      }
    }
    return result
  }
  finally {
    await mock.close()
  }
}

export function snapshotRows(r: SnapshotResult): Row[] {
  const head = `npm run snapshot, ${r.feed.scale}× mock feed (${round(r.feed.bytes / 2 ** 20)} MiB; ${r.runs[0]?.files ?? 0} files; median of ${r.runs.length})`
  return [
    { figure: `${head}: wall time, start to exit`, value: `${round(median(r.runs.map(x => x.wallMs)) / 1000)} s`, target: 'measured' },
    { figure: '  peak memory of the process tree (PSS: node + Chromium)', value: `${Math.round(median(r.runs.map(x => x.peakPssMiB)))} MiB`, target: 'measured' },
    { figure: '  the same, resident sizes summed (shared pages counted each time)', value: `${Math.round(median(r.runs.map(x => x.peakRssMiB)))} MiB`, target: 'measured' },
  ]
}
