import type { TestStore } from './harness.ts'
import iconv from 'iconv-lite'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { runImport } from '../../server/commit/pipeline.ts'
import { withdraw } from '../../server/commit/withdraw.ts'
import { dataVersion } from '../../server/store/db.ts'
import { currentImport, listImports, rowsOf } from '../../server/store/imports.ts'
import { csv, PARTY_HEADER, roster } from './files.ts'
import { testStore } from './harness.ts'

let store: TestStore
beforeAll(async () => {
  store = await testStore()
})
beforeEach(async () => store.reset())
afterAll(async () => store.close())

function commit(kind: string, period: string, file: ReturnType<typeof csv>, extra: { dryRun?: boolean, demo?: boolean } = {}) {
  return runImport(store.db, { kind, period, file, who: 'test', dryRun: extra.dryRun ?? false, demo: extra.demo })
}

function answer(outcome: Awaited<ReturnType<typeof runImport>>) {
  if (!('answer' in outcome))
    throw new Error(`expected an answer, got ${JSON.stringify(outcome)}`)
  return outcome.answer
}

describe('an import', () => {
  it('commits a roster, says nothing changed when the same file comes again, and counts a change', async () => {
    const first = answer(await commit('chambers', '2026-11', csv(roster(10))))
    expect(first).toMatchObject({ ok: true, rows: 10, added: 10, changed: 0, removed: 0, unchanged: 0 })
    expect(first.importId).toBeTypeOf('number')
    const v1 = await dataVersion(store.db)

    const again = answer(await commit('chambers', '2026-11', csv(roster(10))))
    expect(again).toMatchObject({ ok: true, added: 0, changed: 0, removed: 0, unchanged: 10, importId: first.importId })
    expect(await dataVersion(store.db)).toBe(v1)

    const next = answer(await commit('chambers', '2026-11', csv(roster(9, (r, i) => {
      if (i === 3)
        r[6] = 999
    }))))
    expect(next).toMatchObject({ ok: true, added: 0, changed: 1, removed: 1, unchanged: 8 })
    expect(next.changes.find(c => c.change === 'changed')).toMatchObject({ key: 'C003', row: 4 })
    expect(await dataVersion(store.db)).toBe(v1 + 1)
  })

  it('stores nothing on a dry run, and answers as the commit would', async () => {
    const dry = answer(await commit('chambers', '2026-11', csv(roster(5)), { dryRun: true }))
    expect(dry).toMatchObject({ ok: true, dryRun: true, added: 5, importId: null })
    expect(await currentImport(store.db, 'chambers', '2026-11')).toBeNull()
    expect(await listImports(store.db)).toHaveLength(0)
  })

  it('stores nothing when any row is wrong, and names each row and column as Excel numbers them', async () => {
    const rows = roster(4, (r, i) => {
      if (i === 2)
        r[6] = '十二'
      if (i === 4)
        r[2] = '外星商会'
    })
    rows.unshift(['2026年11月商会名册'])
    const bad = await commit('chambers', '2026-11', csv(rows))
    expect(bad.status).toBe(422)
    const errors = answer(bad).errors
    expect(errors).toEqual(expect.arrayContaining([
      expect.objectContaining({ row: 4, column: '会员数' }),
      expect.objectContaining({ row: 6, column: '类别' }),
    ]))
    expect(await listImports(store.db)).toHaveLength(0)
  })

  it('names both rows of a 商会编号 given twice', async () => {
    const rows = roster(3)
    rows.push([...rows[1]!])
    const out = answer(await commit('chambers', '2026-11', csv(rows)))
    expect(out.ok).toBe(false)
    expect(out.errors[0]).toMatchObject({ row: 5, column: '商会编号' })
    expect(out.errors[0]!.message).toContain('第 2 行')
  })

  it('checks party organisations against the month\'s roster', async () => {
    const party = csv([PARTY_HEADER, ['C001', '第1商会党支部', '党支部', 12, 4, '是'], ['C404', '无此商会党支部', '党支部', 3, '', '否']])
    const before = answer(await commit('party', '2026-11', party))
    expect(before.ok).toBe(false)
    expect(before.errors[0]!.message).toContain('商会名册')
    await commit('chambers', '2026-11', csv(roster(5)))
    const after = answer(await commit('party', '2026-11', party))
    expect(after.errors).toEqual([expect.objectContaining({ row: 3, column: '商会编号' })])
    expect(after.errors[0]!.message).toContain('C404')
  })

  it('withdraws a commit: the period goes back, and the withdrawn file committed again is a change', async () => {
    const a = answer(await commit('chambers', '2026-11', csv(roster(4))))
    const b = answer(await commit('chambers', '2026-11', csv(roster(6))))
    const out = await withdraw(store.db, b.importId!, 'test')
    expect(out).toMatchObject({ status: 200, answer: { restoredImportId: a.importId } })
    expect((await currentImport(store.db, 'chambers', '2026-11'))!.id).toBe(a.importId)
    const again = answer(await commit('chambers', '2026-11', csv(roster(6))))
    expect(again).toMatchObject({ added: 2, unchanged: 4 })
    expect(again.importId).not.toBe(b.importId)
    const history = await listImports(store.db)
    expect(history.map(h => h.action)).toEqual(['import', 'withdraw', 'import', 'import'])
    expect(await withdraw(store.db, a.importId!, 'test')).toMatchObject({ status: 409 })
  })

  it('refuses an unknown kind, a wrong period and an empty file with clear words', async () => {
    expect(await commit('members', '2026-11', csv(roster(1)))).toMatchObject({ status: 404, error: { code: 'UNKNOWN_KIND' } })
    expect(await commit('chambers', '2026-13', csv(roster(1)))).toMatchObject({ status: 400, error: { code: 'BAD_PERIOD' } })
    expect(await commit('study', '2026-02-30', csv(roster(1)))).toMatchObject({ status: 400 })
    const empty = await commit('chambers', '2026-11', { name: 'e.csv', bytes: new Uint8Array(), contentType: 'text/csv' })
    expect(empty.status).toBe(422)
  })

  it('refuses a period still to come: it would take the wall over', async () => {
    const now = new Date('2026-12-07T02:00:00Z')
    const out = await runImport(store.db, { kind: 'chambers', period: '2027-01', file: csv(roster(2)), who: 'test', dryRun: false }, now)
    expect(out).toMatchObject({ status: 400, error: { code: 'FUTURE_PERIOD' } })
    expect((await runImport(store.db, { kind: 'study', period: '2026-12-08', file: csv(roster(2)), who: 'test', dryRun: true }, now)).status).toBe(400)
    expect((await runImport(store.db, { kind: 'chambers', period: '2026-12', file: csv(roster(2)), who: 'test', dryRun: true }, now)).status).toBe(200)
  })

  it('warns before a roster drops chambers that the month\'s party organisations still name', async () => {
    await commit('chambers', '2026-11', csv(roster(5)))
    await commit('party', '2026-11', csv([PARTY_HEADER, ['C001', '第1商会党支部', '党支部', 12, '', '是'], ['C005', '第5商会党支部', '党支部', 8, '', '否']]))
    const dry = answer(await commit('chambers', '2026-11', csv(roster(3)), { dryRun: true }))
    expect(dry).toMatchObject({ ok: true, removed: 2 })
    expect(dry.warnings).toEqual(expect.arrayContaining([expect.objectContaining({ column: '商会编号', message: expect.stringContaining('党组织中有商会不在此名册中，将不再计入：C005') })]))
  })

  it('names an empty file by its hash too', async () => {
    const out = answer(await commit('chambers', '2026-11', { name: 'e.csv', bytes: new Uint8Array(), contentType: 'text/csv' }))
    expect(out.sha256).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855')
  })

  it('keeps SQL, markup and formulas in cells as text, never run', async () => {
    const hostile = ['\'; DROP TABLE imports; --', '<img src=x onerror=alert(1)>', '=cmd|\' /C calc\'!A0']
    const out = answer(await commit('chambers', '2026-11', csv(roster(3, (r, i) => {
      r[1] = hostile[i - 1]!
    }))))
    expect(out.ok).toBe(true)
    const stored = await rowsOf<{ name: string }>(store.db, out.importId!)
    expect(stored.map(r => r.name)).toEqual(hostile)
    expect(await listImports(store.db)).toHaveLength(1)
  })

  it('reads a CSV saved by Excel on Chinese Windows (GB18030)', async () => {
    const text = roster(2).map(r => r.join(',')).join('\r\n')
    const out = answer(await commit('chambers', '2026-11', { name: '名册.csv', bytes: iconv.encode(text, 'gb18030'), contentType: 'text/csv' }))
    expect(out.ok).toBe(true)
    const stored = await rowsOf<{ name: string, category: string }>(store.db, out.importId!)
    expect(stored[0]).toMatchObject({ name: '杭州市第1商会', category: 'industry' })
  })

  it('never mixes demo and real data', async () => {
    answer(await commit('chambers', '2026-11', csv(roster(2)), { demo: true }))
    expect(await commit('chambers', '2026-12', csv(roster(2)))).toMatchObject({ status: 409, error: { code: 'DEMO_LOADED' } })
  })

  it('serialises two imports of one kind and period: the result is one file or the other, whole', async () => {
    const small = csv(roster(3))
    const large = csv(roster(40, (r) => {
      r[6] = 7
    }))
    const [x, y] = await Promise.all([commit('chambers', '2026-11', large), commit('chambers', '2026-11', small)])
    for (const o of [x, y])
      expect([200, 409]).toContain(o.status)
    const now = await currentImport(store.db, 'chambers', '2026-11')
    const rows = await rowsOf<{ memberCount: number }>(store.db, now!.id)
    expect(rows.length === 3 ? rows.every(r => r.memberCount !== 7) : rows.length === 40 && rows.every(r => r.memberCount === 7)).toBe(true)
  })
})
