import { describe, expect, it } from 'vitest'
import { csvCell, toCsv } from '~/tables/csv.ts'

describe('staff CSV export', () => {
  const csv = toCsv(['商会', '会员数'], [['杭州市温州商会', 812], ['杭州市"安徽"商会', null]])

  it('starts with a UTF-8 BOM so Excel reads the Chinese as UTF-8', () => {
    expect(csv.charCodeAt(0)).toBe(0xFEFF)
    expect(new TextEncoder().encode(csv).slice(0, 3)).toEqual(new Uint8Array([0xEF, 0xBB, 0xBF]))
  })

  it('quotes every cell, doubles quotes, ends every line with CRLF', () => {
    expect(csv).toBe('\uFEFF"商会","会员数"\r\n"杭州市温州商会","812"\r\n"杭州市""安徽""商会",""\r\n')
    expect(csv.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/)
  })

  it('keeps line breaks inside a quoted cell', () => {
    expect(csvCell('第一行\n第二行')).toBe('"第一行\n第二行"')
  })

  it.each([
    ['=HYPERLINK("http://x")', '"\'=HYPERLINK(""http://x"")"'],
    ['+1', '"\'+1"'],
    ['-2+3', '"\'-2+3"'],
    ['@SUM(A1)', '"\'@SUM(A1)"'],
    ['\tcmd', '"\'\tcmd"'],
    ['\rcmd', '"\'\rcmd"'],
  ])('defuses a formula-like cell %j', (cell, expected) => {
    expect(csvCell(cell)).toBe(expected)
  })

  it('leaves ordinary text and inert markup as they are', () => {
    expect(csvCell('<img src=x onerror=alert(1)>')).toBe('"<img src=x onerror=alert(1)>"')
    expect(csvCell('a=b')).toBe('"a=b"')
    expect(csvCell(0)).toBe('"0"')
  })
})
