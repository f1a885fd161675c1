/**
 * A heap snapshot summed by kind of node and by constructor. V8's used heap alone mixes the
 * app's objects with compiled code, which grows for a while as hot functions are optimised;
 * only the objects tell whether something leaks, and the constructors say what it is.
 */
import type { Cdp } from './cdp.ts'

export interface HeapBreakdown {
  /** JS objects, arrays, strings, closures: what the app's code holds. */
  objectsMB: number
  /** Bytecode and optimised machine code. */
  codeMB: number
  /** Blink's objects seen from JS (DOM, canvas, text-shaping caches, DevTools' network records). */
  nativeMB: number
}

/** Self size and count per constructor (objects, natives) or per kind of node (`(string)`, `(code)`…). */
export type ByConstructor = Map<string, { bytes: number, count: number }>

export interface HeapSnapshot {
  breakdown: HeapBreakdown
  byConstructor: ByConstructor
}

/** One line of a diff between two snapshots. */
export interface HeapGrowth {
  what: string
  fromKB: number
  toKB: number
  deltaKB: number
  fromCount: number
  toCount: number
}

interface Snapshot {
  snapshot: { meta: { node_fields: string[], node_types: [string[]] } }
  nodes: number[]
  strings: string[]
}

export async function heapSnapshot(cdp: Cdp): Promise<HeapSnapshot> {
  await cdp.send('HeapProfiler.enable')
  const chunks: string[] = []
  const onChunk = (e: unknown) => chunks.push((e as { chunk: string }).chunk)
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk)
  try {
    // takeHeapSnapshot collects garbage first.
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false })
  }
  finally {
    cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk)
  }
  const snap = JSON.parse(chunks.join('')) as Snapshot
  const fields = snap.snapshot.meta.node_fields
  const types = snap.snapshot.meta.node_types[0]
  const [iType, iName, iSize, n] = [fields.indexOf('type'), fields.indexOf('name'), fields.indexOf('self_size'), fields.length]
  const bytes = { objects: 0, code: 0, native: 0 }
  const byConstructor: ByConstructor = new Map()
  for (let i = 0; i < snap.nodes.length; i += n) {
    const type = types[snap.nodes[i + iType]!]!
    const size = snap.nodes[i + iSize]!
    if (type === 'synthetic')
      continue
    if (type === 'code')
      bytes.code += size
    else if (type === 'native')
      bytes.native += size
    else
      bytes.objects += size
    const what = type === 'object' || type === 'native' ? snap.strings[snap.nodes[i + iName]!] ?? `(${type})` : `(${type})`
    const entry = byConstructor.get(what)
    if (entry) {
      entry.bytes += size
      entry.count++
    }
    else {
      byConstructor.set(what, { bytes: size, count: 1 })
    }
  }
  const mb = (b: number) => b / 2 ** 20
  return { breakdown: { objectsMB: mb(bytes.objects), codeMB: mb(bytes.code), nativeMB: mb(bytes.native) }, byConstructor }
}

/** What grew (or shrank) most between two snapshots, by constructor: the `top` largest changes. */
export function heapDiff(from: ByConstructor, to: ByConstructor, top = 12): HeapGrowth[] {
  const kb = (b: number) => Math.round(b / 102.4) / 10
  const keys = new Set([...from.keys(), ...to.keys()])
  return [...keys]
    .map((what) => {
      const a = from.get(what) ?? { bytes: 0, count: 0 }
      const b = to.get(what) ?? { bytes: 0, count: 0 }
      return { what, fromKB: kb(a.bytes), toKB: kb(b.bytes), deltaKB: kb(b.bytes - a.bytes), fromCount: a.count, toCount: b.count }
    })
    .sort((x, y) => Math.abs(y.deltaKB) - Math.abs(x.deltaKB))
    .slice(0, top)
}
