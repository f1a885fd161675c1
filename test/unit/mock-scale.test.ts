import type { MockServer } from '../../mock/serve.ts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createMockFeed } from '../../mock/generate.ts'
import { startMockServer } from '../../mock/serve.ts'

// The "ten-times" feed the app must stay smooth with (about 4,500 chambers, 200,000 people).
describe('mock feed at scale 10', () => {
  let server: MockServer

  beforeAll(async () => {
    server = await startMockServer({ port: 0, fault: 'huge' })
  })
  afterAll(() => server.close())

  it('has about 4,460 chambers and 200,000 individuals, still consistent', () => {
    const startAt = new Date('2026-11-26T02:00:00Z')
    const doc = createMockFeed({ startAt, scale: 10 }).snapshot(startAt)
    expect(doc.chambers).toHaveLength(4460)
    expect(doc.study.individuals).toHaveLength(200_000)
    expect(new Set(doc.chambers.map(c => c.name)).size).toBe(4460)
    expect(new Set(doc.study.individuals.map(p => p.id)).size).toBe(200_000)
    expect(doc.summary).toMatchObject({ chamberCount: 4460, memberCount: 432550, partyOrgChamberCount: 1400 })
    for (const cat of doc.categories) {
      const mine = doc.chambers.filter(c => c.category === cat.id)
      expect(mine).toHaveLength(cat.chamberCount)
      expect(mine.reduce((s, c) => s + c.memberCount, 0)).toBe(cat.memberCount)
    }
  })

  it('is what the huge fault serves (about 19 MB)', async () => {
    const res = await fetch(`${server.url}feed/cockpit.json`)
    const bytes = Number(res.headers.get('content-length'))
    expect(bytes).toBeGreaterThan(15e6)
    expect(bytes).toBeLessThan(25e6)
    const doc = await res.json()
    expect(doc.chambers).toHaveLength(4460)
    // Making and sending 19 MB takes a few seconds on a busy machine (the node suites run beside
    // the browser suite): a deadline here would test the machine, not the mock.
  }, 60_000)
})
