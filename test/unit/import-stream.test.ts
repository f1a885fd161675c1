import { describe, expect, it } from 'vitest'
import { completeLines, createPhaseReader, importOutcome } from '~/service/import-stream.ts'
import { ServiceProblem } from '~/service/problem.ts'

const answer = {
  ok: true,
  kind: 'chambers',
  period: '2026-11',
  dryRun: true,
  rows: 3,
  added: 3,
  changed: 0,
  removed: 0,
  unchanged: 0,
  warnings: [{ row: 3, column: '片组', message: '照录' }],
  errors: [],
  importId: null,
  sha256: '08dee0bb6082f941f475ddaf27dbd9dbe47346715b536a9366fbe2e9027ffb92',
  basedOn: null,
  changes: [{ change: 'added', key: 'C0001', row: 3, before: null, after: { id: 'C0001' } }],
}
const lines = (...xs: unknown[]) => xs.map(x => `${JSON.stringify(x)}\n`).join('')

function problem(run: () => unknown): ServiceProblem {
  try {
    run()
  }
  catch (e) {
    if (e instanceof ServiceProblem)
      return e
    throw e
  }
  throw new Error('no problem thrown')
}

describe('the import stream', () => {
  it('reads complete lines only: a line still arriving waits', () => {
    expect(completeLines('{"a":1}\n{"b"', 0)).toEqual({ lines: ['{"a":1}'], next: 8 })
    expect(completeLines('{"a":1}\n{"b"', 8)).toEqual({ lines: [], next: 8 })
    expect(completeLines('{"a":1}\n{"b":2}', 8, true)).toEqual({ lines: ['{"b":2}'], next: 15 })
    expect(completeLines('\n\r\n{"a":1}\r\n', 0).lines).toEqual(['{"a":1}'])
  })

  it('follows the phases as the text grows, each line read once', () => {
    const reader = createPhaseReader()
    let text = '{"phase":"rea'
    expect(reader.push(text)).toBeNull()
    text += 'ding"}\n'
    expect(reader.push(text)).toEqual({ phase: 'reading' })
    expect(reader.push(text)).toBeNull()
    text += lines({ phase: 'checking', rows: 120 }, { phase: 'checking', rows: 4460 })
    expect(reader.push(text)).toEqual({ phase: 'checking', rows: 4460 })
    // The answer line is no phase; garbage is skipped.
    text += 'not json\n'
    text += lines({ status: 200, answer })
    expect(reader.push(text)).toBeNull()
  })

  it('takes the last line\'s answer, with or without a final newline', () => {
    const stream = lines({ phase: 'reading' }, { phase: 'checking', rows: 3 }, { status: 200, answer })
    expect(importOutcome(200, stream).added).toBe(3)
    expect(importOutcome(200, stream.trimEnd()).changes[0]!.key).toBe('C0001')
    const refused = lines({ phase: 'reading' }, { status: 422, answer: { ...answer, ok: false, errors: [{ row: null, column: null, message: '文件是空的' }] } })
    expect(importOutcome(200, refused).errors[0]!.row).toBeNull()
  })

  it('takes the naming of fields and the period compared with; an older service without them reads as none', () => {
    const withThem = { ...answer, headers: { memberCount: '会员数' }, comparedWith: { period: '2026-10', importId: 3, fileName: '十月.csv', added: 1, changed: 2, removed: 0, unchanged: 97 } }
    expect(importOutcome(200, JSON.stringify(withThem))).toMatchObject({ headers: { memberCount: '会员数' }, comparedWith: { period: '2026-10' } })
    expect(importOutcome(200, JSON.stringify(answer))).toMatchObject({ headers: {}, comparedWith: null })
  })

  it('reads a plain JSON answer too (a service that does not stream)', () => {
    expect(importOutcome(200, JSON.stringify(answer)).rows).toBe(3)
    expect(importOutcome(422, JSON.stringify({ ...answer, ok: false })).ok).toBe(false)
  })

  it('throws the error a stream ends with, and the one a plain refusal states', () => {
    const stale = problem(() => importOutcome(200, lines({ phase: 'reading' }, { status: 409, error: { code: 'STALE', message: '另一位同事刚刚导入' } })))
    expect([stale.status, stale.code, stale.message]).toEqual([409, 'STALE', '另一位同事刚刚导入'])
    const tooLarge = problem(() => importOutcome(413, JSON.stringify({ error: { code: 'TOO_LARGE', message: '文件超过 20 MB 的上限' } })))
    expect([tooLarge.status, tooLarge.code]).toEqual([413, 'TOO_LARGE'])
    const signedOut = problem(() => importOutcome(401, '{"error":{"code":"SESSION_EXPIRED","message":"登录已过期"}}'))
    expect(signedOut.unauthenticated).toBe(true)
    const bare = problem(() => importOutcome(502, '<html>Bad Gateway</html>'))
    expect([bare.status, bare.code]).toEqual([502, 'HTTP'])
  })

  it('calls a cut-off or malformed stream what it is', () => {
    expect(problem(() => importOutcome(200, lines({ phase: 'reading' }, { phase: 'checking', rows: 3 }))).code).toBe('BAD_ANSWER')
    expect(problem(() => importOutcome(200, lines({ status: 200, answer: { ...answer, rows: -1 } }))).code).toBe('BAD_ANSWER')
    expect(problem(() => importOutcome(200, '')).code).toBe('BAD_ANSWER')
  })
})
