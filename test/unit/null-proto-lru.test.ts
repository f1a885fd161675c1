import { describe, expect, it } from 'vitest'
import { getWidth } from 'zrender/lib/contain/text.js'
import LRU from 'zrender/lib/core/LRU.js'
import { guardZrenderCaches } from '~/charts/null-proto-lru.ts'

describe('zrender caches keyed by feed text', () => {
  it('take "__proto__" and "constructor" as plain keys and never touch Object.prototype', () => {
    guardZrenderCaches()
    const lru = new LRU<number>(3)
    lru.put('__proto__', 1)
    lru.put('constructor', 2)
    expect(lru.get('__proto__')).toBe(1)
    expect(lru.get('constructor')).toBe(2)
    lru.clear()
    expect(lru.get('__proto__')).toBeUndefined()
    // The text-width cache is an LRU per font: measuring the text must not pollute either.
    expect(() => getWidth('__proto__', '12px sans-serif')).not.toThrow()
    expect(Object.keys(Object.prototype)).toEqual([])
    expect(({} as Record<string, unknown>).next).toBeUndefined()
  })
})
