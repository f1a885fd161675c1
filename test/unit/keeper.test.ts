import type { SnapshotUpdate } from '~/snapshot/keeper.ts'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createKeeper } from '~/snapshot/keeper.ts'
import { firstDrawModels } from '~/snapshot/models.ts'
import { modelNames } from '~/snapshot/view-models.ts'
import { smallFeed } from '../fixtures/feed.ts'
import { feedServer, testRequest } from '../fixtures/pipeline.ts'

const request = testRequest
const table = { filter: '', sort: null, page: 1, pageSize: 50 }

/** The feed with its first chamber listed twice: the second record claims other figures. */
function duplicated() {
  const f = smallFeed()
  ;(f.chambers as unknown[]).push({ ...f.chambers[0]!, name: '重复的温州商会', memberCount: 999 })
  return f
}

describe('the keeper', () => {
  beforeEach(() => {
    vi.useFakeTimers()
    vi.setSystemTime(new Date('2026-11-26T08:20:00Z'))
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('shows the first record of a duplicated chamber id everywhere, as the warnings page says', async () => {
    const keeper = createKeeper(feedServer({ status: 200, body: duplicated() }).http)
    const taken = await keeper.take(request())
    const m = taken.value!.models
    const g1 = m.groups?.find(g => g.id === 'g1')
    expect(g1?.leaderName).toBe('杭州市温州商会')
    expect(g1?.chamberCount).toBe(2)
    expect(g1?.memberCount).toBe(60)
    expect(m.groupChambers?.get('g1')?.map(c => c.name)).toEqual(['杭州市温州商会', '杭州市安徽商会'])
    expect(m.study?.individuals.find(p => p.chamberId === 'c1')?.chamberName).toBe('杭州市温州商会')
    expect(m.brand?.rows[0]?.chamberName).toBe('杭州市温州商会')
    expect(keeper.query({ kind: 'chamber', id: 'c1' })?.chamber.name).toBe('杭州市温州商会')
    expect(keeper.query({ kind: 'chambers', scope: { kind: 'group', id: 'g1' }, table }).total).toBe(2)
    expect(m.warnings?.find(w => w.kind === 'duplicate-id')?.examples).toEqual(['c1'])
    // Totals are reconciled against the chambers as shown: the duplicate is not counted twice there either.
    expect(m.warnings?.some(w => w.detail.kind === 'totals-differ' && w.detail.by === 'chambers' && w.detail.of === null)).toBe(false)
  })

  it('sends a model only when it changed, and nothing for an unchanged feed', async () => {
    const server = feedServer({ status: 200, body: smallFeed(), etag: '"a"' })
    const keeper = createKeeper(server.http)
    const first = await keeper.take(request())
    expect(Object.keys(first.value!.models).length).toBeGreaterThan(10)
    const again = await keeper.take(request())
    expect(again).toEqual({ ok: true, value: { kind: 'unchanged', models: {}, prints: {}, sections: {}, serverDate: null, bytes: null } })
    const f = smallFeed()
    f.summary.memberCount = 101
    server.set({ status: 200, body: f, etag: '"b"' })
    const changed = await keeper.take(request())
    expect(Object.keys(changed.value!.models)).toEqual(['headline', 'categories', 'warnings'])
  })

  it('sends the first take\'s headline and charts ahead of the rest, once', async () => {
    const server = feedServer({ status: 200, body: smallFeed(), etag: '"a"' })
    const keeper = createKeeper(server.http)
    const early: SnapshotUpdate[] = []
    const first = await keeper.take(request(), undefined, u => early.push(u))
    expect(early).toHaveLength(1)
    const ahead = Object.keys(early[0]!.models)
    expect(new Set(ahead)).toEqual(firstDrawModels)
    expect(early[0]!.envelope?.generatedAt).toBeTruthy()
    expect(early[0]!.etag).toBe('"a"')
    // The reply brings every other model, and none of those again.
    const rest = Object.keys(first.value!.models)
    expect(rest.filter(n => ahead.includes(n))).toEqual([])
    expect([...ahead, ...rest].sort()).toEqual([...modelNames].sort())
    expect(first.value!.envelope).toBeUndefined()
    const f = smallFeed()
    f.summary.memberCount = 101
    server.set({ status: 200, body: f, etag: '"b"' })
    const next = await keeper.take(request(), undefined, u => early.push(u))
    expect(early).toHaveLength(1)
    expect(Object.keys(next.value!.models)).toEqual(['headline', 'categories', 'warnings'])
  })

  it('re-derives the time-bound models when the day turns, even on a 304', async () => {
    const keeper = createKeeper(feedServer({ status: 200, body: smallFeed(), etag: '"a"' }).http)
    await keeper.take(request())
    vi.setSystemTime(new Date('2026-11-26T16:05:00Z')) // 00:05 in Shanghai, the next day
    const next = await keeper.take(request())
    expect(next.value!.kind).toBe('unchanged')
    expect(next.value!.models.study?.isToday).toBe(false)
  })

  it('adopts the ETag only of a body it accepted', async () => {
    const server = feedServer({ status: 200, body: { ...smallFeed(), schemaVersion: 2 }, etag: '"x"' })
    const keeper = createKeeper(server.http)
    const refused = await keeper.take(request())
    expect(refused.ok).toBe(false)
    const again = await keeper.take(request())
    // The refused body's ETag was not sent: the server answered with the body, refused again.
    expect(again.ok).toBe(false)
    expect(again.value!.kind).toBe('data')
  })

  it('pages, sorts, searches and exports 200,000 learners where they are', async () => {
    const f = smallFeed()
    f.study.individuals = Array.from({ length: 200_000 }, (_, i) => ({ id: `p${i}`, name: i === 123_456 ? '欧阳小明' : `学员${i}`, chamberId: i % 2 ? 'c1' : 'c3', pointsToday: i % 97, pointsTotal: i }))
    const keeper = createKeeper(feedServer({ status: 200, body: f }).http)
    await keeper.take(request())
    const page = keeper.query({ kind: 'learners', scope: { kind: 'all' }, table: { filter: '', sort: { key: 'pointsToday', direction: 'descending' }, page: 3, pageSize: 50 } })
    expect([page.total, page.page, page.pageCount, page.rows.length, page.from]).toEqual([200_000, 3, 4_000, 50, 101])
    expect(page.rows[0]!.pointsToday).toBe(96)
    expect(page.rows[0]!.chamberName).toMatch(/商会|协会/)
    const found = keeper.query({ kind: 'learners', scope: { kind: 'search', text: '欧阳' }, table })
    expect(found.rows.map(r => r.id)).toEqual(['p123456'])
    const csv = keeper.query({ kind: 'learners-csv', scope: { kind: 'chamber', id: 'c3' }, table: { filter: '学员199998', sort: null }, columns: [{ key: 'name', label: '姓名', none: '无', unknown: '未提供' }, { key: 'pointsToday', label: '今日积分', none: '无', unknown: '未提供' }] })
    expect(csv.split('\r\n').slice(0, 2)).toEqual(['\uFEFF"姓名","今日积分"', '"学员199998","81"'])
  }, 30_000) // 200,000 records: seconds on a loaded two-core machine, not a timing test
})
