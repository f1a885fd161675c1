import type { ApplyResult } from './apply.ts'
import type { IdleResult } from './idle.ts'
import type { InitialJs } from './initial-js.ts'
import type { Row } from './report.ts'
import type { SoakPoint, SoakResult } from './soak.ts'
/** The benchmark's results as table rows, each against its target (docs/performance.md). */
import type { StaffResult } from './staff.ts'
import type { UpdatesResult } from './updates.ts'
import { median, round } from './stats.ts'
import { studyOnly, unchanged } from './updates.ts'

export const targets = {
  initialJsGzipKiB: 250,
  firstDrawMs: 800,
  /** Navigation → the 10× feed's headline figures and charts drawn. */
  firstDraw10xMs: 1500,
  /** Main-thread work per poll at 1× (median). */
  poll1xMs: 5,
  /** Main-thread work per poll at 10× (median). */
  poll10xMs: 30,
  /** At 10×, no main-thread task over this while a poll is taken in (one frame at 60 Hz). */
  task10xMs: 16,
  longTaskMs: 50,
  idleShare: 0.02,
  /** V8 heap after GC, from the soak's baseline checkpoint to its last. */
  heapGrowth: 0.03,
}

export interface Results {
  initialJs: InitialJs
  firstDrawMs: number[]
  /** The same at 10× the feed; absent from results made before it was measured. */
  firstDraw10xMs?: number[]
  apply: { '1x': ApplyResult, '10x': ApplyResult, '10x-map'?: ApplyResult }
  idle: IdleResult
  updates: UpdatesResult
  staff: StaffResult
  soak: SoakResult
}

const ms = (n: number) => `${round(n)} ms`
const pct = (g: number) => `${g >= 0 ? '+' : ''}${round(g * 100)} %`

/** "2 (reply ×1, frame ×1; 1 with a GC; on a core 5–9 ms)": what the slow tasks were. */
function slowTasks(r: ApplyResult): string {
  const tasks = r.slowTasks
  if (tasks.length === 0)
    return '0'
  const roles = (['reply', 'frame', 'ask', 'other'] as const).map(k => [k, tasks.filter(t => t.role === k).length] as const).filter(([, n]) => n > 0)
  const cpu = tasks.map(t => t.cpuMs)
  const gc = tasks.filter(t => t.gc).length
  return `${tasks.length} (${roles.map(([k, n]) => `${k} ×${n}`).join(', ')}; ${gc} with a GC; on a core ${round(Math.min(...cpu))}–${round(Math.max(...cpu))} ms)`
}

function snapshotRows(label: string, r: ApplyResult, perPollMs: number, taskMs?: number): Row[] {
  const m = r.median
  return [
    { figure: `${label}: main thread per poll, all of it (median of ${r.runs.length})`, value: `${ms(m.totalMs)} (worst ${ms(r.worstTotalMs)})`, target: `≤ ${perPollMs} ms`, met: m.totalMs <= perPollMs },
    { figure: `${label}:   of which on a core (thread time; the rest is waiting for one)`, value: ms(m.totalCpuMs), target: '' },
    {
      figure: `${label}:   study-only polls / polls with members joining`,
      value: `${r.studyOnly.polls ? ms(r.studyOnly.totalMs) : '—'} (${r.studyOnly.polls}) / ${r.withMembers.polls ? ms(r.withMembers.totalMs) : '—'} (${r.withMembers.polls})`,
      target: '',
    },
    { figure: `${label}:   the ask (poller's timer posts 'take')`, value: ms(m.askMs), target: '' },
    { figure: `${label}:   the reply: store, Vue, setOption`, value: ms(m.replyMs), target: '' },
    { figure: `${label}:   structured clone of the slices`, value: 'n/a', target: '' },
    { figure: `${label}: frames after (animation, paint, GC)`, value: ms(m.framesMs), target: '' },
    { figure: `${label}: worker CPU per take (off the main thread)`, value: ms(m.workerMs), target: '' },
    { figure: `${label}: ask → reply (network and worker)`, value: ms(m.latencyMs), target: '' },
    { figure: `${label}: longest main-thread task (median)`, value: `${ms(m.longestTaskMs)} (worst ${ms(r.worstTaskMs)})`, target: '' },
    {
      figure: `${label}: tasks over 16 ms while a poll is taken in (all runs)`,
      value: slowTasks(r),
      ...taskMs === undefined ? { target: '' } : { target: 'none', met: r.tasksOver16ms === 0 },
    },
    { figure: `${label}: long tasks over ${targets.longTaskMs} ms (all runs)`, value: String(r.tasksOver50ms), target: '' },
  ]
}

function updateRows(u: UpdatesResult): Row[] {
  const study = studyOnly(u)
  const same = unchanged(u)
  const members = u.polls.filter(p => p.phase === 'members join')
  const inStudy = study.every(p => Object.keys(p.charts).every(c => u.studyCharts.includes(c)))
  const touched = [...new Set(study.flatMap(p => Object.keys(p.charts)))]
  const studyTicks = u.polls.filter(p => p.phase === 'study tick').length
  return [
    {
      figure: `study-only poll (1×): setOption calls per poll (${study.length} of ${studyTicks} ticks)`,
      value: `${study.map(p => p.setOptions).join(', ') || '—'} (${touched.join('、') || 'none'})`,
      target: `study charts only (${u.studyCharts.join('、')})`,
      met: study.length > 0 && inStudy,
    },
    {
      figure: `unchanged feed (1×): setOption calls per poll (${same.length} polls)`,
      value: `${same.map(p => p.setOptions).join(', ')} (${same.filter(p => p.answer === 304).length} × 304)`,
      target: 'none',
      met: same.length > 0 && same.every(p => p.answer === 304 && p.setOptions === 0),
    },
    ...members.map(p => ({
      figure: `members join (1×): setOption calls (${p.sections.join(', ')} changed)`,
      value: `${p.setOptions} (${Object.keys(p.charts).join('、') || 'none'})`,
      target: '',
    })),
  ]
}

function heapRow(points: SoakPoint[], baseline: number, label: string, heap: (p: SoakPoint) => number, polls: string): Row {
  const base = points.find(p => p.poll === baseline) ?? points[0]!
  const late = points.at(-1)!
  const growth = heap(late) / heap(base) - 1
  return {
    figure: `${label}, ${polls}`,
    value: `${points.map(p => round(heap(p))).join(' → ')} MB (${pct(growth)} from poll ${base.poll})`,
    target: `≤ +${targets.heapGrowth * 100} % from poll ${base.poll}`,
    met: growth <= targets.heapGrowth,
  }
}

function soakRows({ points, baseline }: SoakResult): Row[] {
  const [early, late] = [points[0]!, points.at(-1)!]
  const base = points.find(p => p.poll === baseline) ?? early
  const polls = `poll ${points.map(p => p.poll).join(' → ')}`
  const series = (f: (p: SoakPoint) => number | string) => points.map(f).join(' → ')
  const same = (f: (p: SoakPoint) => number) => points.every(p => f(p) === f(early))
  const growth = (f: (p: SoakPoint) => number) => pct(f(late) / f(base) - 1)
  return [
    heapRow(points, baseline, 'JS heap after GC, main thread', p => p.heapUsedMB, polls),
    { figure: '  of which JS objects (heap snapshot)', value: `${series(p => round(p.breakdown.objectsMB, 2))} MB (${growth(p => p.breakdown.objectsMB)})`, target: '' },
    { figure: '  of which compiled code', value: `${series(p => round(p.breakdown.codeMB, 2))} MB (${growth(p => p.breakdown.codeMB)})`, target: '' },
    heapRow(points, baseline, 'JS heap after GC, snapshot worker', p => p.worker.heapUsedMB, polls),
    { figure: '  of which JS objects (heap snapshot)', value: `${series(p => round(p.worker.breakdown.objectsMB, 2))} MB (${growth(p => p.worker.breakdown.objectsMB)})`, target: '' },
    { figure: '  of which compiled code', value: `${series(p => round(p.worker.breakdown.codeMB, 2))} MB (${growth(p => p.worker.breakdown.codeMB)})`, target: '' },
    { figure: `Blink heap after GC, ${polls}`, value: `${series(p => round(p.embedderHeapMB))} MB`, target: '' },
    // Blink's count includes a text node or two that Vue has just replaced and GC not yet freed.
    { figure: `DOM nodes after GC, ${polls}`, value: series(p => p.domNodes), target: 'constant (±2)', met: Math.abs(late.domNodes - early.domNodes) <= 2 },
    { figure: `elements/canvases/charts, ${polls}`, value: series(p => `${p.elements}/${p.canvases}/${p.chartInstances}`), target: 'constant', met: same(p => p.elements) && same(p => p.canvases) && same(p => p.chartInstances) },
    { figure: `snapshot workers, ${polls}`, value: series(p => p.workers), target: '1 throughout', met: points.every(p => p.workers === 1) },
  ]
}

function firstDrawRow(label: string, runs: number[], target: number): Row {
  const m = median(runs)
  return { figure: `${label}: navigation → every panel drawn (median of ${runs.length}; ${ms(Math.min(...runs))}–${ms(Math.max(...runs))})`, value: ms(m), target: `≤ ${target} ms`, met: m <= target }
}

export function summaryRows(r: Results): Row[] {
  const gzipKiB = r.initialJs.gzip / 1024
  const withFirst = gzipKiB + (r.initialJs.firstScreen?.gzip ?? 0) / 1024
  return [
    { figure: 'wall initial JS, gzipped', value: `${round(gzipKiB)} KiB`, target: `≤ ${targets.initialJsGzipKiB} KiB`, met: gzipKiB <= targets.initialJsGzipKiB },
    // Every screen is a chunk: what the first screen needs on top is part of the first draw's JS.
    ...(r.initialJs.firstScreen
      ? [{ figure: '  with the first screen\'s chunks (the overview), gzipped', value: `${round(withFirst)} KiB`, target: `≤ ${targets.initialJsGzipKiB} KiB`, met: withFirst <= targets.initialJsGzipKiB }]
      : []),
    firstDrawRow('1×', r.firstDrawMs, targets.firstDrawMs),
    ...(r.firstDraw10xMs ? [firstDrawRow('10×', r.firstDraw10xMs, targets.firstDraw10xMs)] : []),
    ...snapshotRows('1×', r.apply['1x'], targets.poll1xMs),
    ...snapshotRows('10×', r.apply['10x'], targets.poll10xMs, targets.task10xMs),
    // The district map screen (a lazy chunk, a custom series) held to the same per-poll budget.
    ...(r.apply['10x-map'] ? snapshotRows('10× district map', r.apply['10x-map'], targets.poll10xMs, targets.task10xMs) : []),
    { figure: `idle main-thread busy share (${round(r.idle.seconds)} s)`, value: `${round(r.idle.busyShare * 100, 2)} %`, target: `≤ ${targets.idleShare * 100} %`, met: r.idle.busyShare <= targets.idleShare },
    ...updateRows(r.updates),
    { figure: `staff search over the 10× feed (${r.staff.found.toLocaleString('en-US')} learners found): open / next page (median)`, value: `${ms(r.staff.medianOpenMs)} / ${ms(r.staff.medianPageMs)}`, target: '' },
    { figure: '  long tasks while paging / while opening (the app\'s start-up)', value: `${r.staff.pagingLongTasks.length} / ${r.staff.openLongTasks.length} (${r.staff.openLongTasks.map(t => `${t} ms`).join(', ') || 'none'})`, target: 'none while paging', met: r.staff.pagingLongTasks.length === 0 },
    ...soakRows(r.soak),
  ]
}

/** Blink's template names run to hundreds of characters. */
const short = (what: string) => what.length > 90 ? `${what.slice(0, 89)}…` : what

/** What grew most in each heap from the soak's baseline to its end, printed under the table. */
export function heapGrowthListing({ points, baseline, growth }: SoakResult): string {
  const last = points.at(-1)?.poll
  const lines = (title: string, g: SoakResult['growth']['main']) => [
    `${title}: largest changes by constructor, poll ${baseline} → ${last} (self size, KB; count)`,
    ...g.map(x => `  ${`${x.deltaKB >= 0 ? '+' : ''}${x.deltaKB}`.padStart(9)}  ${String(x.fromKB).padStart(9)} → ${String(x.toKB).padEnd(9)}  ${String(x.fromCount).padStart(7)} → ${String(x.toCount).padEnd(7)}  ${short(x.what)}`),
  ]
  return [...lines('main thread heap', growth.main), ...lines('snapshot worker heap', growth.worker)].join('\n')
}
