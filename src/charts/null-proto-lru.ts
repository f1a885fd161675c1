/**
 * zrender keeps its caches (text widths per font, fonts themselves) in an LRU whose map is a
 * plain object, so a label that is the text `__proto__` reads Object.prototype as a cache entry
 * and links it into the LRU's list: Object.prototype gains `prev`/`next`, and every object in
 * the page then seems to have them (navigation stops working). Feed text is untrusted, so the
 * map is made a null-prototype object before zrender touches it. The upstream report is in
 * docs/upstream/zrender-lru-proto.md; drop this file once zrender ships the fix.
 */
import LRU from 'zrender/lib/core/LRU.js'

interface Mapped { _map: Record<string, unknown> }

function nullProto(lru: Mapped): void {
  if (Object.getPrototypeOf(lru._map) !== null)
    lru._map = Object.assign(Object.create(null) as Record<string, unknown>, lru._map)
}

let patched = false

/** Idempotent; applied by setupCharts before the first chart exists. */
export function guardZrenderCaches(): void {
  if (patched)
    return
  patched = true
  const proto = LRU.prototype as unknown as Record<'put' | 'get' | 'clear', (this: Mapped, ...args: unknown[]) => unknown>
  for (const name of ['put', 'get', 'clear'] as const) {
    const original = proto[name]
    proto[name] = function (this: Mapped, ...args: unknown[]) {
      nullProto(this)
      const out = original.apply(this, args)
      nullProto(this) // clear() assigns a fresh plain object
      return out
    }
  }
}
