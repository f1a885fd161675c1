import { describe, expect, it } from 'vitest'
import { applyCheck, emptySections } from '~/feed/sections.ts'
import { checkFeed } from '~/feed/validate.ts'
import { smallFeed } from '../fixtures/feed.ts'

function apply(prev: ReturnType<typeof emptySections>, doc: Record<string, any>, at: number) {
  return applyCheck(prev, checkFeed(doc), doc, at)
}

describe('applyCheck', () => {
  it('takes every section of a good feed', () => {
    const s = apply(emptySections(), smallFeed(), 1000)
    expect(s.summary.data?.chamberCount).toBe(3)
    expect(s.summary.receivedAt).toBe(1000)
    expect(s.study.problems).toBeNull()
  })

  it('returns the very same state for an unchanged feed, so nothing redraws', () => {
    const first = apply(emptySections(), smallFeed(), 1000)
    expect(apply(first, smallFeed(), 2000)).toBe(first)
  })

  it('replaces only the sections that changed', () => {
    const first = apply(emptySections(), smallFeed(), 1000)
    const feed = smallFeed()
    feed.study.individuals[0]!.pointsToday = 41
    const next = apply(first, feed, 2000)
    expect(next.study).not.toBe(first.study)
    expect(next.study.receivedAt).toBe(2000)
    expect(next.chambers).toBe(first.chambers)
    expect(next.summary).toBe(first.summary)
  })

  it('keeps a broken section\'s last good data with the reason and since when', () => {
    const first = apply(emptySections(), smallFeed(), 1000)
    const broken = smallFeed()
    broken.study.individuals[1]!.pointsToday = -3
    broken.summary.memberCount = 101
    const next = apply(first, broken, 2000)
    expect(next.study.data).toBe(first.study.data)
    expect(next.study.problems).toEqual([{ kind: 'invalid', path: 'study.individuals[1].pointsToday', rule: 'points', got: { kind: 'value', json: '-3' } }])
    expect(next.study.problemsSince).toBe(2000)
    expect(next.summary.data?.memberCount).toBe(101)
    const still = apply(next, broken, 3000)
    expect(still.study.problemsSince).toBe(2000)
    const healed = apply(still, smallFeed(), 4000)
    expect(healed.study.problems).toBeNull()
    expect(healed.study.data).toBe(first.study.data)
  })
})
