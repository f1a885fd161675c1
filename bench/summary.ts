/** The benchmark's results as table rows, each against its target (docs/performance.md). */
import type { ApplyResult } from './apply.ts'
import type { IdleResult } from './idle.ts'
import type { InitialJs } from './initial-js.ts'
import type { Row } from './report.ts'
import type { SoakPoint } from './soak.ts'
import { median, round } from './stats.ts'

export const targets = { initialJsGzipKiB: 280, firstDrawMs: 800, applyMs: 5, longTaskMs: 50, idleShare: 0.02, heapGrowth: 0.03 }

export interface Results {
  initialJs: InitialJs
  firstDrawMs: number[]
  apply: { '1x': ApplyResult, '10x': ApplyResult }
  idle: IdleResult
  soak: SoakPoint[]
}

const ms = (n: number) => `${round(n)} ms`
const pct = (g: number) => `${g >= 0 ? '+' : ''}${round(g * 100)} %`

function snapshotRows(label: string, r: ApplyResult, target: 'apply' | 'long tasks'): Row[] {
  return [
    { figure: `${label}: main thread, all of it (median of ${r.runs.length})`, value: ms(r.median.totalMs), ...target === 'apply' ? { target: `≤ ${targets.applyMs} ms`, met: r.median.totalMs <= targets.applyMs } : { target: '' } },
    { figure: `${label}:   hand-off to the worker (XHR load)`, value: ms(r.median.handOffMs), target: '' },
    { figure: `${label}:   structured clone of the slices`, value: ms(r.median.cloneMs), target: '' },
    { figure: `${label}:   apply: store, Vue, setOption`, value: ms(r.median.applyMs), target: '' },
    { figure: `${label}: reading the body as it arrives`, value: ms(r.median.receiveMs), target: '' },
    { figure: `${label}: frames after (animation, paint, GC)`, value: ms(r.median.framesMs), target: '' },
    { figure: `${label}: longest main-thread task (median)`, value: ms(r.median.longestTaskMs), target: '' },
    {
      figure: `${label}: long tasks over ${targets.longTaskMs} ms (all runs)`,
      value: `${r.longTasksOver50ms}${r.longTasksOver50ms ? `, worst ${ms(r.worstLongTaskMs)}` : ''}`,
      ...target === 'long tasks' ? { target: 'none', met: r.longTasksOver50ms === 0 } : { target: '' },
    },
  ]
}

function soakRows(points: SoakPoint[]): Row[] {
  const [early, late] = [points[0]!, points.at(-1)!]
  const polls = `poll ${points.map(p => p.poll).join(' → ')}`
  const series = (f: (p: SoakPoint) => number | string) => points.map(f).join(' → ')
  const same = (f: (p: SoakPoint) => number) => points.every(p => f(p) === f(early))
  return [
    { figure: `JS heap after GC (V8 used), ${polls}`, value: `${series(p => round(p.heapUsedMB))} MB`, target: `≤ +${targets.heapGrowth * 100} %`, met: late.heapUsedMB / early.heapUsedMB - 1 <= targets.heapGrowth },
    { figure: '  of which JS objects (heap snapshot)', value: `${series(p => round(p.breakdown.objectsMB))} MB (${pct(late.breakdown.objectsMB / early.breakdown.objectsMB - 1)})`, target: '' },
    { figure: '  of which compiled code', value: `${series(p => round(p.breakdown.codeMB))} MB`, target: '' },
    { figure: `Blink heap after GC, ${polls}`, value: `${series(p => round(p.embedderHeapMB))} MB`, target: '' },
    // Blink's count includes a text node or two that Vue has just replaced and GC not yet freed.
    { figure: `DOM nodes after GC, ${polls}`, value: series(p => p.domNodes), target: 'constant (±2)', met: Math.abs(late.domNodes - early.domNodes) <= 2 },
    { figure: `elements/canvases/charts, ${polls}`, value: series(p => `${p.elements}/${p.canvases}/${p.chartInstances}`), target: 'constant', met: same(p => p.elements) && same(p => p.canvases) && same(p => p.chartInstances) },
  ]
}

export function summaryRows(r: Results): Row[] {
  const gzipKiB = r.initialJs.gzip / 1024
  const draw = median(r.firstDrawMs)
  return [
    { figure: 'wall initial JS, gzipped', value: `${round(gzipKiB)} KiB`, target: `≤ ${targets.initialJsGzipKiB} KiB`, met: gzipKiB <= targets.initialJsGzipKiB },
    { figure: `navigation → every panel drawn (median of ${r.firstDrawMs.length})`, value: ms(draw), target: `≤ ${targets.firstDrawMs} ms`, met: draw <= targets.firstDrawMs },
    ...snapshotRows('1×', r.apply['1x'], 'apply'),
    ...snapshotRows('10×', r.apply['10x'], 'long tasks'),
    { figure: `idle main-thread busy share (${round(r.idle.seconds)} s)`, value: `${round(r.idle.busyShare * 100, 2)} %`, target: `≤ ${targets.idleShare * 100} %`, met: r.idle.busyShare <= targets.idleShare },
    ...soakRows(r.soak),
  ]
}
