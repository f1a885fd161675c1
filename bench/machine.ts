/** What the figures were measured on: they mean little without it. */
import type { Browser } from 'playwright-core'
import os from 'node:os'
import process from 'node:process'

export interface Machine {
  cpu: string
  cores: number
  ramGiB: number
  os: string
  node: string
  /** 'not used' for a run without the browser (`--server-only`). */
  chromium: string
  /** 1-minute load average when the run started: other work on the machine skews timings. */
  loadAverage: number
}

export function describeMachine(browser?: Browser): Machine {
  return {
    cpu: os.cpus()[0]?.model.trim() ?? 'unknown CPU',
    cores: os.cpus().length,
    ramGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    chromium: browser?.version() ?? 'not used',
    loadAverage: Math.round(os.loadavg()[0]! * 100) / 100,
  }
}

export function machineLine(m: Machine): string {
  return `${m.cpu} × ${m.cores}, ${m.ramGiB} GiB, ${m.os}, Node ${m.node}${m.chromium === 'not used' ? '' : `, Chromium ${m.chromium}`} (load ${m.loadAverage})`
}

/** A file-name-safe short name: `xeon-2c`. */
export function machineSlug(m: Machine): string {
  const model = m.cpu.toLowerCase().replace(/\(r\)|\(tm\)|cpu|processor|@.*$/g, '').trim().split(/\s+/).filter(w => /[a-z]/.test(w)).slice(-1)[0] ?? 'cpu'
  return `${model.replace(/[^a-z0-9]+/g, '')}-${m.cores}c`
}
