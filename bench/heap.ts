/**
 * A heap snapshot summed by kind of node. V8's used heap alone mixes the app's objects with
 * compiled code, which grows for a while as hot functions are optimised; only the objects
 * tell whether something leaks.
 */
import type { CDPSession } from 'playwright-core'

export interface HeapBreakdown {
  /** JS objects, arrays, strings, closures: what the app's code holds. */
  objectsMB: number
  /** Bytecode and optimised machine code. */
  codeMB: number
  /** Blink's objects seen from JS (DOM, canvas, text-shaping caches, DevTools' network records). */
  nativeMB: number
}

interface Snapshot {
  snapshot: { meta: { node_fields: string[], node_types: [string[]] } }
  nodes: number[]
}

export async function heapBreakdown(cdp: CDPSession): Promise<HeapBreakdown> {
  await cdp.send('HeapProfiler.enable')
  const chunks: string[] = []
  const onChunk = (e: { chunk: string }) => chunks.push(e.chunk)
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk)
  // takeHeapSnapshot collects garbage first.
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false })
  cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk)
  const snap = JSON.parse(chunks.join('')) as Snapshot
  const fields = snap.snapshot.meta.node_fields
  const types = snap.snapshot.meta.node_types[0]
  const [iType, iSize, n] = [fields.indexOf('type'), fields.indexOf('self_size'), fields.length]
  const bytes = { objects: 0, code: 0, native: 0 }
  for (let i = 0; i < snap.nodes.length; i += n) {
    const type = types[snap.nodes[i + iType]!]
    const size = snap.nodes[i + iSize]!
    if (type === 'code')
      bytes.code += size
    else if (type === 'native')
      bytes.native += size
    else if (type !== 'synthetic')
      bytes.objects += size
  }
  const mb = (b: number) => b / 2 ** 20
  return { objectsMB: mb(bytes.objects), codeMB: mb(bytes.code), nativeMB: mb(bytes.native) }
}
