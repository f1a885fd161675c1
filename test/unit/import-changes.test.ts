import type { ImportAnswer } from '~/service/answers.ts'
import { describe, expect, it } from 'vitest'
import { zhCNStaff } from '~/i18n/zh-CN-staff.ts'
import { kindSpecs } from '~/import-kinds.ts'
import { changedFields, changeFields, fieldName, isSample, mayCommit, valueText } from '~/staff/imports/changes.ts'
import { historyState, shortSha } from '~/staff/imports/history.ts'

const words = { empty: '（空）', yes: '是', no: '否', listSep: '、' }

describe('what a dry run would change', () => {
  const before = { id: 'C0001', name: '杭州市温州商会', direct: true, memberCount: 1234, group: '第一片组', deputies: ['C0002', 'C0003'], extra: { a: 1, b: 2 } }

  it('lists only the fields that differ, in the record\'s order, before → after', () => {
    const after = { ...before, memberCount: 1240, group: null, direct: false }
    expect(changedFields(before, after)).toEqual([
      { field: 'direct', before: true, after: false },
      { field: 'memberCount', before: 1234, after: 1240 },
      { field: 'group', before: '第一片组', after: null },
    ])
  })

  it('compares by content: key order, and a field left out against null, are no change', () => {
    const after = { deputies: ['C0002', 'C0003'], extra: { b: 2, a: 1 }, id: 'C0001', name: '杭州市温州商会', direct: true, memberCount: 1234, group: '第一片组' }
    expect(changedFields(before, after)).toEqual([])
    expect(changedFields({ id: 'x', lastActivityDate: null }, { id: 'x' })).toEqual([])
    expect(changedFields({ id: 'x', d: ['a', 'b'] }, { id: 'x', d: ['b', 'a'] })).toEqual([{ field: 'd', before: ['a', 'b'], after: ['b', 'a'] }])
  })

  it('a field only one side has is a change, after the other side\'s fields', () => {
    expect(changedFields({ id: 'x' }, { id: 'x', stars: 4 })).toEqual([{ field: 'stars', before: undefined, after: 4 }])
  })

  it('an added record shows every field it brings, a removed one every field it had', () => {
    expect(changeFields({ change: 'added', key: 'C9', row: 3, before: null, after: { id: 'C9', n: 1 } }))
      .toEqual([{ field: 'id', before: undefined, after: 'C9' }, { field: 'n', before: undefined, after: 1 }])
    expect(changeFields({ change: 'removed', key: 'C9', row: null, before: { id: 'C9' }, after: null }))
      .toEqual([{ field: 'id', before: 'C9', after: undefined }])
  })

  it('says a value as stored: exact numbers, yes/no, lists, and nothing as empty', () => {
    expect(valueText(1234, words)).toBe('1234')
    expect(valueText(2026, words)).toBe('2026')
    expect(valueText(12.345, words)).toBe('12.345')
    expect(valueText(true, words)).toBe('是')
    expect(valueText(null, words)).toBe('（空）')
    expect(valueText(undefined, words)).toBe('（空）')
    expect(valueText('', words)).toBe('（空）')
    expect(valueText(['C1', 'C2'], words)).toBe('C1、C2')
    expect(valueText([], words)).toBe('（空）')
    expect(valueText({ a: 1 }, words)).toBe('{"a":1}')
  })

  const answer = (over: Partial<ImportAnswer>): ImportAnswer => ({
    ok: true,
    kind: 'chambers',
    period: '2026-11',
    dryRun: true,
    rows: 3,
    added: 0,
    changed: 0,
    removed: 0,
    unchanged: 3,
    warnings: [],
    errors: [],
    importId: null,
    sha256: 'a'.repeat(64),
    basedOn: null,
    changes: [],
    headers: {},
    comparedWith: null,
    ...over,
  })

  it('knows a sample: fewer changes listed than counted', () => {
    const one = { change: 'added' as const, key: 'C1', row: 2, before: null, after: { id: 'C1' } }
    expect(isSample(answer({ added: 1, changes: [one] }))).toBe(false)
    expect(isSample(answer({ added: 2001, changed: 5, changes: Array.from({ length: 2000 }, () => one) }))).toBe(true)
  })

  it('for an empty period, counts the sample against the period it compares with', () => {
    const one = { change: 'changed' as const, key: 'C1', row: 2, before: { id: 'C1' }, after: { id: 'C1' } }
    const compared = { period: '2026-10', importId: 3, fileName: '十月.csv', added: 1, changed: 1, removed: 0, unchanged: 98 }
    // 100 rows added to the empty month; 2 changes against October, both listed.
    expect(isSample(answer({ added: 100, changes: [one, one], comparedWith: compared }))).toBe(false)
    expect(isSample(answer({ added: 100, changes: [one], comparedWith: compared }))).toBe(true)
  })

  it('names a field by its column header, or by itself where the service gave none', () => {
    const headers = { memberCount: '会员数', toString: 'x' }
    expect(fieldName('memberCount', headers)).toBe('会员数')
    expect(fieldName('lastActivityDate', headers)).toBe('lastActivityDate')
    expect(fieldName('constructor', {})).toBe('constructor')
  })

  it('offers a commit only for a file that passed and would change something', () => {
    expect(mayCommit(answer({ added: 1 }))).toBe(true)
    expect(mayCommit(answer({ removed: 1 }))).toBe(true)
    expect(mayCommit(answer({}))).toBe(false)
    expect(mayCommit(answer({ ok: false, added: 1 }))).toBe(false)
  })
})

describe('the import history', () => {
  it('names each entry\'s state', () => {
    expect(historyState({ action: 'import', current: true, withdrawnAt: null })).toBe('current')
    expect(historyState({ action: 'import', current: false, withdrawnAt: '2026-12-01T00:00:00Z' })).toBe('withdrawn')
    expect(historyState({ action: 'import', current: false, withdrawnAt: null })).toBe('replaced')
    expect(historyState({ action: 'withdraw', current: false, withdrawnAt: null })).toBe('withdrawal')
  })

  it('shortens a SHA-256 to its first 12 hex digits', () => {
    expect(shortSha('08dee0bb6082f941f475ddaf27dbd9dbe47346715b536a9366fbe2e9027ffb92')).toBe('08dee0bb6082')
  })

  it('words each kind as import-kinds.ts names it', () => {
    for (const spec of Object.values(kindSpecs)) {
      expect(zhCNStaff[`importKind.${spec.kind}`]).toBe(spec.name)
      expect(zhCNStaff[`importReplaces.${spec.kind}`]).toBe(spec.replaces)
    }
  })
})
