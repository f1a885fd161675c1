import type { CellResult, CellRule } from '../../server/imports/cells.ts'
import type { RawCell, SheetRow } from '../../server/imports/types.ts'
import { describe, expect, it } from 'vitest'
import { at, count, date, EMPTY, FORMULA_WITHOUT_VALUE, oneOf, optional, points, readCells, refine, required, score, stars, text, yesNo } from '../../server/imports/cells.ts'
import { categoryNames } from '../../src/import-kinds.ts'

function value<T>(r: CellResult<T>) {
  if (!r.ok)
    throw new Error(`expected a value, got: ${r.message}`)
  return r.value
}
function message<T>(r: CellResult<T>) {
  if (r.ok)
    throw new Error(`expected a problem, got: ${JSON.stringify(r.value)}`)
  return r.message
}
const formula = { formula: 'SUM(B2:B9)' }

describe('empty cells and formulas', () => {
  it('an empty required cell cannot be empty, an empty optional one is null', () => {
    for (const cell of [null, '', '   ', '\u3000\u3000', ' \t\n']) {
      expect(message(required(count)(cell))).toBe(EMPTY)
      expect(value(optional(count)(cell))).toBeNull()
    }
    expect(EMPTY).toBe('不能为空')
  })

  it('a formula without a computed value is always an error, required or not', () => {
    const rules: CellRule<unknown>[] = [required(count), optional(count), required(text()), optional(date), optional(yesNo)]
    for (const read of rules)
      expect(message(read(formula))).toBe('公式没有计算结果（请在 Excel 中重新计算并保存）')
    expect(FORMULA_WITHOUT_VALUE).toBe('公式没有计算结果（请在 Excel 中重新计算并保存）')
  })
})

describe('text', () => {
  const read = required(text())

  it('is trimmed of spaces of any width and otherwise kept as typed', () => {
    expect(value(read('  商会  甲 '))).toBe('商会  甲')
    expect(value(read('\u3000杭州市温州商会\u3000'))).toBe('杭州市温州商会')
    expect(value(read('\uFEFF第一行\n第二行'))).toBe('第一行\n第二行')
  })

  it('reads a number cell as Excel shows it (an id typed as 1001)', () => {
    expect(value(read(1001))).toBe('1001')
    expect(value(read(true))).toBe('TRUE')
    expect(value(read(new Date(Date.UTC(2026, 10, 2))))).toBe('2026-11-02')
  })

  it('keeps SQL, markup and spreadsheet formulas verbatim: data, not danger', () => {
    for (const s of [`'; DROP TABLE imports; --`, '<img src=x onerror=alert(1)>', `=cmd|' /C calc'!A0`, '@SUM(1+1)*cmd', '-2+3'])
      expect(value(read(s))).toBe(s)
  })

  it('caps the length and says so', () => {
    expect(value(read('商'.repeat(200)))).toHaveLength(200)
    expect(message(read('商'.repeat(250)))).toBe('超过 200 字（实为 250 字）')
    expect(message(required(text(64))('x'.repeat(65)))).toBe('超过 64 字（实为 65 字）')
    // Characters, not UTF-16 units: an emoji is one.
    expect(value(required(text(3))('😀😀😀'))).toBe('😀😀😀')
  })
})

describe('counts', () => {
  const read = required(count)

  it('reads number cells and numbers as people type them', () => {
    const cases: [RawCell, number][] = [
      [812, 812],
      [' 812 ', 812],
      ['1,234', 1234],
      ['43,255', 43255],
      ['１２３４', 1234],
      ['１，２３４', 1234],
      ['1,234,567', 1234567],
      ['0', 0],
      [0, 0],
      [-0, 0],
      ['007', 7],
      ['812.0', 812],
      [100_000_000, 100_000_000],
    ]
    for (const [cell, n] of cases)
      expect(value(read(cell)), String(cell)).toBe(n)
    expect(Object.is(value(read(-0)), 0)).toBe(true)
  })

  it('rejects decimals, negatives, exponents, words, and says what it found', () => {
    expect(message(read('12.5'))).toBe('应为非负整数，实为“12.5”')
    expect(message(read(12.5))).toBe('应为非负整数，实为“12.5”')
    expect(message(read('-3'))).toBe('应为非负整数，实为“-3”')
    expect(message(read(-3))).toBe('应为非负整数，实为“-3”')
    expect(message(read('1e400'))).toBe('应为非负整数，实为“1e400”')
    expect(message(read('1e3'))).toBe('应为非负整数，实为“1e3”')
    expect(message(read('八百'))).toBe('应为非负整数，实为“八百”')
    expect(message(read('812人'))).toBe('应为非负整数，实为“812人”')
    expect(message(read('12,5'))).toBe('应为非负整数，实为“12,5”')
    expect(message(read(true))).toBe('应为非负整数，实为“TRUE”')
    expect(message(read(new Date(Date.UTC(2026, 10, 2))))).toBe('应为非负整数，实为“2026-11-02”')
    expect(message(read(Number.NaN))).toMatch(/^应为非负整数/)
  })

  it('caps at the feed\'s MAX_COUNT', () => {
    expect(message(read(100_000_001))).toBe('超出上限 100,000,000，实为“100000001”')
    expect(message(read('100,000,001'))).toBe('超出上限 100,000,000，实为“100,000,001”')
    expect(message(read(Number.POSITIVE_INFINITY))).toMatch(/^超出上限/)
    expect(message(read('9'.repeat(400)))).toMatch(/^超出上限 100,000,000，实为“9{40}…”$/)
  })
})

describe('points, stars and scores', () => {
  it('points are numbers ≥ 0, decimals allowed, capped at a billion', () => {
    const read = required(points)
    expect(value(read('12.5'))).toBe(12.5)
    expect(value(read('1,234.5'))).toBe(1234.5)
    expect(value(read(0))).toBe(0)
    expect(value(read(1_000_000_000))).toBe(1_000_000_000)
    expect(message(read('-1'))).toBe('应为非负数，实为“-1”')
    expect(message(read(1_000_000_001))).toBe('超出上限 1,000,000,000，实为“1000000001”')
  })

  it('stars are integers 1–5', () => {
    const read = required(stars)
    expect(value(read('５'))).toBe(5)
    expect(value(read(1))).toBe(1)
    for (const cell of [0, 6, '3.5', '★★★'])
      expect(message(read(cell))).toMatch(/^应为 1–5 的整数，实为“/)
  })

  it('scores are 0–100, decimals allowed', () => {
    const read = required(score)
    expect(value(read('87.5'))).toBe(87.5)
    expect(value(read(100))).toBe(100)
    expect(value(read(0))).toBe(0)
    expect(message(read(100.5))).toBe('应为 0–100 的数，实为“100.5”')
    expect(message(read('-1'))).toBe('应为 0–100 的数，实为“-1”')
    expect(message(read('85%'))).toBe('应为 0–100 的数，实为“85%”')
  })
})

describe('dates', () => {
  const read = required(date)

  it('reads the written forms and date cells as YYYY-MM-DD', () => {
    const cases: [RawCell, string][] = [
      ['2026-11-02', '2026-11-02'],
      ['2026/11/2', '2026-11-02'],
      ['2026年11月2日', '2026-11-02'],
      ['2026 年 11 月 2 日', '2026-11-02'],
      ['2026.11.2', '2026-11-02'],
      [' 2026-1-5 ', '2026-01-05'],
      ['２０２６－１１－０２', '2026-11-02'],
      ['2026/11/2 0:00', '2026-11-02'],
      ['2024-02-29', '2024-02-29'],
      [new Date(Date.UTC(2026, 10, 2)), '2026-11-02'],
      // exceljs's float drift just before midnight is still the day it means.
      [new Date(Date.UTC(2026, 10, 2) - 1), '2026-11-02'],
    ]
    for (const [cell, day] of cases)
      expect(value(read(cell)), String(cell)).toBe(day)
  })

  it('reads a date cell by its UTC calendar day, whatever the server\'s zone', () => {
    expect(value(read(new Date('2026-12-31T00:00:00Z')))).toBe('2026-12-31')
    expect(value(read(new Date('2026-01-01T00:00:00Z')))).toBe('2026-01-01')
  })

  it('a date must exist', () => {
    expect(message(read('2026-02-30'))).toBe('日期不存在：“2026-02-30”')
    expect(message(read('2025-02-29'))).toBe('日期不存在：“2025-02-29”')
    expect(message(read('2026/13/1'))).toBe('日期不存在：“2026/13/1”')
    expect(message(read('2026年4月31日'))).toBe('日期不存在：“2026年4月31日”')
    expect(message(read('2026-11-00'))).toBe('日期不存在：“2026-11-00”')
  })

  it('rejects what is not a date, saying what it found', () => {
    const forms = '应为日期（如 2026-11-02、2026/11/2、2026年11月2日）'
    expect(message(read('下周一'))).toBe(`${forms}，实为“下周一”`)
    expect(message(read('2026-11/02'))).toBe(`${forms}，实为“2026-11/02”`)
    expect(message(read('11/2/2026'))).toBe(`${forms}，实为“11/2/2026”`)
    expect(message(read(46328))).toBe(`${forms}，实为“46328”`)
    expect(message(read(new Date(Number.NaN)))).toBe(`${forms}，实为无效日期`)
    expect(message(read('0026-11-02'))).toBe('日期应在 1900–2200 年间，实为“0026-11-02”')
  })
})

describe('yes and no', () => {
  const read = required(yesNo)

  it('reads every way of saying it', () => {
    for (const cell of ['是', '是的', 'Y', 'y', 'TRUE', 'True', 'true', '1', 1, true, ' 是 ', 'Ｙ'])
      expect(value(read(cell)), String(cell)).toBe(true)
    for (const cell of ['否', 'N', 'n', 'FALSE', 'false', '0', 0, false])
      expect(value(read(cell)), String(cell)).toBe(false)
  })

  it('rejects anything else, listing the words', () => {
    expect(message(read('也许'))).toBe('应为 是 或 否（也可写 是的、Y/N、TRUE/FALSE、1/0），实为“也许”')
    expect(message(read(2))).toMatch(/实为“2”$/)
  })
})

describe('one of', () => {
  const read = required(oneOf(categoryNames, { ids: true, aliases: { 行业协会: 'industry' } }))

  it('reads a name, its id or an alias, whatever its width, case or spaces', () => {
    expect(value(read('异地商会'))).toBe('nonlocal')
    expect(value(read('市场(园区、楼宇)商会'))).toBe('market')
    expect(value(read(' 市场（园区、楼宇）商会 '))).toBe('market')
    expect(value(read('Grassroots'))).toBe('grassroots')
    expect(value(read('行业协会'))).toBe('industry')
  })

  it('lists the allowed words when the cell holds none of them', () => {
    expect(message(read('外地商会'))).toBe('应为 行业商会、行业协会 / 异地商会 / 市场（园区、楼宇）商会 / 区县市镇街商会 / 其他商会 之一（或其编号），实为“外地商会”')
    expect(message(required(oneOf({ a: '甲', b: '乙' }))('a'))).toBe('应为 甲 / 乙 之一，实为“a”')
  })
})

describe('rules on a value and whole rows', () => {
  it('refine adds a rule after the reading', () => {
    const inNovember = required(refine(date, d => d.startsWith('2026-11-') ? null : `应在 2026-11 内，实为“${d}”`))
    expect(value(inNovember('2026/11/30'))).toBe('2026-11-30')
    expect(message(inNovember('2026/12/1'))).toBe('应在 2026-11 内，实为“2026-12-01”')
  })

  it('readCells reports every bad cell with its row and header; an absent column is empty', () => {
    const row: SheetRow = { row: 7, cells: new Map<string, RawCell>([['数', '12.5'], ['日', '2026-02-30'], ['名', '甲']]) }
    const fields = { n: at('数', required(count)), d: at('日', optional(date)), name: at('名', required(text())), flag: at('无此列', optional(yesNo)) }
    expect(readCells(row, fields)).toEqual({
      ok: false,
      problems: [
        { row: 7, column: '数', message: '应为非负整数，实为“12.5”' },
        { row: 7, column: '日', message: '日期不存在：“2026-02-30”' },
      ],
    })
    const good: SheetRow = { row: 8, cells: new Map<string, RawCell>([['数', '1,234'], ['日', null], ['名', '乙']]) }
    expect(readCells(good, fields)).toEqual({ ok: true, value: { n: 1234, d: null, name: '乙', flag: null } })
  })
})
