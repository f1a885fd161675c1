import type { WorkerReply, WorkerRequest } from '~/feed/worker-protocol.ts'
import { describe, expect, it } from 'vitest'
import { digestFeed, isDigest } from '~/feed/digest.ts'
import { parseJson } from '~/feed/fetch-feed.ts'
import { applyPrinted, emptySections, heldPrints } from '~/feed/sections.ts'
import { createWorkerParser } from '~/feed/worker-parser.ts'
import { joinDigest, sliceDigest } from '~/feed/worker-protocol.ts'
import { smallFeed } from '../fixtures/feed.ts'

/** A feed with `n` learners, so their list is long enough to travel in slices. */
function feedWith(n: number) {
  const feed = smallFeed()
  feed.study.individuals = Array.from({ length: n }, (_, i) => ({ id: `p${i}`, name: `某${i}`, chamberId: 'c1', pointsToday: i % 60, pointsTotal: 1000 + i }))
  return feed
}

/** The worker's code run in-process: the parser's message path without a browser. */
function fakeWorker(): Worker {
  const listeners = new Map<string, ((e: unknown) => void)[]>()
  const emit = (type: string, data: unknown) => listeners.get(type)?.forEach(l => l({ data }))
  return {
    addEventListener: (type: string, l: (e: unknown) => void) => listeners.set(type, [...listeners.get(type) ?? [], l]),
    postMessage: ({ id, body: raw, held }: WorkerRequest) => {
      queueMicrotask(() => {
        let body: unknown
        try {
          body = parseJson(raw)
        }
        catch (error) {
          emit('message', { id, error: (error as Error).message } satisfies WorkerReply)
          return
        }
        const digest = structuredClone(digestFeed(body, held))
        for (const slice of sliceDigest(digest, 100))
          emit('message', structuredClone({ id, slice }))
        emit('message', structuredClone({ id, digest }))
      })
    },
    terminate: () => {},
  } as unknown as Worker
}

describe('digestFeed', () => {
  it('leaves out the data of sections the store already holds, and applies to the same state', () => {
    const first = applyPrinted(emptySections(), digestFeed(smallFeed()).check, digestFeed(smallFeed()).prints, 1000)
    const feed = smallFeed()
    feed.study.individuals[0]!.pointsToday = 41
    const digest = digestFeed(feed, heldPrints(first))
    expect(digest.check.sections.chambers).toEqual({ ok: true, data: undefined })
    expect(digest.check.sections.study.ok && digest.check.sections.study.data?.individuals[0]?.pointsToday).toBe(41)
    const next = applyPrinted(first, digest.check, digest.prints, 2000)
    expect(next.chambers).toBe(first.chambers)
    expect(next.study.data?.individuals[0]?.pointsToday).toBe(41)
  })

  it('is never mistaken for a feed: only the parser marks a digest', () => {
    expect(isDigest(digestFeed(smallFeed()))).toBe(false)
    expect(isDigest(JSON.parse(JSON.stringify(digestFeed(smallFeed()))))).toBe(false)
  })
})

describe('slices', () => {
  it('carry a long list across and back in order', () => {
    const digest = digestFeed(feedWith(1_050))
    const slices = sliceDigest(digest, 100)
    expect(slices).toHaveLength(11)
    expect(digest.check.sections.study.ok && digest.check.sections.study.data?.individuals).toEqual([])
    const joined = joinDigest(digest, slices)
    expect(joined).toEqual(digestFeed(feedWith(1_050)))
  })
})

describe('createWorkerParser', () => {
  it('resolves to the digest the store would make itself, through the worker', async () => {
    const parser = createWorkerParser(() => ({}), fakeWorker)
    const text = JSON.stringify(feedWith(1_050))
    const digest = await parser.parse(new TextEncoder().encode(text).buffer)
    expect(isDigest(digest)).toBe(true)
    const here = digestFeed(JSON.parse(text))
    expect(isDigest(digest) && [digest.check, digest.prints]).toEqual([here.check, here.prints])
  })

  it('rejects a body that is not JSON with the parser\'s message', async () => {
    const parser = createWorkerParser(() => ({}), fakeWorker)
    await expect(parser.parse('{"schemaVersion":')).rejects.toThrow(/JSON/)
  })

  it('digests on the main thread where there is no worker', async () => {
    const parser = createWorkerParser(() => ({}), null)
    expect(isDigest(await parser.parse(JSON.stringify(smallFeed())))).toBe(true)
    expect(() => parser.parse('nope')).toThrow(/JSON/)
  })

  it('falls back to the main thread when the worker cannot start', async () => {
    const parser = createWorkerParser(() => ({}), () => {
      throw new Error('blocked by the content security policy')
    })
    expect(isDigest(await parser.parse(JSON.stringify(smallFeed())))).toBe(true)
  })
})
